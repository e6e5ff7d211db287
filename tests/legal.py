"""Field values and builders for the legal page types in tests."""

import datetime as dt

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from legal_pages.models import (
    AccessibilityStatementPage,
    EasyLanguagePage,
    ImpressumPage,
    PrivacyPage,
    SignLanguagePage,
)

IMPRESSUM = {
    "title": "Impressum",
    "slug": "impressum",
    "body_name": "Staatsministerium für Tests",
    "represented_by": "Staatsministerin Dr. Anna Beispiel",
    "postal_address": "Beispielstraße 1\n80333 München",
    "email": "poststelle@example.org",
    "phone": "+49 89 1234-0",
    "supervisory_authority": "Staatsregierung\nFranz-Josef-Strauß-Ring 1\n80539 München",
    "content_responsible_name": "Katrin Vorbild",
    "content_responsible_address": "Beispielstraße 1\n80333 München",
}

ACTIVITY = {
    "name": "Meldung von Barrieren",
    "purpose": "Beantwortung Ihrer Meldung.",
    "legal_basis": "Art. 6 Abs. 1 Buchst. e DSGVO",
    "recipients": "Die Beauftragte für Barrierefreiheit.",
    "retention": "Ein Jahr.",
    "third_country_transfer": "Keine.",
}
PRIVACY = {
    "title": "Datenschutz",
    "slug": "datenschutz",
    "controller": "Staatsministerium für Tests\nBeispielstraße 1\n80333 München",
    "controller_email": "poststelle@example.org",
    "dpo_name": "Dr. Daten Schutz",
    "dpo_contact": "datenschutz@example.org",
    "processing_activities": [("activity", ACTIVITY)],
    "server_logs": "<p>Protokolle werden nach 7 Tagen gelöscht.</p>",
    "cookies": "<p>Keine Cookies.</p>",
    "supervisory_authority_name": "Landesamt für Datenschutzaufsicht",
    "supervisory_authority_address": "Promenade 18\n91522 Ansbach",
    "supervisory_authority_url": "https://www.example.org/aufsicht",
    "provision_required": "<p>Nicht erforderlich.</p>",
    "automated_decisions": "<p>Keine.</p>",
}

BARRIER = {
    "content": "Alte PDF-Dateien",
    "reason": "disproportionate_burden",
    "explanation": "Die Umwandlung von 4.000 Dateien wäre unverhältnismäßig.",
    "alternative": "Auf Anfrage als Text.",
}
STATEMENT = {
    "title": "Barrierefreiheit",
    "slug": "barrierefreiheit",
    "conformance_status": "partially",
    "non_accessible_content": [("item", BARRIER)],
    "preparation_method": "self",
    "prepared_on": dt.date(2026, 3, 1),
    "last_reviewed_on": dt.date(2026, 3, 1),
    "feedback_contact": "Beauftragte für Barrierefreiheit\nBeispielstraße 1\n80333 München",
    "feedback_email": "barrierefreiheit@example.org",
}

EASY_LANGUAGE = {
    "title": "Leichte Sprache",
    "slug": "leichte-sprache",
    "about_site": "<p>Hier finden Sie Nachrichten vom Ministerium.</p>",
    "navigation": "<p>Oben ist das Menü.</p>",
    "accessibility": "<p>Schreiben Sie uns, wenn etwas nicht geht.</p>",
}


def document(name, data=b"WEBVTT\n"):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


def sign_language_fields():
    video = document("willkommen.webm", b"\x1aE\xdf\xa3")
    captions = document("willkommen.vtt", b"WEBVTT\n\n00:00.000 --> 00:04.000\nWillkommen\n")
    block = {
        "heading": "Willkommen",
        "video": video,
        "captions": captions,
        "transcript": "<p>Willkommen auf unserer Seite.</p>",
    }
    return {
        "title": "Gebärdensprache",
        "slug": "gebaerdensprache",
        "intro": "Unsere Seite in Deutscher Gebärdensprache.",
        "videos": [("video", block)],
    }


def publish(parent, model, fields):
    page = parent.add_child(instance=model(**fields))
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def impressum(home):
    return publish(home, ImpressumPage, IMPRESSUM)


def privacy(home):
    return publish(home, PrivacyPage, PRIVACY)


def statement(home, **fields):
    return publish(home, AccessibilityStatementPage, {**STATEMENT, **fields})


def easy_language(home):
    return publish(home, EasyLanguagePage, EASY_LANGUAGE)


def sign_language(home):
    return publish(home, SignLanguagePage, sign_language_fields())


def berlin_noon(day):
    from django.utils import timezone

    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_default_timezone())
