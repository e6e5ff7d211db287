"""Release times: one test per leak vector, before and after the time; clocks and DST.

Each test fails if its leak exists. Vectors that arrive with later features (feeds, sitemap,
API) get their tests with those features.
"""

import datetime as dt
import json
import re
import time

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from announcements import embargo
from announcements.models import PressReleasePage

from .conftest import berlin, gallery_block
from .helpers import soup_of

RELEASE = berlin(2026, 11, 25, 18, 0)
BEFORE = RELEASE - dt.timedelta(seconds=1)
CAPTION = "Eröffnung des Bürgerbüros."


@pytest.fixture
def withheld(make_release, photo):
    """A live release whose gallery opens at RELEASE."""
    with time_machine.travel(RELEASE - dt.timedelta(hours=8), tick=False):
        return make_release(body=[gallery_block(photo, release_at=RELEASE)])


@pytest.fixture
def embargoed(press_index, issuer):
    """A release scheduled with Wagtail's go-live time: not live until RELEASE."""
    with time_machine.travel(RELEASE - dt.timedelta(hours=8), tick=False):
        release = PressReleasePage(
            title="Sperrfrist-Mitteilung Zukunftsfonds",
            slug="zukunftsfonds",
            release_date=RELEASE,
            dateline="München",
            issuer=issuer,
            lead="Der Zukunftsfonds wird verdoppelt.",
            go_live_at=RELEASE,
            live=False,
        )
        press_index.add_child(instance=release)
        release.save_revision().publish()  # with go_live_at ahead: scheduled, not live
    return PressReleasePage.objects.get(pk=release.pk)


def photo_traces(image):
    """Every string that would let someone fetch a withheld photo."""
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return [stem, image.file.url, "/media/", "/admin/pressroom/photos/"]


def assert_no_photo(html, image):
    for trace in photo_traces(image):
        assert trace not in html, trace
    assert CAPTION not in html


def get_at(client, moment, url):
    with time_machine.travel(moment, tick=False):
        return client.get(url)


# (1) page URL


def test_1_page_shows_no_trace_of_withheld_photos(client, withheld, photo):
    html = get_at(client, BEFORE, withheld.url).content.decode()
    assert_no_photo(html, photo)
    after = soup_of(get_at(client, RELEASE, withheld.url))
    assert after.select_one(".gallery img")["src"].startswith("/media/images/pr-")


def test_1_embargoed_release_is_404_until_its_go_live_time(client, embargoed):
    assert get_at(client, BEFORE, "/presse/zukunftsfonds/").status_code == 404
    with time_machine.travel(RELEASE, tick=False):
        call_command("publish_scheduled")  # publishes what is strictly past its time
        assert client.get("/presse/zukunftsfonds/").status_code == 404
    with time_machine.travel(RELEASE + dt.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")  # the next run of the every-minute job
        assert client.get("/presse/zukunftsfonds/").status_code == 200


# (2) preview and shared-preview URLs without login


def preview_urls(page):
    return [
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/",
    ]


@pytest.mark.parametrize("release", ["withheld", "embargoed"])
def test_2_previews_need_a_login(client, request, release, photo):
    page = request.getfixturevalue(release)
    for url in preview_urls(page):
        response = get_at(client, BEFORE, url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        assert page.title not in response.content.decode()


def editor(name, *groups):
    user = User.objects.create_user(name, password="geheim-genug-123")
    user.groups.add(*(Group.objects.get(name=group) for group in groups))
    return user


def admin_only_user():
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Nur Admin-Zugang")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user("leserin", password="geheim-genug-123")
    user.groups.add(group)
    return user


def preview_html(page, user):
    with time_machine.travel(BEFORE, tick=False):
        response = page.make_preview_request(extra_request_attrs={"user": user})
    return response, response.content.decode()


def test_2_editor_preview_shows_banner_and_photos_behind_login(client, withheld, photo):
    moderator = editor("moderatorin", "Moderators")
    response, html = preview_html(withheld, moderator)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    soup = soup_of(response)
    banner = soup.select_one(".gallery .embargo-banner").get_text(" ", strip=True)
    assert banner.startswith("Unter Sperrfrist bis 25. November 2026, 18:00 Uhr")
    photo_url = soup.select_one(".gallery img")["src"]
    assert photo_url.startswith("/admin/pressroom/photos/")
    assert photo.file.url not in html  # the file's own address stays unknown

    with time_machine.travel(BEFORE, tick=False):  # right after the preview, as an editor would
        anonymous = client.get(photo_url)
        client.force_login(admin_only_user())  # may use the admin, not edit this page
        refused = client.get(photo_url)
        client.force_login(moderator)
        served = client.get(photo_url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert refused.status_code == 404
    assert served.status_code == 200
    assert {"private", "no-store"} <= set(served["Cache-Control"].split(", "))
    assert served.getvalue()[:3] == b"\xff\xd8\xff"  # a JPEG


@pytest.mark.parametrize(
    "mode, notice, banner, photos",
    [("", False, True, True), ("public", True, False, False), ("released", False, False, True)],
    ids=["editor", "as-visitors-now", "after-release"],
)
def test_2_preview_modes_show_each_state_and_never_a_public_photo_url(
    withheld, photo, mode, notice, banner, photos
):
    user = editor("moderatorin", "Moderators")
    with time_machine.travel(BEFORE, tick=False):
        response = withheld.make_preview_request(
            preview_mode=mode, extra_request_attrs={"user": user}
        )
    soup = soup_of(response)
    assert bool(soup.select_one(".gallery__notice")) is notice
    assert bool(soup.select_one(".gallery .embargo-banner")) is banner
    images = [img["src"] for img in soup.select(".gallery img")]
    assert bool(images) is photos
    assert all(src.startswith("/admin/pressroom/photos/") for src in images)
    assert photo.file.url not in response.content.decode()


def test_2_preview_photo_url_cannot_be_forged(admin_client, withheld, photo):
    assert admin_client.get("/admin/pressroom/photos/forged/").status_code == 404


def test_2_embargoed_release_preview_says_until_when(embargoed):
    response, _html = preview_html(embargoed, editor("moderatorin", "Moderators"))
    banner = soup_of(response).select_one(".release .embargo-banner").get_text(" ", strip=True)
    assert banner.startswith("Unter Sperrfrist bis 25. November 2026, 18:00 Uhr")


# (3) index and archive listings


def test_3_index_lists_neither_embargoed_release_nor_withheld_photos(
    client, withheld, embargoed, photo
):
    html = get_at(client, BEFORE, "/presse/").content.decode()
    assert embargoed.title not in html
    assert withheld.title in html
    assert_no_photo(html, photo)


# (4) RSS and Atom feeds


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_4_feeds_carry_neither_embargoed_release_nor_withheld_photos(
    client, withheld, embargoed, photo, kind
):
    xml = get_at(client, BEFORE, f"/presse/feed/{kind}/").content.decode()
    assert withheld.title in xml
    assert embargoed.title not in xml
    assert_no_photo(xml, photo)
    with time_machine.travel(RELEASE + dt.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
        assert embargoed.title in client.get(f"/presse/feed/{kind}/").content.decode()


# (5) sitemap


def test_5_sitemap_lists_the_embargoed_release_only_once_live(client, withheld, embargoed):
    xml = get_at(client, BEFORE, "/sitemap.xml").content.decode()
    assert withheld.url in xml and embargoed.url not in xml
    with time_machine.travel(RELEASE + dt.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
        assert "/presse/zukunftsfonds/" in client.get("/sitemap.xml").content.decode()


# (6) site search


def test_6_search_finds_neither_embargoed_release_nor_withheld_captions(withheld, embargoed):
    call_command("update_index", verbosity=0)  # Wagtail 7.0 indexes on commit, tests never commit
    with time_machine.travel(BEFORE, tick=False):
        live = Page.objects.live()
        assert not live.search("Zukunftsfonds")
        assert not live.search("Bürgerbüros")  # a word only in the withheld caption
    assert PressReleasePage.objects.live().search("Mitteilung")  # the index itself works


# (7) Wagtail API v2, listing and detail


def test_7_api_gives_gallery_state_but_no_withheld_photo(client, withheld, embargoed, photo):
    listing = get_at(client, BEFORE, "/api/v2/pages/?type=pressroom_announcements.PressReleasePage")
    assert [item["id"] for item in listing.json()["items"]] == [withheld.pk]
    assert get_at(client, BEFORE, f"/api/v2/pages/{embargoed.pk}/").status_code == 404
    detail = get_at(client, BEFORE, f"/api/v2/pages/{withheld.pk}/")
    assert_no_photo(detail.content.decode(), photo)
    [gallery] = [block for block in detail.json()["body"] if block["type"] == "image_gallery"]
    assert gallery["value"]["state"] == "withheld"
    assert gallery["value"]["release_at"] == "2026-11-25T18:00:00+01:00"
    released = get_at(client, RELEASE, f"/api/v2/pages/{withheld.pk}/").json()
    [gallery] = [block for block in released["body"] if block["type"] == "image_gallery"]
    assert gallery["value"]["state"] == "released"
    assert gallery["value"]["images"][0]["caption"] == CAPTION
    assert gallery["value"]["images"][0]["original"].endswith(photo.file.url)


def test_7_api_lists_the_embargoed_release_once_live(client, embargoed):
    with time_machine.travel(RELEASE + dt.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
        assert client.get(f"/api/v2/pages/{embargoed.pk}/").json()["lead"] == embargoed.lead


# (8) structured data and meta of this and other pages


def test_8_head_of_every_page_names_no_withheld_photo(client, withheld, embargoed, photo):
    for url in (withheld.url, "/presse/", "/"):
        soup = soup_of(get_at(client, BEFORE, url))
        head = str(soup.head)
        assert_no_photo(head, photo)
        assert embargoed.title not in str(soup)


def test_8_share_image_and_json_ld_image_only_once_released(client, withheld, photo):
    before = soup_of(get_at(client, BEFORE, withheld.url))
    assert before.select_one("meta[property='og:image']") is None
    assert "image" not in json.loads(before.select_one("script[type='application/ld+json']").string)
    after = soup_of(get_at(client, RELEASE, withheld.url))
    data = json.loads(after.select_one("script[type='application/ld+json']").string)
    assert data["image"] == [after.select_one("meta[property='og:image']")["content"]]
    assert data["image"][0].startswith("http://testserver/media/images/pr-")


# (9) original file, (10) renditions, (11) hi-res download


def test_9_original_file_name_cannot_be_guessed(photo, media_root):
    name = photo.file.name
    assert re.fullmatch(r"original_images/pr-[0-9a-f]{32}\.jpg", name)
    assert not (media_root / "original_images" / "demo-3.jpg").exists()


def test_9_an_image_uploaded_before_gets_its_name_protected_when_used(make_release, photo):
    # An image whose file still has its upload name (e.g. uploaded before installing the app).
    storage = photo.file.storage
    with photo.file.open("rb") as content:
        guessable = storage.save("original_images/ministerin-18uhr.jpg", content)
    photo.file.name = guessable
    photo.save()
    old_rendition = photo.get_rendition("max-800x600")
    release = make_release(body=[gallery_block(photo, release_at=RELEASE)])
    embargo.protect_gallery_images(release)
    photo.refresh_from_db()
    assert embargo.has_protected_name(photo.file.name)
    assert not storage.exists(guessable)
    assert not photo.renditions.filter(pk=old_rendition.pk).exists()


def test_10_renditions_are_named_after_the_protected_file(client, withheld, photo):
    assert soup_of(get_at(client, BEFORE, withheld.url)).select_one(".gallery img") is None
    soup = soup_of(get_at(client, RELEASE, withheld.url))
    src = soup.select_one(".gallery img")["src"]
    stem = photo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert src.startswith(f"/media/images/{stem}.")


def test_11_hi_res_download_appears_only_at_the_release_time(client, withheld, photo):
    assert not soup_of(get_at(client, BEFORE, withheld.url)).select(".gallery__download")
    link = soup_of(get_at(client, RELEASE, withheld.url)).select_one(".gallery__download a")
    assert link["href"] == photo.file.url
    assert "1200 × 800" in link.get_text()


# (12) cached responses


@pytest.fixture
def page_cache(settings):
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]


def test_12_cache_lifetime_is_capped_at_the_release_time(client, withheld):
    response = get_at(client, RELEASE - dt.timedelta(seconds=42), withheld.url)
    assert "max-age=42" in response["Cache-Control"]
    assert "max-age=300" in get_at(client, RELEASE, withheld.url)["Cache-Control"]


def test_12_a_page_cached_just_before_the_time_is_not_served_after_it(client, page_cache, withheld):
    first = get_at(client, RELEASE - dt.timedelta(seconds=30), withheld.url)
    assert soup_of(first).select_one("[data-gallery-state]")["data-gallery-state"] == "withheld"
    PressReleasePage.objects.filter(pk=withheld.pk).update(title="Geänderter Titel")
    cached = get_at(client, RELEASE - dt.timedelta(seconds=5), withheld.url)
    assert cached.content == first.content  # the cache is in effect
    after = soup_of(get_at(client, RELEASE + dt.timedelta(seconds=1), withheld.url))
    assert after.select_one("[data-gallery-state]")["data-gallery-state"] == "released"
    assert after.select_one(".gallery img")


# Time zones, daylight saving and the real clock


@pytest.mark.parametrize(
    "local, utc, offset",
    [
        ((2026, 3, 28, 18, 0), (2026, 3, 28, 17, 0), "+01:00"),  # last day of winter time
        ((2026, 3, 29, 18, 0), (2026, 3, 29, 16, 0), "+02:00"),  # clocks went forward at 2:00
        ((2026, 10, 25, 18, 0), (2026, 10, 25, 17, 0), "+01:00"),  # clocks went back at 3:00
    ],
    ids=["winter", "spring-forward-day", "fall-back-day"],
)
def test_release_time_is_local_and_correct_across_daylight_saving(
    client, make_release, photo, local, utc, offset
):
    naive = dt.datetime(*local)  # as the admin's date-time field stores it
    release = make_release(body=[gallery_block(photo, release_at=naive)])
    instant = dt.datetime(*utc, tzinfo=dt.UTC)
    notice = soup_of(get_at(client, instant - dt.timedelta(seconds=1), release.url))
    assert notice.select_one(".gallery__notice time")["datetime"].endswith(offset)
    assert "18:00 Uhr" in notice.select_one(".gallery__notice").get_text()
    assert soup_of(get_at(client, instant, release.url)).select_one(".gallery img")


def test_gallery_opens_on_the_real_clock_without_anyone_acting(client, make_release, photo):
    opens = timezone.now() + dt.timedelta(seconds=3)
    release = make_release(body=[gallery_block(photo, release_at=opens)])
    assert soup_of(client.get(release.url)).select_one(".gallery img") is None
    time.sleep(max(0, (opens - timezone.now()).total_seconds()) + 0.2)
    assert soup_of(client.get(release.url)).select_one(".gallery img")


def test_9_an_image_other_pages_already_show_keeps_its_name(
    make_release, photo, django_capture_on_commit_callbacks
):
    """Its name is public on the other page already: renaming would only break that page."""
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail 7.0 indexes on commit
        shown = make_release(slug="frueher", body=[gallery_block(photo)])
    storage = photo.file.storage
    with photo.file.open("rb") as content:
        photo.file.name = storage.save("original_images/ministerin-18uhr.jpg", content)
    photo.save()
    release = make_release(body=[gallery_block(photo, release_at=RELEASE)])
    assert embargo.protect_gallery_images(release) == 0
    photo.refresh_from_db()
    assert photo.file.name == "original_images/ministerin-18uhr.jpg"
    assert storage.exists(photo.file.name)
    shown.delete()
    assert embargo.protect_gallery_images(release) == 1  # now only this release uses it
