"""Indexes that let PostgreSQL stop a word search of the archive after one page.

- On the search backend's table (Wagtail's database backend on PostgreSQL), a GIN index on the
  expression the backend matches, `title || body`: PostgreSQL then has statistics on it and
  knows a common word from a rare one. A common word is read in archive order until the page
  (or the count limit) is full; a rare one straight from this index.
- On the releases, their id as the text the search entries store: a rare word's few entries
  then find their releases by index instead of a scan of all releases.
"""

from django.db import migrations, models
from django.db.models.functions import Cast

SEARCH_INDEX = "pressroom_search_title_body"


def search_table(apps, schema_editor):
    """The search backend's table on PostgreSQL, when its title and body are text vectors."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return None
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = %s"
            " AND column_name IN ('title', 'body') AND udt_name = 'tsvector'",
            [table],
        )
        return table if cursor.fetchone()[0] == 2 else None


def add_search_index(apps, schema_editor):
    """The index, and fresh statistics on both indexed expressions (without them PostgreSQL
    guesses every word rare and scans)."""
    table = search_table(apps, schema_editor)
    if table:
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(SEARCH_INDEX)} ON {quote(table)}"
            " USING gin ((title || body))"
        )
        releases = apps.get_model("pressroom_announcements", "PressReleasePage")._meta.db_table
        schema_editor.execute(f"ANALYZE {quote(table)}, {quote(releases)}")


def drop_search_index(apps, schema_editor):
    if search_table(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(SEARCH_INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("pressroom_announcements", "0009_release_listing_index"),
        ("wagtailsearch", "0006_customise_indexentry"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pressreleasepage",
            index=models.Index(
                Cast("page_ptr", output_field=models.CharField(max_length=50)),
                name="pressroom_release_search_key",
            ),
        ),
        migrations.RunPython(add_search_index, drop_search_index),
    ]
