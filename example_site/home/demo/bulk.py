"""Thousands of releases in seconds, for query-count tests and benchmarks.

Wagtail creates pages one by one (treebeard paths, revisions); for 10,000 releases this writes
the page rows with `bulk_create` and the release rows with one `executemany`, as live pages
without revisions. Not for real content: no revisions, no search index entries.
"""

import datetime as dt
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from announcements.models import PressReleasePage


def _insert_release_rows(releases):
    fields = PressReleasePage._meta.local_concrete_fields
    table = connection.ops.quote_name(PressReleasePage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(release, field.attname), connection) for field in fields]
        for release in releases
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


@transaction.atomic
def bulk_releases(index, issuer, count, topics=(), start=None, prefix="massenmitteilung"):
    """Create `count` live releases below `index`, one hour apart, newest last."""
    start = start or timezone.now() - dt.timedelta(hours=count)
    content_type = ContentType.objects.get_for_model(PressReleasePage)
    index.refresh_from_db()
    last = index.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    releases = []
    for number in range(count):
        slug = f"{prefix}-{first_step + number}"
        moment = start + dt.timedelta(hours=number)
        releases.append(
            PressReleasePage(
                title=f"Mitteilung Nr. {first_step + number}",
                draft_title=f"Mitteilung Nr. {first_step + number}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + number),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=moment,
                last_published_at=moment,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                release_date=moment,
                index_page_id=index.pk,
                dateline="München",
                issuer=issuer,
                lead=f"Kurzfassung der Mitteilung Nr. {first_step + number}.",
                body=[],
            )
        )
    pages = Page.objects.bulk_create([Page(**_page_fields(release)) for release in releases])
    for release, page in zip(releases, pages, strict=True):
        release.page_ptr_id = release.pk = page.pk
    _insert_release_rows(releases)
    if topics:
        through = PressReleasePage.topics.through
        through.objects.bulk_create(
            through(pressreleasepage_id=release.pk, topic_id=topic.pk)
            for release in releases
            for topic in topics
        )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    return releases


def _page_fields(release):
    return {field.attname: getattr(release, field.attname) for field in Page._meta.concrete_fields}
