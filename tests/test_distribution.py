"""Archive filters, search, feeds, sitemap, structured data, API, corrections, withdrawal."""

import json

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from announcements.models import Correction, Issuer, Topic
from example_site.home.demo.bulk import bulk_releases

from .conftest import berlin
from .helpers import soup_of


@pytest.fixture
def topics(db):
    return {
        slug: Topic.objects.create(name=name, slug=slug)
        for slug, name in (("digitales", "Digitales"), ("bildung", "Bildung"))
    }


@pytest.fixture
def archive(make_release, topics, issuer):
    """Five releases over two years, two topics and two issuers."""
    chancellery = Issuer.objects.create(name="Staatskanzlei", short_name="StK")
    spec = [
        ("portal", berlin(2025, 11, 3, 10), ["digitales"], issuer),
        ("schulen", berlin(2026, 3, 2, 10), ["bildung"], issuer),
        ("tablets", berlin(2026, 3, 20, 10), ["digitales", "bildung"], issuer),
        ("kabinett", berlin(2026, 3, 24, 10), ["digitales"], chancellery),
        ("haushalt", berlin(2026, 4, 1, 10), [], chancellery),
    ]
    releases = {}
    for slug, moment, topic_slugs, by in spec:
        release = make_release(
            slug=slug,
            title=f"Mitteilung {slug}",
            release_date=moment,
            issuer=by,
            lead=f"Neues zum Thema {slug}.",
        )
        release.topics.set([topics[name] for name in topic_slugs])
        release.save_revision().publish()
        releases[slug] = release
    releases["chancellery"] = chancellery
    return releases


def listed(client, query=""):
    soup = soup_of(client.get("/presse/" + query))
    return soup, [h.get_text(strip=True) for h in soup.select(".release-teaser h3")]


def test_filters_combine(client, archive, issuer):
    soup, titles = listed(client, f"?year=2026&month=3&topic=digitales&issuer={issuer.pk}")
    assert titles == ["Mitteilung tablets"]
    assert soup.select_one("#results-heading").get_text(strip=True) == "1 Pressemitteilung"
    assert soup.select_one("meta[name=robots]")["content"] == "noindex, follow"
    _soup, titles = listed(client, "?topic=digitales")
    assert titles == ["Mitteilung kabinett", "Mitteilung tablets", "Mitteilung portal"]
    assert _soup.select_one("meta[name=robots]") is None  # one filter: a page worth indexing
    assert listed(client, "?year=2025")[1] == ["Mitteilung portal"]
    soup, titles = listed(client, f"?issuer={archive['chancellery'].pk}&month=4")
    assert titles == ["Mitteilung haushalt"]


def test_filter_form_is_labelled_and_keeps_the_choice(client, archive):
    soup, _titles = listed(client, "?year=2026&topic=bildung")
    form = soup.select_one("search form")
    for name in ("q", "year", "month", "topic", "issuer"):
        field = form.select_one(f"[name={name}]")
        assert form.select_one(f"label[for={field['id']}]"), name
    assert form.select_one("[name=year] option[selected]")["value"] == "2026"
    assert form.select_one("[name=topic] option[selected]")["value"] == "bildung"
    years = [o["value"] for o in form.select("[name=year] option")]
    assert years == ["", "2026", "2025"]


@pytest.mark.parametrize(
    "query", ["?year=abc", "?month=13", "?topic=gibt-es-nicht", "?issuer=x", "?page=abc&year=1"]
)
def test_bad_filter_values_show_an_error_and_all_releases(client, archive, query):
    response = client.get("/presse/" + query)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("#error-summary")
    assert len(soup.select(".release-teaser")) == 5


def test_pagination_keeps_the_filters(client, make_release, topics, settings):
    settings.PRESSROOM_INDEX_PAGE_SIZE = 2
    for number in range(5):
        release = make_release(slug=f"r{number}", release_date=berlin(2026, 3, 1 + number, 9))
        release.topics.set([topics["digitales"]])
        release.save_revision().publish()
    soup, _titles = listed(client, "?topic=digitales&page=2")
    links = [a["href"] for a in soup.select("nav.pagination a")]
    assert all(link.startswith("?topic=digitales&page=") for link in links)
    assert (
        soup.select_one("nav.pagination [aria-current=page]").get_text(" ", strip=True) == "Seite 2"
    )
    assert "(Seite 2 von 3)" in soup.select_one("#results-heading").get_text()
    for page in ("0", "-1", "999", "abc"):
        assert client.get(f"/presse/?topic=digitales&page={page}").status_code == 200


def test_search_finds_words_of_lead_and_body(client, archive):
    call_command("update_index", verbosity=0)
    assert listed(client, "?q=tablets")[1] == ["Mitteilung tablets"]
    assert listed(client, "?q=tablets&year=2025")[1] == []
    soup, _titles = listed(client, "?q=nichtsdergleichen")
    assert "Keine Pressemitteilung passt zu diesen Filtern." in soup.get_text()


def test_search_uses_german_stemming_on_postgresql(client, make_release):
    make_release(slug="dienste", lead="Ab heute gibt es neue Dienste im Portal.")
    call_command("update_index", verbosity=0)
    titles = listed(client, "?q=Dienst")[1]
    if connection.vendor == "postgresql":  # "german" configuration: Dienst finds Dienste
        assert titles == ["Neue Mitteilung"]
    else:  # SQLite full-text search has no German stemmer
        assert titles == []


# Feeds


def feed(client, kind, query=""):
    response = client.get(f"/presse/feed/{kind}/{query}")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


@pytest.mark.parametrize("kind, version", [("rss", "rss20"), ("atom", "atom10")])
def test_feeds_are_valid_and_carry_the_lead(client, archive, kind, version):
    parsed = feed(client, kind)
    assert parsed.version == version
    assert [entry.title for entry in parsed.entries][:2] == [
        "Mitteilung haushalt",
        "Mitteilung kabinett",
    ]
    entry = parsed.entries[0]
    assert entry.summary == "Neues zum Thema haushalt."
    assert entry.link == "http://testserver/presse/haushalt/"


def test_feeds_per_topic_and_issuer(client, archive, issuer):
    titles = [e.title for e in feed(client, "rss", "?topic=bildung").entries]
    assert titles == ["Mitteilung tablets", "Mitteilung schulen"]
    parsed = feed(client, "atom", f"?issuer={archive['chancellery'].pk}")
    assert [e.title for e in parsed.entries] == ["Mitteilung haushalt", "Mitteilung kabinett"]
    assert "Staatskanzlei" in parsed.feed.title


def test_index_links_the_feed_of_its_filters(client, archive):
    soup, _titles = listed(client, "?topic=bildung")
    alternate = soup.select_one("link[rel=alternate][type='application/rss+xml']")
    assert alternate["href"] == "/presse/feed/rss/?topic=bildung"


def test_correction_shows_on_page_and_updates_feed_and_json_ld(client, archive):
    release = archive["haushalt"]
    Correction.objects.create(
        release=release, corrected_at=berlin(2026, 4, 2, 9, 30), note="Die Summe ist 2 Mio. Euro."
    )
    soup = soup_of(client.get(release.url))
    assert soup.select_one(".corrections h2").get_text() == "Korrektur"
    correction = " ".join(soup.select_one(".corrections li").get_text().split())
    assert correction == "Korrektur vom 2. April 2026, 09:30 Uhr: Die Summe ist 2 Mio. Euro."
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["dateModified"] == "2026-04-02T09:30:00+02:00"
    assert data["datePublished"] == "2026-04-01T10:00:00+02:00"
    entry = feed(client, "atom").entries[0]
    assert entry.updated == "2026-04-02T07:30:00+00:00"  # the same instant, in UTC


def withdraw(release):
    release.withdrawn_at = berlin(2026, 4, 3, 12)
    release.withdrawal_reason = "Die Mitteilung enthielt falsche Zahlen."
    release.save_revision().publish()


def test_withdrawn_release_keeps_its_url_with_a_notice_and_leaves_lists(client, archive):
    release = archive["haushalt"]
    withdraw(release)
    soup = soup_of(client.get(release.url))
    notice = soup.select_one(".withdrawal-notice").get_text(" ", strip=True)
    assert notice.startswith("Zurückgezogen am 3. April 2026, 12:00 Uhr")
    assert "falsche Zahlen" in notice
    assert "Neues zum Thema haushalt." not in soup.get_text()
    assert soup.select_one("meta[name=robots]")["content"] == "noindex"
    assert "Mitteilung haushalt" not in listed(client)[1]
    assert "Mitteilung haushalt" not in [e.title for e in feed(client, "rss").entries]
    assert release.url not in client.get("/sitemap.xml").content.decode()
    call_command("update_index", verbosity=0)
    assert listed(client, "?q=haushalt")[1] == []


def test_withdrawal_needs_a_reason(archive):
    release = archive["haushalt"]
    release.withdrawn_at = berlin(2026, 4, 3, 12)
    with pytest.raises(Exception) as error:
        release.full_clean()
    assert "withdrawal_reason" in error.value.message_dict


# Sitemap, structured data, API


def test_sitemap_lists_releases_with_lastmod(client, archive):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/presse/portal/</loc>" in xml
    assert "<lastmod>2025-11-03</lastmod>" in xml


def test_json_ld_news_article(client, archive):
    soup = soup_of(client.get(archive["kabinett"].url))
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Mitteilung kabinett"
    assert data["publisher"] == {"@type": "Organization", "name": "Staatskanzlei"}
    assert "image" not in data
    assert soup.select_one("meta[property='og:title']")["content"] == "Mitteilung kabinett"
    assert soup.select_one("meta[name='twitter:card']")["content"] == "summary"


def test_json_ld_cannot_be_broken_out_of(client, make_release):
    release = make_release(title="</script><script>alert(1)</script>")
    html = client.get(release.url).content.decode()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(script)["headline"] == "</script><script>alert(1)</script>"


def test_api_gives_structured_body_and_release_fields(client, archive):
    release = archive["tablets"]
    data = client.get(f"/api/v2/pages/{release.pk}/").json()
    assert data["lead"] == "Neues zum Thema tablets."
    assert data["issuer"]["name"] == "Staatsministerium für Tests"
    assert [t["slug"] for t in data["topics"]] == ["bildung", "digitales"]  # by name
    assert data["release_date"].startswith("2026-03-20T")
    listing = client.get(
        "/api/v2/pages/?type=pressroom_announcements.PressReleasePage&fields=lead,dateline"
    ).json()
    assert listing["meta"]["total_count"] == 5
    assert {"lead", "dateline"} <= set(listing["items"][0])


# Query counts: constant in archive size


def queries_for(client, url):
    """Queries of a request after a first one (site and locale lookups are cached after it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_archive_and_feed_queries_do_not_grow_with_the_archive(
    client, press_index, issuer, topics, settings
):
    # Rendering is measured, not the full-page cache (which answers with no query at all).
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "PageCache" not in name]
    bulk_releases(press_index, issuer, 100, topics=[topics["digitales"]])
    urls = [
        "/presse/",
        "/presse/?page=5",
        "/presse/?topic=digitales&year=2026",
        "/presse/feed/rss/",
    ]
    small = [queries_for(client, url) for url in urls]
    bulk_releases(press_index, issuer, 9900, topics=[topics["digitales"]], prefix="weitere")
    large = [queries_for(client, url) for url in urls]
    assert large == small
