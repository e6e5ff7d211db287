"""The photo lock: every door to a withheld photo stays shut until its time, then opens.

Doors: the original's URL, rendition URLs, Wagtail's images API (detail, listing,
`download_url`), the admin's image chooser, listing, search and edit view, another release's
gallery and its preview — for anonymous visitors and for an editor of another issuer.
"""

import datetime as dt
import time

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from announcements import photo_lock
from announcements.models import Issuer, PhotoLock, PressReleaseIndexPage, PressReleasePage
from announcements.preview_photos import preview_photo_url

from .conftest import berlin, gallery_block
from .test_admin import error_messages

WRITTEN = berlin(2027, 3, 1, 9, 0)
RELEASE = berlin(2027, 3, 1, 18, 0)
BEFORE = RELEASE - dt.timedelta(seconds=1)
AFTER = RELEASE + dt.timedelta(seconds=1)


def at(moment, client, url):
    with time_machine.travel(moment, tick=False):
        return client.get(url)


def desk(home, issuer, slug):
    """A press desk: the issuer's index, photo collection and editors' group."""
    collection = Collection.get_first_root_node().add_child(name=f"Fotos {issuer.short_name}")
    issuer.photo_collection = collection
    issuer.save()
    index = home.add_child(
        instance=PressReleaseIndexPage(
            title=f"Presse {issuer.short_name}", slug=slug, issuer=issuer
        )
    )
    group = Group.objects.create(name=f"Redaktion {issuer.short_name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    return index, collection, group


def grant_images(group, collection):
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailimages"
            ),
        )


def member(group, name):
    user = User.objects.create_user(name, password="geheim-genug-123")
    user.groups.add(group)
    return user


@pytest.fixture
def desks(home, issuer):
    other = Issuer.objects.create(name="Staatskanzlei", short_name="StK")
    return {"A": desk(home, issuer, "stmt"), "B": desk(home, other, "stk")}


@pytest.fixture
def a_photo(photo, desks):
    photo.collection = desks["A"][1]
    photo.save()
    return photo


def fresh(image):
    """The image as stored now (refresh_from_db would re-read a locked file's dimensions)."""
    return type(image).objects.get(pk=image.pk)


@pytest.fixture
def old_rendition(a_photo):
    """A rendition made before the photo was withheld (e.g. the admin's thumbnail)."""
    return a_photo.get_rendition("max-165x165")


@pytest.fixture
def withheld(desks, a_photo, old_rendition, issuer):
    index = desks["A"][0]
    with time_machine.travel(WRITTEN, tick=False):
        release = PressReleasePage(
            title="Bürgerbüro eröffnet",
            slug="buergerbuero",
            release_date=WRITTEN,
            dateline="München",
            issuer=issuer,
            lead="Das Bürgerbüro ist eröffnet.",
            body=[gallery_block(a_photo, release_at=RELEASE)],
        )
        index.add_child(instance=release)
        release.save_revision().publish()
    return release


@pytest.fixture
def editor_b(desks):
    return member(desks["B"][2], "redaktion-stk")


@pytest.fixture
def editor_b_with_root_images(desks):
    """The usual set-up the issue describes: image permissions on the root collection."""
    group = desks["B"][2]
    grant_images(group, Collection.get_first_root_node())
    return member(group, "redaktion-stk-alle-bilder")


# The storage


def test_withheld_photo_is_moved_out_of_media_root_until_its_time(
    client, withheld, a_photo, media_root
):
    name = a_photo.file.name
    assert not (media_root / name).exists()
    assert (photo_lock.locked_root() / name).exists()
    assert not a_photo.renditions.exists()
    at(AFTER, client, withheld.url)
    assert (media_root / name).exists()
    assert not (photo_lock.locked_root() / name).exists()
    assert not PhotoLock.objects.exists()


# Anonymous visitors


def test_original_and_renditions_are_404_before_and_200_after(
    client, withheld, a_photo, old_rendition
):
    for url in (a_photo.file.url, old_rendition.url):
        assert at(BEFORE, client, url).status_code == 404, url
    # A direct request for the original after the time, before anyone opened the page.
    assert at(AFTER, client, a_photo.file.url).status_code == 200
    page = at(AFTER, client, withheld.url).content.decode()
    rendition = a_photo.renditions.get(filter_spec="max-800x600")
    assert rendition.url in page
    assert at(AFTER, client, rendition.url).status_code == 200


def test_images_api_knows_nothing_of_the_photo_until_its_time(client, withheld, a_photo):
    detail = f"/api/v2/images/{a_photo.pk}/"
    assert at(BEFORE, client, detail).status_code == 404
    listing = at(BEFORE, client, "/api/v2/images/?fields=download_url").json()
    assert a_photo.pk not in [item["id"] for item in listing["items"]]
    with time_machine.travel(AFTER, tick=False):
        data = client.get(detail).json()
        assert data["meta"]["download_url"].endswith(a_photo.file.url)
        assert client.get(data["meta"]["download_url"]).status_code == 200
        listing = client.get("/api/v2/images/").json()
        assert a_photo.pk in [item["id"] for item in listing["items"]]


def test_deleted_gallery_photo_leaves_the_api_answering(client, withheld, a_photo):
    a_photo.delete()
    response = at(AFTER, client, f"/api/v2/pages/{withheld.pk}/")
    assert response.status_code == 200
    gallery = response.json()["body"][0]["value"]
    assert gallery["state"] == "released" and gallery["images"] == []


# An editor of another issuer


@pytest.mark.parametrize("user_fixture", ["editor_b", "editor_b_with_root_images"])
def test_other_issuers_editor_cannot_reach_the_photo_in_the_admin(
    client, request, withheld, a_photo, user_fixture
):
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(request.getfixturevalue(user_fixture))
        chooser = client.get(reverse("wagtailimages_chooser:choose"))
        assert chooser.status_code == 200
        chosen = reverse("wagtailimages_chooser:chosen", args=[a_photo.pk])
        assert chosen not in chooser.json()["html"]
        assert client.get(a_photo.file.url).status_code == 404
        edit = client.get(reverse("wagtailimages:edit", args=[a_photo.pk]))
        if user_fixture == "editor_b":  # no image permission: no library, no edit view
            assert edit.status_code in (302, 403)
            listing = client.get(reverse("wagtailimages:index") + "?q=Testfoto")
            assert listing.status_code in (302, 403) or a_photo.title not in listing.text


def release_of_b(desks, photo):
    """The add form of a release of issuer B with `photo` in its gallery, as the admin posts it."""
    return release_form_with_gallery(desks["B"][0], photo)


def release_form_with_gallery(index, photo, release_at=""):
    item = {**gallery_block(photo)[1]["images"][0], "image": photo.pk}
    gallery = {
        "heading": "Fotos",
        "release_at": release_at,
        "images": {"count": "1", "0": {"value": item, "deleted": "", "order": "0", "id": ""}},
    }
    data = {
        "title": "Fremdes Foto",
        "slug": "fremdes-foto",
        "release_date": "2027-03-01 10:00",
        "dateline": "München",
        "issuer": index.specific.issuer.pk,
        "lead": "Kurz.",
        "body": streamfield([("image_gallery", gallery)]),
        "issuer_release_url": "",
        "comments": inline_formset([]),
        "corrections": inline_formset([]),
        "action-publish": "publish",
    }
    url = reverse(
        "wagtailadmin_pages:add", args=("pressroom_announcements", "pressreleasepage", index.pk)
    )
    return url, nested_form_data(data)


@pytest.mark.parametrize("user_fixture", ["editor_b", "editor_b_with_root_images"])
def test_other_issuers_gallery_refuses_the_withheld_photo(
    client, request, desks, withheld, a_photo, user_fixture
):
    url, data = release_of_b(desks, a_photo)
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(request.getfixturevalue(user_fixture))
        response = client.post(url, data)
    assert response.status_code == 200
    assert error_messages(response.context["form"].errors["body"].as_data()) == [
        "„Testfoto“ ist für eine andere Mitteilung gesperrt."
    ]
    assert not PressReleasePage.objects.filter(slug="fremdes-foto").exists()


@pytest.mark.parametrize(
    ("user_fixture", "message"),
    [
        ("editor_b", "Sie dürfen das Foto „Testfoto“ nicht verwenden."),
        (
            "editor_b_with_root_images",
            "„Testfoto“ liegt nicht in der Foto-Sammlung „Fotos StK“ des Herausgebers.",
        ),
    ],
)
def test_other_issuers_gallery_refuses_a_photo_of_another_collection(
    client, request, desks, a_photo, user_fixture, message
):
    url, data = release_of_b(desks, a_photo)
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(url, data)
    assert response.status_code == 200
    assert error_messages(response.context["form"].errors["body"].as_data()) == [message]


def test_own_collection_photo_is_accepted(client, desks, photo_factory):
    own = photo_factory("Eigenes Foto", 8)
    own.collection = desks["B"][1]
    own.save()
    editor = member(desks["B"][2], "redaktion-stk-fotos")
    grant_images(desks["B"][2], desks["B"][1])
    url, data = release_of_b(desks, own)
    client.force_login(editor)
    assert client.post(url, data).status_code == 302
    assert PressReleasePage.objects.get(slug="fremdes-foto").live


def test_other_issuers_preview_url_does_not_serve_the_photo(
    client, desks, withheld, a_photo, editor_b_with_root_images
):
    index_b = desks["B"][0]
    draft = PressReleasePage(
        title="Entwurf", slug="entwurf", issuer=index_b.issuer, dateline="X", lead="Kurz."
    )
    index_b.add_child(instance=draft)
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(editor_b_with_root_images)
        for owner in (draft, index_b):
            for spec in ("max-800x600", "original"):
                url = preview_photo_url(owner, a_photo, spec)
                assert client.get(url).status_code == 404


def test_a_photo_locked_for_another_release_is_left_out_where_it_is_reused(
    client, desks, withheld, a_photo, make_release
):
    other = make_release(body=[gallery_block(a_photo)], slug="wiederverwendet")
    with time_machine.travel(BEFORE, tick=False):
        html = client.get(other.url).content.decode()
    assert a_photo.file.url not in html
    assert a_photo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] not in html


def test_own_editor_still_previews_the_withheld_photo(client, desks, withheld, a_photo):
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(member(desks["A"][2], "redaktion-stmt"))
        served = client.get(preview_photo_url(withheld, a_photo))
    assert served.status_code == 200 and served.getvalue()[:3] == b"\xff\xd8\xff"


# Moving the time, unlocking


def test_moving_the_gallery_time_forward_keeps_the_lock_and_removing_it_releases(
    client, withheld, a_photo
):
    with time_machine.travel(WRITTEN, tick=False):
        later = RELEASE + dt.timedelta(days=1)
        withheld.body = [gallery_block(a_photo, release_at=later)]
        withheld.save_revision().publish()
        assert PhotoLock.objects.get(image=a_photo).until == later
        withheld.body = [gallery_block(a_photo)]
        withheld.save_revision().publish()
        assert not PhotoLock.objects.exists()
        assert client.get(a_photo.file.url).status_code == 200


def test_a_draft_with_a_gallery_time_locks_before_anything_is_published(
    client, withheld, a_photo, photo_factory
):
    new = photo_factory("Neues Foto", 7)
    with time_machine.travel(WRITTEN, tick=False):
        withheld.body = [gallery_block(a_photo, release_at=RELEASE), gallery_block(new, RELEASE)]
        withheld.save_revision()  # a draft only
        assert client.get(new.file.url).status_code == 404
        withheld.refresh_from_db()
        withheld.get_latest_revision().publish()
    assert at(AFTER, client, new.file.url).status_code == 200


def test_deleting_the_release_gives_the_photo_back(client, withheld, a_photo):
    with time_machine.travel(BEFORE, tick=False):
        withheld.delete()
        assert client.get(a_photo.file.url).status_code == 200


def test_the_command_releases_due_photos_without_any_request(withheld, a_photo, media_root):
    with time_machine.travel(AFTER, tick=False):
        call_command("purge_released_galleries")
    assert (media_root / a_photo.file.name).exists()


def test_doors_open_on_the_real_clock(client, make_release, photo):
    opens = timezone.now() + dt.timedelta(seconds=3)
    release = make_release(body=[gallery_block(photo, release_at=opens)], slug="echtzeit")
    photo = fresh(photo)
    assert client.get(photo.file.url).status_code == 404
    time.sleep(max(0.0, (opens - timezone.now()).total_seconds()) + 0.2)
    assert client.get(release.url).status_code == 200
    assert client.get(photo.file.url).status_code == 200


# System checks


def test_check_warns_about_wagtails_own_images_api(settings):
    from announcements.checks import check_images_api

    settings.ROOT_URLCONF = "tests.urls_stock_images_api"
    assert [message.id for message in check_images_api(None)] == ["pressroom_announcements.W001"]
    settings.ROOT_URLCONF = "example_site.urls"
    assert check_images_api(None) == []


def test_check_refuses_a_locked_folder_the_web_server_serves(settings, media_root):
    from announcements.checks import check_locked_storage

    settings.PRESSROOM_LOCKED_MEDIA_ROOT = media_root / "locked"
    assert [message.id for message in check_locked_storage(None)] == [
        "pressroom_announcements.E001"
    ]


def test_own_editor_can_edit_a_locked_photos_details(client, desks, withheld, a_photo):
    grant_images(desks["A"][2], desks["A"][1])
    with time_machine.travel(BEFORE, tick=False):
        client.force_login(member(desks["A"][2], "redaktion-stmt-fotos"))
        url = reverse("wagtailimages:edit", args=[a_photo.pk])
        assert client.get(url).status_code == 200
        data = {"title": "Eröffnung", "collection": desks["A"][1].pk, "tags": "", "alt": ""}
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        assert client.get(a_photo.file.url).status_code == 404
    assert fresh(a_photo).title == "Eröffnung"


def test_publish_check_audits_the_page_as_visitors_see_it(admin_client, settings, desks, a_photo):
    """A gallery that opens later shows its notice to visitors: nothing to hold publishing for."""
    settings.PRESSROOM_BLOCK_PUBLISH_ON_FINDINGS = True
    index = desks["A"][0]
    url, data = release_form_with_gallery(index, a_photo, release_at="2027-03-01 18:00")
    with time_machine.travel(WRITTEN, tick=False):
        admin_client.force_login(User.objects.create_superuser("chefin", password="x-geheim-123"))
        response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    release = PressReleasePage.objects.get(slug="fremdes-foto")
    assert release.live
    assert PhotoLock.objects.get(image=a_photo).page_id == release.pk


def test_web_server_sends_released_files_with_x_accel_redirect(client, settings, withheld, a_photo):
    settings.PRESSROOM_SENDFILE_HEADER = "X-Accel-Redirect"
    settings.PRESSROOM_SENDFILE_PREFIX = "/internal-media/"
    assert at(BEFORE, client, a_photo.file.url).status_code == 404
    response = at(AFTER, client, a_photo.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Accel-Redirect"] == "/internal-media/" + a_photo.file.name
    assert response.content == b""  # the web server sends the bytes
