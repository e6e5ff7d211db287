"""What readers, screen readers and search engines get from a release page."""

import time_machine
from django.utils import timezone

from .conftest import berlin, gallery_block
from .helpers import soup_of, visible_text


def test_lead_markers_are_visible_but_hidden_from_assistive_technology(client, make_release):
    release = make_release(lead="Der Freistaat startet 120 Online-Dienste.")
    lead = soup_of(client.get(release.url)).select_one(".release__lead")
    assert lead.get_text(" ", strip=True).startswith("+++")
    assert lead.get_text(" ", strip=True).endswith("+++")
    assert visible_text(lead) == "Der Freistaat startet 120 Online-Dienste."
    for marker in lead.select(".lead-marker"):
        assert marker["aria-hidden"] == "true"


def test_release_date_and_place_are_machine_readable(client, make_release):
    release = make_release(release_date=berlin(2026, 7, 18, 14, 30), dateline="Nürnberg")
    meta = soup_of(client.get(release.url)).select_one(".release__meta")
    assert meta.time["datetime"] == "2026-07-18T14:30:00+02:00"
    assert meta.get_text(" ", strip=True) == "Nürnberg, 18. Juli 2026, 14:30 Uhr"


def test_quote_is_a_figure_with_blockquote_speaker_and_language(client, make_release):
    quote = {
        "text": "Accessibility is for everyone.",
        "speaker": "Maria Example",
        "role": "European Commission",
        "language": "en",
    }
    release = make_release(body=[("quote", quote)])
    figure = soup_of(client.get(release.url)).select_one("figure.quote")
    assert figure.blockquote["lang"] == "en"
    assert figure.blockquote.get_text(strip=True) == "Accessibility is for everyone."
    assert " ".join(figure.figcaption.get_text().split()) == "Maria Example, European Commission"
    assert figure.figcaption.parent is figure and figure.blockquote.parent is figure


def test_quote_in_the_page_language_has_no_lang_attribute(client, make_release):
    quote = {"text": "Ein Satz.", "speaker": "Anna Beispiel", "role": "", "language": ""}
    figure = soup_of(client.get(make_release(body=[("quote", quote)]).url)).select_one("figure")
    assert not figure.blockquote.has_attr("lang")
    assert figure.figcaption.get_text(strip=True) == "Anna Beispiel"


def test_gallery_before_its_release_time_shows_only_a_notice(client, make_release, photo):
    release = make_release(body=[gallery_block(photo, release_at=berlin(2026, 3, 28, 18, 0))])
    with time_machine.travel(berlin(2026, 3, 28, 17, 59, 59), tick=False):
        html = client.get(release.url).content.decode()
    gallery = soup_of_html(html).select_one(".gallery")
    notice = gallery.select_one(".gallery__notice")
    assert "28. März 2026, 18:00 Uhr" in notice.get_text()
    assert notice.time["datetime"] == "2026-03-28T18:00:00+01:00"
    assert gallery.find("img") is None and gallery.find("figure") is None
    assert photo.file.name.split("/")[-1].split(".")[0] not in html
    assert "/media/" not in html


def test_gallery_after_its_release_time_shows_the_photos(client, make_release, photo):
    release = make_release(body=[gallery_block(photo, release_at=berlin(2026, 3, 28, 18, 0))])
    with time_machine.travel(berlin(2026, 3, 28, 18, 0, 0), tick=False):
        gallery = soup_of(client.get(release.url)).select_one(".gallery")
    assert gallery.select_one(".gallery__notice") is None
    image = gallery.select_one("figure img")
    assert image["alt"] == "Die Ministerin schneidet ein Band durch."
    caption = gallery.select_one("figcaption").get_text(" ", strip=True)
    assert caption == "Eröffnung des Bürgerbüros. Foto: StMT / Eva Foto"


def test_gallery_without_release_time_shows_the_photos(client, make_release, photo):
    gallery = soup_of(client.get(make_release(body=[gallery_block(photo)]).url)).select_one(
        ".gallery"
    )
    assert gallery.select_one("img") is not None
    assert gallery["aria-labelledby"] == gallery.h2["id"]


def test_related_link_text_is_the_editors_text(client, make_release, press_index):
    body = [
        (
            "related_link",
            {
                "text": "Programm der Konferenz",
                "page": None,
                "url": "https://www.example.org/programm",
            },
        ),
        ("related_link", {"text": "Alle Mitteilungen", "page": press_index, "url": ""}),
    ]
    links = soup_of(client.get(make_release(body=body).url)).select(".related-link a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Programm der Konferenz", "https://www.example.org/programm"),
        ("Alle Mitteilungen", press_index.url),
    ]


def test_breadcrumb_is_an_ordered_list_in_a_labelled_nav(client, make_release):
    release = make_release(title="Neue Mitteilung")
    nav = soup_of(client.get(release.url)).select_one("nav.breadcrumb")
    assert nav["aria-label"] == "Sie befinden sich hier"
    items = nav.select("ol > li a")
    assert [a.get_text() for a in items] == ["Startseite", "Pressemitteilungen", "Neue Mitteilung"]
    assert items[-1]["aria-current"] == "page"
    assert [a for a in items if a.has_attr("aria-current")] == [items[-1]]


def test_canonical_points_to_the_original_only_for_syndicated_copies(client, make_release):
    own = make_release(slug="eigen", issuer_release_url="https://www.example.org/pm/1")
    copy = make_release(
        slug="kopie", issuer_release_url="https://www.example.org/pm/2", is_syndicated_copy=True
    )
    own_soup, copy_soup = soup_of(client.get(own.url)), soup_of(client.get(copy.url))
    assert own_soup.select_one("link[rel=canonical]")["href"] == "http://testserver/presse/eigen/"
    assert copy_soup.select_one("link[rel=canonical]")["href"] == "https://www.example.org/pm/2"
    original = own_soup.select_one(".release__original a")
    assert original.get_text() == "Pressemitteilung auf der Seite des Herausgebers"
    assert original["href"] == "https://www.example.org/pm/1"


def test_without_issuer_link_there_is_no_link_to_the_original(client, make_release):
    assert soup_of(client.get(make_release().url)).select_one(".release__original") is None


def test_press_contact_is_shown_with_working_links(client, make_release):
    contact = soup_of(client.get(make_release().url)).select_one(".press-contact")
    assert contact.h2.get_text() == "Pressekontakt"
    assert contact.select_one("a[href='tel:+4989000-1'], a[href='tel:+49890001']")
    assert contact.select_one("a[href='mailto:presse@example.org']")


def test_page_skeleton_has_language_skip_link_landmarks_and_one_h1(client, make_release):
    soup = soup_of(client.get(make_release().url))
    assert soup.html["lang"] == "de"
    skip = soup.select_one("body > a.skip-link")
    assert skip["href"] == "#main" and soup.select_one("main#main")
    assert soup.select_one("header") and soup.select_one("footer") and soup.select_one("nav")
    assert len(soup.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_rendering_is_decided_at_request_time(client, make_release, photo):
    release = make_release(body=[gallery_block(photo, release_at=timezone.now())])
    assert soup_of(client.get(release.url)).select_one(".gallery img") is not None


def soup_of_html(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_canonical_og_url_and_og_image_share_the_sites_address(
    client, settings, make_release, photo
):
    """Behind a proxy or on a second host name, every absolute address still names the Site."""
    settings.ALLOWED_HOSTS = ["*"]
    release = make_release(body=[gallery_block(photo)])
    head = soup_of(client.get(release.url, HTTP_HOST="intern.example.net")).head
    addresses = [
        head.select_one("link[rel=canonical]")["href"],
        head.select_one("meta[property='og:url']")["content"],
        head.select_one("meta[property='og:image']")["content"],
    ]
    assert [address.split("/")[2] for address in addresses] == ["testserver"] * 3


def test_dates_an_editor_writes_are_rendered_as_time_elements(client, make_release):
    """Rich text has no date markup: the page marks the dates in the lead, paragraphs and
    quotes up as <time datetime>, so the audit's date rule finds nothing to report."""
    from accessibility.registry import PRESSROOM
    from accessibility.static import audit_html

    release = make_release(
        lead="Die Messe öffnet am 18. Juli 2026.",
        body=[
            ("paragraph", "<p>Anmeldung bis 30.06.2026, <b>Nachmeldung</b> bis 5. Juli 2026.</p>"),
            ("quote", {"text": "Wir sehen uns am 18. Juli 2026!", "speaker": "Anna Beispiel"}),
            ("paragraph", "<p>Kein Datum: 31.02.2026 und <code>2026-07-18</code>.</p>"),
        ],
    )
    html = client.get(release.url).content.decode()
    main = soup_of(client.get(release.url)).main
    dates = [
        (t["datetime"], t.get_text())
        for t in main.select(".release__lead time, .block-paragraph time, .quote time")
    ]
    assert dates == [
        ("2026-07-18", "18. Juli 2026"),
        ("2026-06-30", "30.06.2026"),
        ("2026-07-05", "5. Juli 2026"),
        ("2026-07-18", "18. Juli 2026"),
    ]
    found = audit_html(html, rule_ids={"date-in-time-element"}, profile=PRESSROOM).findings
    assert [f.html for f in found] == ["<p>Kein Datum: 31.02.2026 und <code>2026-07-18</code>.</p>"]
    teaser = soup_of(client.get(release.get_parent().url)).select_one(".release-teaser")
    assert teaser.select_one("p:not(.release-teaser__meta) time")["datetime"] == "2026-07-18"
