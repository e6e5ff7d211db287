"""Full-page cache for anonymous visitors, its invalidation, and CDN purges."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from announcements.models import Correction

from . import frontend_cache
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
