"""Full-page cache for anonymous visitors, its invalidation, and CDN purges."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from announcements.models import Correction

from . import frontend_cache, importing
from .conftest import berlin, gallery_block
from .helpers import soup_of

CACHE = "X-Pressroom-Cache"


def twice(client, url):
    first, second = client.get(url), client.get(url)
    return first, second


@pytest.mark.parametrize("path", ["release", "/presse/", "/presse/feed/rss/", "/presse/feed/atom/"])
def test_anonymous_repeat_requests_are_served_from_the_cache(client, make_release, path):
    release = make_release()
    url = release.url if path == "release" else path
    first, second = twice(client, url)
    assert (first[CACHE], second[CACHE]) == ("miss", "hit")
    assert first.content == second.content


def test_logged_in_editors_never_get_a_cached_page(admin_client, make_release):
    release = make_release()
    first, second = twice(admin_client, release.url)
    assert CACHE not in first and CACHE not in second


def test_publishing_a_change_invalidates_at_once(client, make_release, press_index):
    release = make_release(title="Alter Titel")
    twice(client, release.url)
    twice(client, "/presse/")
    release.title = "Neuer Titel"
    release.save_revision().publish()
    assert soup_of(client.get(release.url)).h1.get_text() == "Neuer Titel"
    assert "Neuer Titel" in client.get("/presse/").content.decode()
    assert "Neuer Titel" in client.get("/presse/feed/rss/").content.decode()


def test_unpublishing_invalidates(client, make_release):
    release = make_release()
    twice(client, release.url)
    release.unpublish()
    assert client.get(release.url).status_code == 404


def test_a_correction_invalidates(client, make_release):
    release = make_release()
    twice(client, release.url)
    Correction.objects.create(release=release, note="Zahl korrigiert.")
    release.save_revision().publish()
    assert "Zahl korrigiert." in client.get(release.url).content.decode()


def test_editing_an_issuer_invalidates(client, make_release, issuer):
    release = make_release()
    twice(client, release.url)
    issuer.name = "Umbenanntes Ministerium"
    issuer.save()
    assert "Umbenanntes Ministerium" in client.get(release.url).content.decode()


def test_a_cached_copy_tells_downstream_caches_only_the_time_left(client, make_release, photo):
    opens = berlin(2026, 11, 25, 18, 0)
    release = make_release(body=[gallery_block(photo, release_at=opens)])
    with time_machine.travel(opens - dt.timedelta(seconds=30), tick=False):
        first = client.get(release.url)
    assert first[CACHE] == "miss" and "max-age=30" in first["Cache-Control"]
    with time_machine.travel(opens - dt.timedelta(seconds=10), tick=False):
        hit = client.get(release.url)
    assert hit[CACHE] == "hit" and "max-age=10" in hit["Cache-Control"]
    with time_machine.travel(opens + dt.timedelta(seconds=1), tick=False):
        after = client.get(release.url)
    assert after[CACHE] == "miss" and soup_of(after).select_one(".gallery img")


# Wagtail's frontend cache (CDN purging)


@pytest.fixture
def recording_cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.frontend_cache.RecordingBackend"}
    }
    frontend_cache.PURGED.clear()
    yield frontend_cache.PURGED
    frontend_cache.PURGED.clear()


def test_publishing_a_release_purges_it_its_index_and_feeds(
    recording_cdn, make_release, django_capture_on_commit_callbacks
):
    # Wagtail 7.0 purges in a task enqueued when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        make_release(slug="neu")
    assert set(recording_cdn) >= {
        "http://testserver/presse/neu/",
        "http://testserver/presse/",
        "http://testserver/presse/feed/rss/",
        "http://testserver/presse/feed/atom/",
    }


def test_opened_galleries_are_purged_by_the_every_minute_command(
    recording_cdn, make_release, photo, django_capture_on_commit_callbacks
):
    opens = berlin(2026, 11, 25, 18, 0)
    with time_machine.travel(opens - dt.timedelta(hours=1), tick=False):
        make_release(slug="galerie", body=[gallery_block(photo, release_at=opens)])
        call_command("purge_released_galleries")
    recording_cdn.clear()
    with (
        time_machine.travel(opens - dt.timedelta(seconds=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("purge_released_galleries")
    assert recording_cdn == []  # not open yet
    with (
        time_machine.travel(opens + dt.timedelta(seconds=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("purge_released_galleries")
    assert "http://testserver/presse/galerie/" in recording_cdn
    assert "http://testserver/presse/" in recording_cdn
    recording_cdn.clear()
    with (
        time_machine.travel(opens + dt.timedelta(seconds=90), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("purge_released_galleries")
    assert recording_cdn == []  # purged once, not on every run


def test_publishing_release_a_leaves_release_b_cached_and_serves_a_fresh(client, make_release):
    release_a = make_release(slug="a", title="A alt")
    release_b = make_release(slug="b", title="B")
    first_b = twice(client, release_b.url)[1]
    twice(client, release_a.url)
    twice(client, "/presse/")
    release_a.title = "A neu"
    release_a.save_revision().publish()
    again_b = client.get(release_b.url)
    assert again_b[CACHE] == "hit" and again_b.content == first_b.content
    fresh_a = client.get(release_a.url)
    assert fresh_a[CACHE] == "miss" and soup_of(fresh_a).h1.get_text() == "A neu"
    assert "A neu" in client.get("/presse/").content.decode()
    assert "A neu" in client.get("/presse/feed/atom/").content.decode()


def test_unpublishing_a_release_reloads_its_index(client, make_release):
    make_release(slug="a", title="Bleibt")
    leaving = make_release(slug="b", title="Geht")
    twice(client, "/presse/")
    leaving.unpublish()
    archive = client.get("/presse/").content.decode()
    assert "Bleibt" in archive and "Geht" not in archive


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=newsletter",
        "?fbclid=abc123",
        "?year=2026&x=1",
        "?q=Mitteilung",  # free-text searches are not cached
        "?year=1066",  # a year the archive does not have
        "?page=99",  # beyond the last page: page 1 is shown
        "?page=01",
        "?before=999999",  # no such release
        "?year=2026&year=2025",
        "?topic=%3Cscript%3E",
    ],
)
def test_query_strings_outside_what_the_archive_uses_are_never_cached(client, make_release, query):
    make_release()
    first, second = twice(client, "/presse/" + query)
    assert first.status_code == second.status_code == 200
    assert CACHE not in first and CACHE not in second


def test_distinct_tracking_parameters_leave_the_cache_as_it_was(client, make_release, settings):
    release = make_release()
    twice(client, release.url)
    cache_dir = Path(settings.CACHES["default"]["LOCATION"])
    files_before = {path.name for path in cache_dir.iterdir()}
    for number in range(200):
        response = client.get(f"{release.url}?utm_campaign={number}")
        assert response.status_code == 200 and CACHE not in response
    assert {path.name for path in cache_dir.iterdir()} == files_before


def test_the_same_filters_in_another_order_or_with_empty_fields_share_one_copy(
    client, make_release
):
    make_release(title="Im Archiv")
    first = client.get("/presse/?year=2026&month=3")
    again = client.get("/presse/?q=&month=3&topic=&issuer=&year=2026")
    assert (first[CACHE], again[CACHE]) == ("miss", "hit")
    assert "Im Archiv" in again.content.decode()


def test_the_page_cache_refuses_a_per_process_cache(db, settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(SystemCheckError, match="pressroom_announcements.E001") as error:
        call_command("check", tags=["caches"])
    assert "Redis" in str(error.value)
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "PageCache" not in name]
    call_command("check", tags=["caches"])  # without the middleware, nothing cached per process


def test_an_import_of_many_releases_refreshes_the_cached_index_once_at_the_end(
    client, make_release, press_index, issuer, tmp_path
):
    make_release(title="Schon da")
    importing.bind(press_index, issuer)
    first, second = twice(client, "/presse/")
    assert second[CACHE] == "hit"
    for number in (1, 2):
        (tmp_path / f"{number}.txt").write_text(
            f"Importierte Meldung {number}\n\nBerlin, 3. März 2020\n\n+++ Kurz. +++\n\nText.",
            encoding="utf-8",
        )
    assert importing.run(tmp_path, "--parent", press_index.pk, "--publish")[0] == 0
    index = client.get("/presse/")
    assert index[CACHE] == "miss"
    text = index.content.decode()
    assert "Importierte Meldung 1" in text and "Importierte Meldung 2" in text
