"""German and English: language switcher with hreflang and lang, dates per locale."""

import datetime as dt

import pytest

from example_site.home.demo.loader import load_demo

from .helpers import soup_of


@pytest.fixture
def demo(db):
    return load_demo(now=dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC))


def test_switcher_links_the_translation_with_hreflang_and_lang(client, demo):
    soup = soup_of(client.get("/pressemitteilungen/"))
    links = soup.select("nav.language-switcher a")
    assert [(a["hreflang"], a["lang"], a["href"], a.get_text()) for a in links] == [
        ("de", "de", "/pressemitteilungen/", "Deutsch"),
        ("en", "en", "/en/press-releases/", "English"),
    ]
    assert links[0]["aria-current"] == "true"
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {
        "de": "http://testserver/pressemitteilungen/",
        "en": "http://testserver/en/press-releases/",
    }


def test_english_pages_are_english_with_english_dates(client, demo):
    soup = soup_of(client.get("/en/press-releases/"))
    assert soup.html["lang"] == "en"
    assert soup.select_one("#results-heading").get_text(strip=True) == "1 press release"
    meta = soup.select_one(".release-teaser__meta time").get_text()
    assert meta.split(",")[0].split()[1] in (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    german = soup_of(client.get("/pressemitteilungen/")).select_one(".release-teaser__meta time")
    assert german.get_text().endswith("Uhr") and "November" in german.get_text()


def test_a_page_without_translation_shows_no_switcher(client, make_release):
    soup = soup_of(client.get(make_release().url))
    assert soup.select_one("nav.language-switcher") is None
