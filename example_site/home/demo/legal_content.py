"""Demo legal pages in German and English (a fictional ministry; check every fact before use)."""

import datetime as dt

from django.utils import timezone

POSTAL = (
    "Staatsministerium für Digitales und Verwaltung (Beispiel)\nBeispielstraße 1\n80333 München"
)
POSTAL_EN = (
    "Ministry of State for Digital Affairs and Administration (example)\nBeispielstraße 1\n"
    "80333 Munich\nGermany"
)
AUTHORITY = "Bayerisches Landesamt für Datenschutzaufsicht (Beispiel)"
AUTHORITY_ADDRESS = "Beispielweg 2\n91522 Ansbach"


def activity(name, purpose, basis, recipients, retention, transfer):
    return (
        "activity",
        {
            "name": name,
            "purpose": purpose,
            "legal_basis": basis,
            "recipients": recipients,
            "retention": retention,
            "third_country_transfer": transfer,
        },
    )


PRIVACY = {
    "de": {
        "title": "Datenschutzerklärung",
        "slug": "datenschutz",
        "controller": POSTAL,
        "controller_email": "poststelle@example.org",
        "dpo_name": "Behördliche Datenschutzbeauftragte des Staatsministeriums",
        "dpo_contact": "Beispielstraße 1\n80333 München\ndatenschutz@example.org",
        "processing_activities": [
            activity(
                "Bereitstellung der Website",
                "Auslieferung der Seiten und Schutz vor Angriffen.",
                "Art. 6 Abs. 1 Buchst. e DSGVO",
                "Unser IT-Dienstleister im Auftrag (Art. 28 DSGVO).",
                "Server-Protokolle werden nach 7 Tagen gelöscht.",
                "Keine.",
            ),
            activity(
                "Meldung von Barrieren",
                "Bearbeitung und Beantwortung Ihrer Meldung über das Formular.",
                "Art. 6 Abs. 1 Buchst. c und e DSGVO in Verbindung mit der BITV 2.0",
                "Die Beauftragte für Barrierefreiheit des Staatsministeriums.",
                "Ein Jahr nach Abschluss der Bearbeitung.",
                "Keine.",
            ),
        ],
        "server_logs": "<p>Bei jedem Aufruf speichert der Server Datum und Uhrzeit, die "
        "aufgerufene Adresse, den Statuscode und die gekürzte IP-Adresse. Die Protokolle werden "
        "nach 7 Tagen gelöscht.</p>",
        "cookies": "<p>Für Besucherinnen und Besucher setzen wir keine Cookies. Nur angemeldete "
        "Redakteurinnen und Redakteure erhalten ein technisch notwendiges Sitzungs-Cookie.</p>",
        "supervisory_authority_name": AUTHORITY,
        "supervisory_authority_address": AUTHORITY_ADDRESS,
        "supervisory_authority_url": "https://www.example.org/datenschutzaufsicht",
        "provision_required": "<p>Für den Besuch der Website müssen Sie keine Daten angeben. Für "
        "eine Antwort auf Ihre Meldung brauchen wir eine E-Mail-Adresse.</p>",
        "automated_decisions": "<p>Es gibt keine automatisierte Entscheidungsfindung und kein "
        "Profiling.</p>",
    },
    "en": {
        "title": "Privacy policy",
        "slug": "privacy",
        "controller": POSTAL_EN,
        "controller_email": "poststelle@example.org",
        "dpo_name": "Data protection officer of the Ministry",
        "dpo_contact": "Beispielstraße 1\n80333 Munich\ndatenschutz@example.org",
        "processing_activities": [
            activity(
                "Providing this website",
                "Delivering the pages and protecting them against attacks.",
                "Art. 6 (1) (e) GDPR",
                "Our IT service provider, on our behalf (Art. 28 GDPR).",
                "Server logs are deleted after 7 days.",
                "None.",
            ),
            activity(
                "Reports of barriers",
                "Handling and answering your report sent with the form.",
                "Art. 6 (1) (c) and (e) GDPR with BITV 2.0",
                "The Ministry's accessibility officer.",
                "One year after the report has been dealt with.",
                "None.",
            ),
        ],
        "server_logs": "<p>On every request the server records the date and time, the address "
        "requested, the status code and the shortened IP address. The logs are deleted after 7 "
        "days.</p>",
        "cookies": "<p>We set no cookies for visitors. Only logged-in editors receive a "
        "technically necessary session cookie.</p>",
        "supervisory_authority_name": "Bavarian Data Protection Authority (example)",
        "supervisory_authority_address": AUTHORITY_ADDRESS,
        "supervisory_authority_url": "https://www.example.org/datenschutzaufsicht",
        "provision_required": "<p>You do not have to give any data to visit this website. To "
        "answer your report, we need an email address.</p>",
        "automated_decisions": "<p>There is no automated decision-making and no profiling.</p>",
    },
}


def barrier(content, reason, explanation, alternative=""):
    return (
        "item",
        {
            "content": content,
            "reason": reason,
            "explanation": explanation,
            "alternative": alternative,
        },
    )


def statement(today):
    prepared = min(dt.date(2026, 11, 2), today)
    shared = {
        "legal_basis": "Art. 13 BayBGG, BayDiV (Beispiel)",
        "conformance_status": "partially",
        "preparation_method": "self",
        "prepared_on": prepared,
        "last_reviewed_on": prepared,
        "feedback_email": "barrierefreiheit@example.org",
        "feedback_phone": "+49 89 1234-5679",
    }
    return {
        "de": {
            **shared,
            "title": "Erklärung zur Barrierefreiheit",
            "slug": "barrierefreiheit",
            "feedback_contact": "Beauftragte für Barrierefreiheit\n" + POSTAL,
            "non_accessible_content": [
                barrier(
                    "Die Videos auf der Seite „Gebärdensprache“ dieser Beispielseite zeigen ein "
                    "Testbild, keine Gebärdensprache.",
                    "non_compliance",
                    "Die Beispielseite enthält keine echten Gebärdensprach-Videos.",
                    "Das Transkript unter jedem Video enthält den vollständigen Text.",
                ),
                barrier(
                    "PDF-Dateien, die vor dem 23. September 2018 veröffentlicht wurden.",
                    "out_of_scope",
                    "Dateien aus dieser Zeit fallen nicht unter die Anforderungen.",
                    "Auf Anfrage senden wir Ihnen den Inhalt als Text.",
                ),
            ],
        },
        "en": {
            **shared,
            "title": "Accessibility statement",
            "slug": "accessibility",
            "feedback_contact": "Accessibility officer\n" + POSTAL_EN,
            "non_accessible_content": [
                barrier(
                    "The videos on the “Sign language” page of this example site show a test "
                    "pattern, not sign language.",
                    "non_compliance",
                    "The example site holds no real sign-language videos.",
                    "The transcript below each video holds the full text.",
                ),
                barrier(
                    "PDF files published before 23 September 2018.",
                    "out_of_scope",
                    "Files from that time are outside the requirements.",
                    "On request we send you their content as text.",
                ),
            ],
        },
    }


EASY_LANGUAGE = {
    "de": {
        "title": "Leichte Sprache",
        "slug": "leichte-sprache",
        "about_site": "<p>Das ist die Internet-Seite vom Staats-Ministerium für Digitales.</p>"
        "<p>Hier finden Sie Presse-Mitteilungen.</p><p>Eine Presse-Mitteilung ist eine "
        "Nachricht vom Ministerium.</p>",
        "navigation": "<p>Oben auf jeder Seite ist das Menü.</p><p>Im Menü finden Sie die "
        "Presse-Mitteilungen.</p><p>Ganz unten auf jeder Seite sind wichtige Links.</p><p>Zum "
        "Beispiel: Kontakt und Impressum.</p>",
        "accessibility": "<p>Wir wollen: Alle Menschen können unsere Internet-Seite gut "
        "benutzen.</p><p>Das heißt: barriere-frei.</p><p>Etwas geht nicht gut? Dann schreiben "
        "Sie uns.</p><p>Wir antworten Ihnen in einem Monat.</p>",
    },
    "en": {
        "title": "Easy Read",
        "slug": "easy-read",
        "about_site": "<p>This is the website of the Ministry for Digital Affairs.</p><p>Here "
        "you find press releases.</p><p>A press release is news from the Ministry.</p>",
        "navigation": "<p>The menu is at the top of every page.</p><p>In the menu you find the "
        "press releases.</p><p>At the bottom of every page are important links.</p><p>For "
        "example: contact and legal notice.</p>",
        "accessibility": "<p>We want everyone to use our website well.</p><p>Something does "
        "not work for you? Write to us.</p><p>We answer you within one month.</p>",
    },
}

SIGN_LANGUAGE_TEXT = {
    "de": [
        (
            "Willkommen",
            "Willkommen auf der Internetseite des Staatsministeriums. Hier finden "
            "Sie unsere Pressemitteilungen.",
        ),
        (
            "So finden Sie sich zurecht",
            "Oben ist das Menü. Unten auf jeder Seite finden Sie "
            "Kontakt, Impressum, Datenschutz und die Erklärung zur Barrierefreiheit.",
        ),
    ],
    "en": [
        ("Welcome", "Welcome to the website of the Ministry. Here you find our press releases."),
        (
            "Finding your way",
            "The menu is at the top. At the bottom of every page you find "
            "contact, legal notice, privacy and the accessibility statement.",
        ),
    ],
}
SIGN_LANGUAGE = {
    "de": {
        "title": "Gebärdensprache",
        "slug": "gebaerdensprache",
        "intro": "Hier erklären wir unsere Internetseite in Deutscher Gebärdensprache. (Auf "
        "dieser Beispielseite zeigen die Videos ein Testbild.)",
    },
    "en": {
        "title": "Sign language",
        "slug": "sign-language",
        "intro": "Here we explain our website in German Sign Language. (On this example site "
        "the videos show a test pattern.)",
    },
}


def captions(text: str) -> str:
    """WebVTT captions spreading the text over the 4-second demo video."""
    return f"WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n{text}\n"


def barrier_reports(now):
    """Reports from the feedback form: one overdue, one due within a week, one answered, one new."""
    day = dt.timedelta(days=1)
    return [
        {
            "created_at": now - 34 * day,
            "name": "Erika Muster",
            "email": "erika.muster@example.org",
            "page_address": "/pressemitteilungen/",
            "message": "Die Filter der Pressemitteilungen kann ich mit dem Screenreader nicht "
            "bedienen.",
        },
        {
            "created_at": now - 25 * day,
            "name": "",
            "email": "leser@example.org",
            "page_address": "Jahresbericht 2025 (PDF)",
            "message": "Das PDF hat keine Überschriften und keine Lesereihenfolge.",
        },
        {
            "created_at": now - 40 * day,
            "name": "Max Beispiel",
            "email": "max.beispiel@example.org",
            "page_address": "/leichte-sprache/",
            "message": "Ein Bild auf der Seite in Leichter Sprache hat keinen Alternativtext.",
            "answered_on": timezone.localdate(now - 20 * day),
        },
        {
            "created_at": now - 2 * day,
            "name": "",
            "email": "hinweis@example.org",
            "page_address": "",
            "message": "Der Kontrast der Fußzeile ist zu gering.",
        },
    ]
