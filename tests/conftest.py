import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage
from example_site.home.models import HomePage

from .mail_server import SmtpServer

BERLIN = timezone.get_default_timezone()


def berlin(*args):
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def home(db):
    for page in Page.objects.filter(depth=2):
        page.delete()
    root = Page.get_first_root_node()  # after the deletion: treebeard keeps numchild in memory
    home = root.add_child(instance=HomePage(title="Startseite", slug="home"))
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Testamt"
    )
    Locale.objects.get_or_create(language_code="en")
    return home


@pytest.fixture
def issuer(db):
    return Issuer.objects.create(
        name="Staatsministerium für Tests",
        short_name="StMT",
        website="https://www.example.org/",
        press_contact_name="Pressestelle",
        press_contact_phone="+49 89 000-1",
        press_contact_email="presse@example.org",
    )


@pytest.fixture
def press_index(home):
    return home.add_child(instance=PressReleaseIndexPage(title="Pressemitteilungen", slug="presse"))


@pytest.fixture
def make_release(press_index, issuer):
    def make(body=(), slug="mitteilung", **fields):
        fields.setdefault("title", "Neue Mitteilung")
        fields.setdefault("release_date", berlin(2026, 3, 28, 10, 0))
        fields.setdefault("dateline", "München")
        fields.setdefault("lead", "Das Wichtigste in einem Satz.")
        fields.setdefault("issuer", issuer)
        release = PressReleasePage(slug=slug, body=list(body), **fields)
        press_index.add_child(instance=release)
        release.save_revision().publish()
        return PressReleasePage.objects.get(pk=release.pk)

    return make


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches (Wagtail caches renditions across tests otherwise)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def photo(db):
    from example_site.home.demo.images import demo_image

    return demo_image("Testfoto", seed=3)


def gallery_block(photo, release_at=None, heading="Fotos der Veranstaltung"):
    item = {
        "image": photo,
        "alt_text": "Die Ministerin schneidet ein Band durch.",
        "caption": "Eröffnung des Bürgerbüros.",
        "credit": "StMT / Eva Foto",
    }
    return ("image_gallery", {"heading": heading, "release_at": release_at, "images": [item]})


@pytest.fixture
def photo_factory(db):
    """demo_image(title, seed): another photo of the image library."""
    from example_site.home.demo.images import demo_image

    return demo_image


@pytest.fixture(autouse=True)
def no_audit_on_publish(settings):
    """Publishing queues no background audit, except in the tests of that (they switch it on)."""
    settings.PRESSROOM_AUDIT_ON_PUBLISH = False


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that the site's mail goes to."""
    with SmtpServer() as server:
        server.mail_settings(settings)
        yield server


@pytest.fixture
def editor_client(client, db):
    """Logged in as an editor of Wagtail's "Moderators" group (not a superuser)."""
    editor = User.objects.create_user("redakteurin", password="geheim-genug-123")
    editor.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)
    return client
