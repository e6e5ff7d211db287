"""A host site whose only Wagtail locale is not the active language still serves every page."""

import pytest
from wagtail.models import Locale

from legal_pages.models import LegalLinks

from . import legal
from .helpers import soup_of


@pytest.fixture
def english_only(home):
    """The issue's site: LANGUAGE_CODE "de" but the only Wagtail Locale is "en"."""
    Locale.objects.filter(language_code="en").delete()
    Locale.objects.filter(language_code="de").update(language_code="en")
    assert list(Locale.objects.values_list("language_code", flat=True)) == ["en"]
    return home


def test_every_pressroom_page_renders_without_a_locale_for_the_active_language(
    client, english_only, make_release, press_index
):
    pages = [legal.impressum(english_only), legal.statement(english_only), make_release()]
    links = LegalLinks.for_site(english_only.get_site())
    links.legal_notice_page, links.accessibility_page = pages[:2]
    links.save()
    for page in [press_index, *pages]:
        url = page.url.removeprefix("/en")  # served in German, the active language
        footer = soup_of(client.get(url)).select(".legal-links a")
        assert [a.get_text() for a in footer] == ["Impressum", "Barrierefreiheit"], url
