"""Impressum, Datenschutz, Leichte Sprache, Gebärdensprache, the footer and the system checks."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal_pages.checks import legal_pages_exist
from legal_pages.models import (
    AccessibilityStatementPage,
    BarrierReport,
    EasyLanguagePage,
    ImpressumPage,
    LegalLinks,
    PrivacyPage,
    SignLanguagePage,
)

from . import legal
from .helpers import soup_of

IMPRESSUM = legal.IMPRESSUM


@pytest.fixture
def impressum(home):
    return legal.impressum(home)


REQUIRED = [name for name in IMPRESSUM if name not in ("title", "slug")]


@pytest.mark.parametrize("missing", REQUIRED)
def test_every_legally_required_item_is_required(home, missing):
    page = ImpressumPage(**{**IMPRESSUM, missing: ""})
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert set(error.value.message_dict) - {"path", "depth"} == {missing}


def test_vat_id_is_optional_but_checked(home):
    ImpressumPage(**{**IMPRESSUM, "vat_id": "DE123456789"}).full_clean(exclude=["path", "depth"])
    with pytest.raises(ValidationError) as error:
        ImpressumPage(**{**IMPRESSUM, "vat_id": "123"}).full_clean()
    assert "DE123456789" in " ".join(error.value.message_dict["vat_id"])


def test_impressum_shows_every_required_section(client, impressum):
    soup = soup_of(client.get(impressum.url))
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings == [
        "Herausgeber",
        "Kontakt",
        "Aufsichtsbehörde",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
    ]
    text = soup.select_one("main").get_text(" ", strip=True)
    for value in (
        "Staatsministerium für Tests",
        "Dr. Anna Beispiel",
        "80333 München",
        "poststelle@example.org",
        "+49 89 1234-0",
        "Katrin Vorbild",
    ):
        assert value in text
    assert soup.select_one("main a[href='mailto:poststelle@example.org']")


def test_only_one_impressum_per_site_and_language(home, impressum):
    assert ImpressumPage.can_create_at(home) is False


def test_the_first_impressum_can_be_created(home):
    assert ImpressumPage.can_create_at(home) is True


def check_ids():
    return [warning.id for warning in legal_pages_exist()]


def test_system_checks_name_every_missing_legal_page(home):
    assert check_ids() == [
        "pressroom_legal_pages.W001",
        "pressroom_legal_pages.W002",
        "pressroom_legal_pages.W003",
    ]


def test_system_checks_are_quiet_when_every_legal_page_is_live(home):
    legal.impressum(home), legal.privacy(home), legal.statement(home)
    assert check_ids() == []


def test_system_check_warns_again_when_a_page_is_unpublished(home, impressum):
    legal.privacy(home).unpublish()
    legal.statement(home)
    assert check_ids() == ["pressroom_legal_pages.W002"]


@pytest.mark.parametrize(
    "today, warned",
    [(dt.date(2027, 3, 1), False), (dt.date(2027, 3, 2), True)],
    ids=["365-days", "366-days"],
)
def test_system_check_warns_when_the_statement_review_is_over_a_year_old(home, today, warned):
    legal.impressum(home), legal.privacy(home)
    statement = legal.statement(home, last_reviewed_on=dt.date(2026, 3, 1))
    with time_machine.travel(legal.berlin_noon(today), tick=False):
        warnings = legal_pages_exist()
    assert [w.id for w in warnings] == (["pressroom_legal_pages.W004"] if warned else [])
    if warned:
        assert warnings[0].obj == statement
        assert "2026-03-01" in warnings[0].msg


def test_footer_links_every_legal_page_on_every_page(client, home, make_release, press_index):
    links = LegalLinks.for_site(home.get_site())
    links.legal_notice_page = legal.impressum(home)
    links.privacy_page = legal.privacy(home)
    links.accessibility_page = legal.statement(home)
    links.easy_language_page = legal.easy_language(home)
    links.sign_language_page = legal.sign_language(home)
    links.contact_page = press_index
    links.save()
    pages = [links.legal_notice_page, links.privacy_page, links.accessibility_page]
    pages += [links.easy_language_page, links.sign_language_page, press_index]
    expected = [
        ("Impressum", pages[0].url),
        ("Datenschutz", pages[1].url),
        ("Barrierefreiheit", pages[2].url),
        ("Leichte Sprache", pages[3].url),
        ("Gebärdensprache", pages[4].url),
        ("Kontakt", pages[5].url),
    ]
    for url in [make_release().url, "/", *(page.url for page in pages)]:
        footer = soup_of(client.get(url)).select_one("footer nav.legal-links")
        assert footer["aria-label"] == "Rechtliches und Barrierefreiheit"
        assert [(a.get_text(), a["href"]) for a in footer.select("a")] == expected


def footer_links_of(client, url):
    footer = soup_of(client.get(url)).select_one("footer nav.legal-links")
    return [(a.get_text(), a["href"]) for a in footer.select("a")] if footer else []


def test_kept_footer_follows_every_change_at_once(client, home, press_index):
    """The footer is kept in the cache; a new address, a new link, an unpublished or deleted page
    and a move show on the next request all the same."""
    impressum = legal.impressum(home)
    links = LegalLinks.for_site(home.get_site())
    links.legal_notice_page = impressum
    links.save()
    assert footer_links_of(client, "/") == [("Impressum", "/impressum/")]
    with CaptureQueriesContext(connection) as kept:
        assert footer_links_of(client, "/") == [("Impressum", "/impressum/")]
    assert not [q for q in kept.captured_queries if "legallinks" in q["sql"]]

    impressum.slug = "anbieter"
    impressum.save_revision().publish()
    assert footer_links_of(client, "/") == [("Impressum", "/anbieter/")]

    links.privacy_page = legal.privacy(home)
    links.save()
    assert [text for text, _url in footer_links_of(client, "/")] == ["Impressum", "Datenschutz"]

    impressum.unpublish()
    assert [text for text, _url in footer_links_of(client, "/")] == ["Datenschutz"]

    privacy = links.privacy_page
    privacy.move(press_index, pos="last-child")
    assert footer_links_of(client, "/") == [("Datenschutz", "/presse/datenschutz/")]

    PrivacyPage.objects.get(pk=privacy.pk).delete()
    assert footer_links_of(client, "/") == []


def test_kept_footer_is_per_language(client, home):
    links = LegalLinks.for_site(home.get_site())
    links.legal_notice_page = legal.impressum(home)
    links.save()
    assert footer_links_of(client, "/") == [("Impressum", "/impressum/")]
    assert footer_links_of(client, "/en/") == [("Legal notice", "/impressum/")]
    assert footer_links_of(client, "/") == [("Impressum", "/impressum/")]


# Datenschutzerklärung

PRIVACY_REQUIRED = [name for name in legal.PRIVACY if name not in ("title", "slug")]


@pytest.mark.parametrize("missing", PRIVACY_REQUIRED)
def test_privacy_policy_requires_every_art_13_item(home, missing):
    empty = [] if missing == "processing_activities" else ""
    page = PrivacyPage(**{**legal.PRIVACY, missing: empty})
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert set(error.value.message_dict) == {missing}


def test_privacy_policy_shows_every_required_section(client, home):
    soup = soup_of(client.get(legal.privacy(home).url))
    assert [h.get_text(strip=True) for h in soup.select("main h2")] == [
        "Verantwortliche Stelle",
        "Datenschutzbeauftragte oder Datenschutzbeauftragter",
        "Was wir verarbeiten, warum und wie lange",
        "Server-Protokolle",
        "Cookies",
        "Ihre Rechte",
        "Beschwerderecht",
        "Müssen Sie Ihre Daten angeben?",
        "Automatisierte Entscheidungen",
    ]
    activity = soup.select_one(".processing-activity")
    assert activity.h3.get_text() == "Meldung von Barrieren"
    terms = [dt_.get_text() for dt_ in activity.select("dt")]
    assert terms == [
        "Zweck",
        "Rechtsgrundlage",
        "Empfänger",
        "Speicherdauer",
        "Übermittlung in Drittländer",
    ]
    rights = soup.select_one("#privacy-rights").find_parent("section").get_text(" ")
    for article in range(15, 22):
        if article != 19:  # Art. 19 is the controller's duty to notify, not a right to claim
            assert f"Art. {article} DSGVO" in rights
    assert (
        "Landesamt für Datenschutzaufsicht"
        in soup.select_one("#privacy-complaint").find_parent("section").get_text()
    )


# Leichte Sprache and Gebärdensprache


def test_easy_language_page_explains_content_navigation_and_accessibility(client, home):
    links = LegalLinks.for_site(home.get_site())
    links.accessibility_page = legal.statement(home)
    links.save()
    soup = soup_of(client.get(legal.easy_language(home).url))
    assert [h.get_text() for h in soup.select("main h2")] == [
        "Das finden Sie auf dieser Internet-Seite",
        "So finden Sie sich zurecht",
        "Barriere-Freiheit",
    ]
    assert soup.select_one(f"main a[href='{links.accessibility_page.url}']")


@pytest.mark.parametrize("missing", ["about_site", "navigation", "accessibility"])
def test_easy_language_page_requires_each_section(home, missing):
    with pytest.raises(ValidationError) as error:
        EasyLanguagePage(**{**legal.EASY_LANGUAGE, missing: ""}).full_clean(
            exclude=["path", "depth"]
        )
    assert set(error.value.message_dict) == {missing}


def test_sign_language_video_has_captions_transcript_and_download(client, home):
    page = legal.sign_language(home)
    soup = soup_of(client.get(page.url))
    block = page.videos[0].value
    video = soup.select_one("main video[controls]")
    assert video.source["src"] == block["video"].url
    assert video.source["type"] == "video/webm"
    track = video.select_one("track[kind=captions]")
    assert track["src"] == block["captions"].url and track["srclang"] == "de"
    assert soup.select_one(f"main a[download][href='{block['video'].url}']")
    assert "Willkommen auf unserer Seite." in soup.select_one(".transcript").get_text()
    assert client.get(block["captions"].url).status_code == 200


def test_sign_language_page_needs_a_video(home):
    with pytest.raises(ValidationError):
        SignLanguagePage(**{**legal.sign_language_fields(), "videos": []}).full_clean(
            exclude=["path", "depth"]
        )


@pytest.mark.parametrize(
    "field, wrong_file", [("video", "notes.pdf"), ("captions", "captions.srt")]
)
def test_sign_language_video_rejects_wrong_file_types(home, field, wrong_file):
    fields = legal.sign_language_fields()
    block = SignLanguagePage.videos.field.stream_block.child_blocks["video"]
    value = {**fields["videos"][0][1], field: legal.document(wrong_file)}
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({**value, "video": value["video"].pk, "captions": value["captions"].pk})
        )


@pytest.mark.parametrize(
    "model", [PrivacyPage, AccessibilityStatementPage, EasyLanguagePage, SignLanguagePage]
)
def test_admin_offers_each_legal_page_type_once(admin_client, home, model):
    app, name = model._meta.app_label, model._meta.model_name
    url = f"/admin/pages/add/{app}/{name}/{home.pk}/"
    assert admin_client.get(url).status_code == 200
    {
        PrivacyPage: legal.privacy,
        AccessibilityStatementPage: legal.statement,
        EasyLanguagePage: legal.easy_language,
        SignLanguagePage: legal.sign_language,
    }[model](home)
    refused = admin_client.get(url)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # with a message


def test_reported_barriers_are_listed_in_the_admin(admin_client, home):
    statement = legal.statement(home)
    BarrierReport.objects.create(statement=statement, email="erika@example.org", message="Hilfe")
    response = admin_client.get("/admin/snippets/pressroom_legal_pages/barrierreport/")
    assert response.status_code == 200
    assert "erika@example.org" in response.text
