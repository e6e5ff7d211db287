"""Demo content in the style of a German state ministry press office (all persons fictional)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

ISSUER = {
    "name": "Staatsministerium für Digitales und Verwaltung",
    "short_name": "StMDV",
    "website": "https://www.example.org/",
    "press_contact_name": "Pressestelle",
    "press_contact_phone": "+49 89 1234-5678",
    "press_contact_email": "presse@example.org",
}


TOPICS = {"digitales": "Digitales", "bildung": "Bildung", "verwaltung": "Verwaltung"}


def local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def next_six_pm(now):
    """Today at 18:00 in the site's zone, or tomorrow when that has passed."""
    today = timezone.localtime(now).date()
    evening = local(today, 18)
    return evening if evening > now else local(today + timedelta(days=1), 18)


def paragraph(html):
    return ("paragraph", html)


def quote(text, speaker, role="", language=""):
    return ("quote", {"text": text, "speaker": speaker, "role": role, "language": language})


def related_link(text, url):
    return ("related_link", {"text": text, "page": None, "url": url})


def gallery(heading, release_at, photos):
    return ("image_gallery", {"heading": heading, "release_at": release_at, "images": photos})


def german_releases(now, photos):
    """Three releases of the German press room. `photos` maps a key to an image's primary key."""
    event_day = timezone.localtime(now).date()
    return [
        {
            "slug": "120-neue-online-dienste",
            "title": "Digitale Verwaltung: 120 neue Online-Dienste für Bürgerinnen und Bürger",
            "release_date": local(datetime(2026, 11, 18).date(), 10, 30),
            "dateline": "München",
            "lead": (
                "Bürgerinnen und Bürger können ab sofort 120 weitere Verwaltungsleistungen "
                "vollständig online erledigen – vom Wohngeldantrag bis zur Anmeldung eines "
                "Hundes. Ministerin Dr. Anna Beispiel: „Der Gang zum Amt wird die Ausnahme.“"
            ),
            "body": [
                paragraph(
                    "<p>Mit dem heutigen Start umfasst das Portal des Freistaats mehr als "
                    "600 Online-Dienste. Alle neuen Angebote sind barrierefrei gestaltet, in "
                    "Leichter Sprache erklärt und mit einem Nutzerkonto nutzbar.</p>"
                ),
                quote(
                    "Eine moderne Verwaltung ist für alle da. Deshalb haben wir jeden neuen Dienst "
                    "mit Menschen getestet, die einen Screenreader nutzen oder die Sprache "
                    "vereinfacht brauchen.",
                    "Dr. Anna Beispiel",
                    "Staatsministerin für Digitales und Verwaltung",
                ),
                paragraph(
                    "<p>Die Kommunen wurden bei der Umsetzung mit 25 Millionen Euro unterstützt. "
                    "Besonders gefragt sind bereits in den ersten Stunden die Anträge auf "
                    "Elterngeld und die Ummeldung von Fahrzeugen.</p>"
                ),
                quote(
                    "Digital services only work if everyone can use them. This portal shows how "
                    "accessibility can be built in from the first day.",
                    "Maria Example",
                    "Directorate-General for Digital Services, European Commission",
                    "en",
                ),
                quote(
                    "Für unsere Bürgerbüros heißt das: weniger Wartezeit, mehr Zeit für Beratung.",
                    "Thomas Muster",
                    "Landrat des Landkreises Beispielhausen",
                ),
                related_link(
                    "Liste aller neuen Online-Dienste", "https://www.example.org/online-dienste"
                ),
                gallery(
                    "Fotos vom Start des Portals",
                    local(datetime(2026, 11, 18).date(), 12),
                    [
                        {
                            "image": photos["launch-1"],
                            "alt_text": "Die Ministerin und ein Landrat drücken gemeinsam einen "
                            "symbolischen Startknopf auf einer Bühne.",
                            "caption": "Symbolischer Start des erweiterten Portals in München.",
                            "credit": "StMDV / Lena Fotografin",
                        },
                        {
                            "image": photos["launch-2"],
                            "alt_text": "Eine Besucherin füllt an einem Tablet einen Antrag aus, "
                            "eine Mitarbeiterin zeigt auf den Bildschirm.",
                            "caption": "Ausprobieren erwünscht: Beratung am Infostand.",
                            "credit": "StMDV / Lena Fotografin",
                        },
                    ],
                ),
            ],
            "issuer_release_url": "https://www.example.org/presse/120-neue-online-dienste",
            "topics": ["digitales"],
            "corrections": [
                (
                    local(datetime(2026, 11, 18).date(), 15, 0),
                    "Die Zahl der Online-Dienste im zweiten Absatz wurde auf mehr als 600 "
                    "korrigiert.",
                )
            ],
        },
        {
            "slug": "tag-der-offenen-tuer",
            "topics": ["verwaltung"],
            "title": "Tag der offenen Tür: Ministerium lädt zum Blick hinter die Kulissen",
            "release_date": local(event_day, 9),
            "dateline": "München",
            "lead": (
                "Zum Tag der offenen Tür öffnet das Staatsministerium heute von 10 bis 17 Uhr "
                "seine Türen. Staatssekretär Markus Muster führt um 14 Uhr durch das "
                "Innovationslabor."
            ),
            "body": [
                paragraph(
                    "<p>Besucherinnen und Besucher erwarten Führungen, ein Mitmach-Labor für "
                    "Kinder und Gespräche mit den Fachleuten des Hauses. Alle Räume sind "
                    "stufenlos erreichbar; zwei Führungen werden in Gebärdensprache gedolmetscht."
                    "</p>"
                ),
                quote(
                    "Wir wollen zeigen, wie Verwaltung heute arbeitet – offen, nahbar und digital.",
                    "Markus Muster",
                    "Staatssekretär",
                ),
                paragraph(
                    "<p>Bilder der Veranstaltung können am Veranstaltungstag ab 18 Uhr hier "
                    "abgerufen werden.</p>"
                ),
                gallery(
                    "Fotos vom Tag der offenen Tür",
                    next_six_pm(now),
                    [
                        {
                            "image": photos["open-day-1"],
                            "alt_text": "Kinder bauen im Mitmach-Labor eine kleine Roboterfigur "
                            "aus Bausteinen.",
                            "caption": "Im Mitmach-Labor programmieren Kinder ihren ersten "
                            "Roboter.",
                            "credit": "StMDV / Jonas Bildner",
                        }
                    ],
                ),
            ],
            "issuer_release_url": "",
        },
        {
            "slug": "foerderprogramm-digitale-schulen",
            "title": "Förderprogramm „Digitale Schulverwaltung“ startet mit 40 Millionen Euro",
            "release_date": local(datetime(2026, 11, 10).date(), 11),
            "dateline": "Nürnberg",
            "lead": (
                "Schulen im Freistaat erhalten in den kommenden drei Jahren 40 Millionen Euro "
                "für eine digitale Schulverwaltung. Anträge sind ab dem 1. Dezember möglich."
            ),
            "body": [
                paragraph(
                    "<p>Gefördert werden Software für Zeugnisse und Stundenpläne, Schulungen "
                    "für Verwaltungskräfte und sichere Schnittstellen zu den Schulämtern.</p>"
                ),
                quote(
                    "Lehrkräfte sollen unterrichten, nicht Formulare abtippen. Dieses Programm "
                    "nimmt ihnen Arbeit ab.",
                    "Dr. Anna Beispiel",
                    "Staatsministerin für Digitales und Verwaltung",
                ),
                quote(
                    "Die Schulfamilie begrüßt, dass die Förderung auch kleine Grundschulen "
                    "erreicht.",
                    "Sabine Vorbild",
                    "Vorsitzende des Landeselternverbands",
                ),
                related_link(
                    "Förderrichtlinie und Antragsformular",
                    "https://www.example.org/foerderung/digitale-schulverwaltung",
                ),
            ],
            "issuer_release_url": "https://www.example.org/presse/digitale-schulverwaltung",
            "topics": ["digitales", "bildung"],
        },
    ]


def english_releases(now, photos):
    return [
        {
            "slug": "regions-sign-accessible-e-government-declaration",
            "topics": ["digitales"],
            "title": "Five European regions sign declaration on accessible e-government",
            "release_date": local(datetime(2026, 11, 20).date(), 15),
            "dateline": "Munich",
            "lead": (
                "Ministers from five European regions have agreed to make every new public online "
                "service accessible by design. The declaration was signed in Munich today."
            ),
            "body": [
                paragraph(
                    "<p>The regions will share test results, publish accessibility statements for "
                    "all portals and involve people with disabilities in every project.</p>"
                ),
                quote(
                    "Accessibility is not an extra feature. It decides whether a public service "
                    "exists for everyone or only for some.",
                    "Dr. Anna Beispiel",
                    "Minister of State for Digital Affairs and Administration",
                ),
                quote(
                    "Wir lernen voneinander – und unsere Bürgerinnen und Bürger profitieren davon.",
                    "Thomas Muster",
                    "District Administrator",
                    "de",
                ),
                related_link("Full text of the declaration", "https://www.example.org/declaration"),
            ],
            "issuer_release_url": "",
        }
    ]


CONTACT = {
    "de": {
        "title": "Kontakt",
        "slug": "kontakt",
        "show_in_menus": True,
        "intro": "So erreichen Sie die Pressestelle.",
        "body": "<p>Pressestelle des Staatsministeriums für Digitales und Verwaltung<br>"
        "Beispielstraße 1, 80333 München</p><p>Telefon: +49 89 1234-5678<br>"
        'E-Mail: <a href="mailto:presse@example.org">presse@example.org</a></p>',
    },
    "en": {
        "title": "Contact",
        "slug": "contact",
        "intro": "How to reach the press office.",
        "body": "<p>Press office of the Ministry of State for Digital Affairs and "
        "Administration<br>Beispielstraße 1, 80333 Munich, Germany</p>"
        "<p>Phone: +49 89 1234-5678<br>"
        'Email: <a href="mailto:presse@example.org">presse@example.org</a></p>',
    },
}

IMPRESSUM = {
    "de": {
        "title": "Impressum",
        "slug": "impressum",
        "body_name": "Staatsministerium für Digitales und Verwaltung (Beispiel)",
        "represented_by": "Staatsministerin Dr. Anna Beispiel",
        "postal_address": "Beispielstraße 1\n80333 München",
        "email": "poststelle@example.org",
        "phone": "+49 89 1234-0",
        "vat_id": "",
        "supervisory_authority": "Bayerische Staatsregierung (Beispiel)\n"
        "Franz-Josef-Strauß-Ring 1\n80539 München",
        "content_responsible_name": "Katrin Vorbild, Leiterin der Pressestelle",
        "content_responsible_address": "Beispielstraße 1\n80333 München",
        "additional_information": "<p>Alle Fotos auf diesen Seiten sind, soweit nicht anders "
        "angegeben, Eigentum des Staatsministeriums. Für die Inhalte verlinkter Seiten sind deren "
        "Anbieter verantwortlich.</p>",
    },
    "en": {
        "title": "Legal notice",
        "slug": "legal-notice",
        "body_name": "Ministry of State for Digital Affairs and Administration (example)",
        "represented_by": "Minister of State Dr. Anna Beispiel",
        "postal_address": "Beispielstraße 1\n80333 Munich\nGermany",
        "email": "poststelle@example.org",
        "phone": "+49 89 1234-0",
        "vat_id": "",
        "supervisory_authority": "Bavarian State Government (example)\nFranz-Josef-Strauß-Ring 1\n"
        "80539 Munich",
        "content_responsible_name": "Katrin Vorbild, head of the press office",
        "content_responsible_address": "Beispielstraße 1\n80333 Munich\nGermany",
        "additional_information": "<p>Unless stated otherwise, all photos on these pages belong to "
        "the Ministry. The providers of linked pages are responsible for their content.</p>",
    },
}
