"""Our pages inside a host site's own base template: the one docs/install.md shows."""

from pathlib import Path

import pytest

from legal_pages.models import LegalLinks

from . import legal
from .conftest import gallery_block
from .helpers import soup_of

DOCS = Path(__file__).resolve().parent.parent / "docs"


def documented_host_base() -> str:
    """The host `base.html` of docs/install.md, as a site developer would paste it."""
    text = (DOCS / "install.md").read_text(encoding="utf-8")
    block = text.split("<!-- host-base-template -->\n```html\n", 1)[1]
    return block.split("\n```", 1)[0]


@pytest.fixture
def host_site(settings, tmp_path):
    (tmp_path / "base.html").write_text(documented_host_base(), encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    settings.PRESSROOM_BASE_TEMPLATE = "base.html"


def host_pages(home, make_release, press_index, photo):
    quote = {
        "text": "Barrierefrei für alle.",
        "speaker": "Anna Beispiel",
        "role": "",
        "language": "",
    }
    # its own address: the session's browser caches pages (max-age) across tests
    release = make_release(body=[("quote", quote), gallery_block(photo)], slug="im-host-layout")
    pages = [legal.impressum(home), legal.statement(home), legal.privacy(home)]
    links = LegalLinks.for_site(home.get_site())
    links.legal_notice_page, links.accessibility_page, links.privacy_page = pages
    links.save()
    return [press_index, release, *pages]


def test_pages_take_the_host_layout_with_our_styles_and_footer(
    client, host_site, home, make_release, press_index, photo
):
    index, release, *legal_pages = host_pages(home, make_release, press_index, photo)
    for page in [index, release, *legal_pages]:
        soup = soup_of(client.get(page.url))
        stylesheets = [link["href"] for link in soup.select("head link[rel=stylesheet]")]
        assert stylesheets == ["/static/css/mysite.css", "/static/pressroom/pressroom.css"]
        assert soup.select_one(".site-header") is None  # not our own layout
        assert len(soup.select("main#main h1")) == 1
        footer = [a.get_text() for a in soup.select("footer .legal-links a")]
        assert footer == ["Impressum", "Datenschutz", "Barrierefreiheit"], page.url
    head = soup_of(client.get(release.url)).head  # the release's extra_head block is there
    assert head.select_one("link[rel=canonical]")["href"] == "http://testserver" + release.url
    assert head.select_one("script[type='application/ld+json']") is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_in_the_host_layout_pass_both_engines(
    live_server, assert_accessible, axe_auditor, host_site, home, make_release, press_index, photo
):
    for page in host_pages(home, make_release, press_index, photo):
        results = assert_accessible(live_server.url + page.url)
        assert {result.engine for result in results} == {"static", "axe"}
    # The session's browser keeps pages with max-age: later tests must not get the host layout.
    axe_auditor.browser.execute_cdp_cmd("Network.clearBrowserCache", {})
