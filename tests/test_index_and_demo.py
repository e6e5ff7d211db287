import datetime as dt

import pytest
from django.core.management import call_command
from wagtail.models import Page

from announcements.models import PressReleasePage
from example_site.home.demo.loader import load_demo
from legal_pages.models import BarrierReport

from .conftest import berlin
from .helpers import soup_of


def test_index_lists_live_releases_newest_first(client, make_release, press_index):
    make_release(slug="alt", title="Ältere", release_date=berlin(2026, 1, 5, 9, 0))
    make_release(slug="neu", title="Neuere", release_date=berlin(2026, 2, 5, 9, 0))
    draft = make_release(slug="entwurf", title="Entwurf")
    draft.unpublish()
    teasers = soup_of(client.get(press_index.url)).select(".release-teaser h3")
    titles = [h.get_text(strip=True) for h in teasers]
    assert titles == ["Neuere", "Ältere"]


@pytest.mark.parametrize("page", ["0", "-1", "999", "abc", ""])
def test_index_pagination_never_fails(client, settings, make_release, press_index, page):
    settings.PRESSROOM_INDEX_PAGE_SIZE = 2
    for day in range(1, 6):
        make_release(slug=f"m{day}", title=f"Mitteilung {day}", release_date=berlin(2026, 1, day))
    soup = soup_of(client.get(press_index.url, {"page": page}))
    nav = soup.select_one("nav.pagination")
    assert nav["aria-label"] == "Seiten"
    assert len(nav.select("[aria-current=page]")) == 1
    assert len(soup.select(".release-list > li")) in (1, 2)


def page_snapshot():
    """Every page's address, title, state and content, for comparing two loads."""
    snapshot = []
    for page in Page.objects.filter(depth__gte=2).specific():
        body = getattr(page, "body", None)
        content = body.raw_data if hasattr(body, "raw_data") else body
        snapshot.append(
            (page.url_path, page.title, page.live, getattr(page, "lead", ""), str(content))
        )
    return sorted(snapshot)


def test_demo_loader_twice_gives_the_same_content(db):
    now = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
    load_demo(now=now)
    first = page_snapshot()
    load_demo(now=now)
    assert page_snapshot() == first
    assert PressReleasePage.objects.filter(locale__language_code="en").count() == 1
    assert PressReleasePage.objects.count() == 4
    assert BarrierReport.objects.overdue(now).count() == 1  # the listing's screenshot shows it
    assert BarrierReport.objects.count() == 4


def test_demo_command_prints_the_admin_login(db, capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "http://127.0.0.1:8000/admin/" in output and "admin" in output


def test_long_archives_get_a_short_pagination(client, settings, make_release, press_index):
    settings.PRESSROOM_INDEX_PAGE_SIZE = 1
    for day in range(1, 13):
        make_release(slug=f"t{day}", title=f"Tag {day}", release_date=berlin(2026, 1, day))
    nav = soup_of(client.get(press_index.url, {"page": "6"})).select_one("nav.pagination")
    texts = [a.get_text(" ", strip=True) for a in nav.select("a")]
    numbers = [text for text in texts if text.startswith("Seite ")]
    assert numbers[0] == "Seite 1" and numbers[-1] == "Seite 12" and len(numbers) < 12
    assert nav.select_one("[aria-current=page]").get_text(" ", strip=True) == "Seite 6"
    assert nav.select_one("a[rel=prev]").get_text() == "Vorherige Seite"
