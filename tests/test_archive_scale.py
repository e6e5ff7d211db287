"""The archive at scale: deep pages by older/newer links, search within one index, moves."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from announcements import archive
from announcements.models import PressReleaseIndexPage

from .conftest import berlin
from .helpers import soup_of


def titles_and_links(client, url):
    soup = soup_of(client.get(url))
    titles = [h.get_text(strip=True) for h in soup.select(".release-teaser h3")]
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("nav.pagination a")}
    return soup, titles, links


@pytest.fixture
def seven(make_release, settings, monkeypatch):
    """Seven releases, two per page, page numbers for the first two pages only."""
    settings.PRESSROOM_INDEX_PAGE_SIZE = 2
    monkeypatch.setattr(archive, "NUMBERED_PAGES", 2)
    for number in range(1, 8):
        make_release(slug=f"r{number}", title=f"R{number}", release_date=berlin(2026, 3, number))
    return [f"R{number}" for number in range(7, 0, -1)]  # newest first


def test_deep_pages_are_reached_by_older_links_and_back_by_newer(client, seven):
    _soup, page_one, links = titles_and_links(client, "/presse/")
    _soup, page_two, links = titles_and_links(client, "/presse/" + links["Nächste Seite"])
    seen, pages = page_one + page_two, []
    while "Ältere Pressemitteilungen" in links:
        soup, titles, links = titles_and_links(
            client, "/presse/" + links["Ältere Pressemitteilungen"]
        )
        assert "(ältere Pressemitteilungen)" in soup.select_one("#results-heading").get_text()
        pages.append((titles, links))
        seen += titles
    assert seen == seven  # every release once, in order, and the last page has no older link
    last_titles, last_links = pages[-1]
    _soup, newer, _links = titles_and_links(
        client, "/presse/" + last_links["Neuere Pressemitteilungen"]
    )
    assert newer == pages[-2][0]
    assert "Neueste Pressemitteilungen" in last_links
    again = client.get("/presse/" + last_links["Neuere Pressemitteilungen"])
    assert again["X-Pressroom-Cache"] == "hit"  # deep pages are cached like numbered ones


def test_an_unknown_position_shows_the_first_page(client, seven):
    _soup, titles, _links = titles_and_links(client, "/presse/?before=999999")
    assert titles == seven[:2]


def test_search_lists_only_this_index_and_pages_through_it(client, make_release, home, settings):
    settings.PRESSROOM_INDEX_PAGE_SIZE = 2
    for number in range(3):
        make_release(slug=f"t{number}", title=f"T{number}", lead="Tablets für Schulen.")
    other = home.add_child(instance=PressReleaseIndexPage(title="Andere", slug="andere"))
    stranger = make_release(slug="fremd", title="Fremd", lead="Tablets auch hier.")
    stranger.move(other, pos="last-child")
    call_command("update_index", verbosity=0)
    soup, first, links = titles_and_links(client, "/presse/?q=Tablets")
    assert "3 Pressemitteilungen" in soup.select_one("#results-heading").get_text()
    _soup, second, _links = titles_and_links(client, "/presse/" + links["Nächste Seite"])
    assert sorted(first + second) == ["T0", "T1", "T2"]
    assert titles_and_links(client, "/andere/?q=Tablets")[1] == ["Fremd"]


def test_a_moved_release_lists_under_its_new_index(client, make_release, home):
    release = make_release(title="Wandert")
    other = home.add_child(instance=PressReleaseIndexPage(title="Andere", slug="andere"))
    release.move(other, pos="last-child")
    assert titles_and_links(client, "/presse/")[1] == []
    assert titles_and_links(client, "/andere/")[1] == ["Wandert"]


def test_a_word_search_can_find_its_words_by_index_on_postgresql(make_release, home):
    """Migration 0010's index fits the match the search backend asks for (on PostgreSQL; SQLite
    has its own full-text table and gets no index). The match is taken from the archive's own
    query; seq scans are off, so the plan shows whether the index can serve it at all."""
    make_release(slug="t", title="Tablets", lead="Tablets für Schulen.")
    call_command("update_index", verbosity=0)
    index = PressReleaseIndexPage.objects.get(slug="presse")
    with CaptureQueriesContext(connection) as captured:
        found = list(archive.search(index.releases(), "Tablets")[:21])
    assert [release.title for release in found] == ["Tablets"]
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailsearch_indexentry")
        if connection.vendor != "postgresql":
            assert "pressroom_search_title_body" not in indexes
            return
        assert "pressroom_search_title_body" in indexes
        sql = next(query["sql"] for query in captured if "@@" in query["sql"])
        match = re.search(r"\(\S+\.\"title\" \|\| \S+\.\"body\"\) @@ \(to_tsquery\(.*?\)\)", sql)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT 1 FROM wagtailsearch_indexentry WHERE " + match.group())
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "pressroom_search_title_body" in plan


def test_searches_are_planned_for_their_words_not_by_a_generic_plan(client, make_release):
    """With prepared statements (the example site's PostgreSQL options) PostgreSQL would soon
    reuse a generic plan that takes every word for a rare one; a search page and feed ask for
    plans made for their words (set for their transaction only). Unfiltered pages keep the
    prepared plans."""
    make_release(slug="t", title="Tablets", lead="Tablets für Schulen.")
    call_command("update_index", verbosity=0)
    pages = {"/presse/": False, "/presse/feed/rss/": False}
    pages |= {"/presse/?q=Tablets": True, "/presse/feed/rss/?q=Tablets": True}
    for url, custom in pages.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200 and b"Tablets" in response.content
        statements = [query["sql"] for query in captured]
        asked = [sql for sql in statements if "plan_cache_mode" in sql]
        if connection.vendor != "postgresql":
            assert asked == [], url
            continue
        assert len(asked) == (1 if custom else 0), url
        if custom:
            matches = [n for n, sql in enumerate(statements) if "@@" in sql]
            assert matches and statements.index(asked[0]) < min(matches), url
