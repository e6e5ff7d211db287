"""Idempotent creation of the example site's content."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from announcements.models import (
    Correction,
    Issuer,
    PressReleaseIndexPage,
    PressReleasePage,
    Topic,
)
from legal_pages.models import (
    AccessibilityStatementPage,
    BarrierReport,
    EasyLanguagePage,
    ImpressumPage,
    LegalLinks,
    PrivacyPage,
    SignLanguagePage,
)

from ..models import HomePage, StandardPage
from . import content, legal_content
from .images import demo_document, demo_image

PHOTOS = {
    "launch-1": ("Demo: Start des Portals, Bühne", 0),
    "launch-2": ("Demo: Start des Portals, Infostand", 1),
    "open-day-1": ("Demo: Tag der offenen Tür, Mitmach-Labor", 2),
}


def stream_data(slug, blocks):
    """Raw StreamField data with ids derived from the slug, so reloading changes nothing."""

    def stable_id(*parts):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(map(str, parts))))

    data = []
    for position, (block_type, value) in enumerate(blocks):
        if isinstance(value, dict):  # list blocks inside (gallery photos) get stable ids too
            value = {
                key: [
                    {"type": "item", "value": item, "id": stable_id(slug, position, key, number)}
                    for number, item in enumerate(items)
                ]
                if isinstance(items, list)
                else items
                for key, items in value.items()
            }
        data.append({"type": block_type, "value": value, "id": stable_id(slug, position)})
    return DjangoJSONEncoder().encode(data)


def upsert_page(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created or updated, and published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def translated(page, locale, **fields):
    """The published translation of `page` into `locale` (its parent must be translated first)."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific  # with the url_path publishing set


def upsert_translated_page(home, english, model, texts):
    """The German page under the home page, and its English translation."""
    fields = dict(texts["de"])
    german = upsert_page(home, model, fields.pop("slug"), **fields)
    translated(german, english, **texts["en"])
    return german


def set_up_home():
    # Wagtail's welcome page (and the site pointing at it) make way for the home page.
    for welcome in Page.objects.filter(depth=2).not_type(HomePage):
        welcome.delete()
    root = Page.get_first_root_node()  # after the deletion: treebeard keeps numchild in memory
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        home = HomePage(title="Startseite", slug="home", locale=Locale.get_default())
        root.add_child(instance=home)
    home.intro = (
        "<p>Willkommen im Pressebereich des Staatsministeriums für Digitales und Verwaltung "
        "(Beispielseite von wagtail-pressroom).</p>"
    )
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return home


def upsert_releases(index, issuer, releases):
    topics = {
        slug: Topic.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in content.TOPICS.items()
    }
    for release in releases:
        fields = dict(release)
        slug = fields.pop("slug")
        fields["body"] = stream_data(slug, fields["body"])
        fields["topics"] = [topics[name] for name in fields.pop("topics", [])]
        fields["corrections"] = [
            Correction(corrected_at=moment, note=note)
            for moment, note in fields.pop("corrections", [])
        ]
        upsert_page(index, PressReleasePage, slug, issuer=issuer, **fields)


@transaction.atomic
def load_demo(now=None):
    now = now or timezone.now()
    english, _created = Locale.objects.get_or_create(language_code="en")
    home = set_up_home()
    issuer, _created = Issuer.objects.update_or_create(
        short_name=content.ISSUER["short_name"], defaults=content.ISSUER
    )
    photos = {key: demo_image(title, seed).pk for key, (title, seed) in PHOTOS.items()}

    index = upsert_page(
        home,
        PressReleaseIndexPage,
        "pressemitteilungen",
        title="Pressemitteilungen",
        intro="Aktuelle Pressemitteilungen des Staatsministeriums.",
        show_in_menus=True,
    )
    upsert_releases(index, issuer, content.german_releases(now, photos))

    translated(
        home,
        english,
        title="Home",
        intro="<p>Welcome to the press room of the Ministry (example site).</p>",
    )
    english_index = translated(
        index,
        english,
        title="Press releases",
        slug="press-releases",
        intro="Current press releases of the Ministry of State, in English.",
    )
    upsert_releases(english_index, issuer, content.english_releases(now, photos))

    links = LegalLinks.for_site(Site.objects.get(is_default_site=True))
    links.legal_notice_page = upsert_translated_page(
        home, english, ImpressumPage, content.IMPRESSUM
    )
    links.contact_page = upsert_translated_page(home, english, StandardPage, content.CONTACT)
    set_up_legal_pages(home, english, links, timezone.localdate(now))
    for report in legal_content.barrier_reports(now):
        BarrierReport.objects.get_or_create(
            statement=links.accessibility_page, email=report.pop("email"), defaults=report
        )
    links.save()
    return home


def with_streams(texts, *stream_names):
    """The page texts per language, their StreamField lists turned into raw data."""
    result = {}
    for language, fields in texts.items():
        fields = dict(fields)
        for name in stream_names:
            fields[name] = stream_data(f"{fields['slug']}/{name}", fields[name])
        result[language] = fields
    return result


def sign_language_texts():
    video = demo_document("Gebärdensprache: Demo-Video", "gebaerdensprache-demo.webm")
    texts = {}
    for language, fields in legal_content.SIGN_LANGUAGE.items():
        videos = []
        for position, (heading, text) in enumerate(legal_content.SIGN_LANGUAGE_TEXT[language]):
            caption_file = demo_document(
                f"{heading}: captions ({language})",
                f"captions-{language}-{position}.vtt",
                legal_content.captions(text).encode(),
            )
            videos.append(
                (
                    "video",
                    {
                        "heading": heading,
                        "video": video.pk,
                        "captions": caption_file.pk,
                        "transcript": f"<p>{text}</p>",
                    },
                )
            )
        texts[language] = {**fields, "videos": videos}
    return with_streams(texts, "videos")


def set_up_legal_pages(home, english, links, today):
    links.privacy_page = upsert_translated_page(
        home,
        english,
        PrivacyPage,
        with_streams(legal_content.PRIVACY, "processing_activities"),
    )
    links.accessibility_page = upsert_translated_page(
        home,
        english,
        AccessibilityStatementPage,
        with_streams(legal_content.statement(today), "non_accessible_content"),
    )
    links.easy_language_page = upsert_translated_page(
        home, english, EasyLanguagePage, legal_content.EASY_LANGUAGE
    )
    links.sign_language_page = upsert_translated_page(
        home, english, SignLanguagePage, sign_language_texts()
    )


def ensure_admin(username="admin", password=None):
    """A superuser for the demo; the password comes from PRESSROOM_DEMO_PASSWORD."""
    password = password or getattr(settings, "PRESSROOM_DEMO_PASSWORD", "pressroom-demo")
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=username, defaults={"email": "admin@example.org"}
    )
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return username, password
