"""The Impressum page type, the footer links and the system check for missing legal pages."""

import pytest
from django.core.exceptions import ValidationError

from legal_pages.checks import legal_pages_exist
from legal_pages.models import ImpressumPage, LegalLinks

from .helpers import soup_of

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


@pytest.fixture
def impressum(home):
    page = home.add_child(instance=ImpressumPage(**IMPRESSUM))
    page.save_revision().publish()
    return page


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


def test_system_check_warns_without_a_live_impressum(home):
    assert [w.id for w in legal_pages_exist()] == ["pressroom_legal_pages.W001"]


def test_system_check_is_quiet_with_a_live_impressum(impressum):
    assert legal_pages_exist() == []


def test_system_check_warns_again_when_the_impressum_is_unpublished(impressum):
    impressum.unpublish()
    assert [w.id for w in legal_pages_exist()] == ["pressroom_legal_pages.W001"]


def test_footer_links_the_impressum_on_every_page(client, impressum, make_release, press_index):
    links = LegalLinks.for_site(impressum.get_site())
    links.legal_notice_page = impressum
    links.save()
    for url in (make_release().url, press_index.url, impressum.url, "/"):
        footer = soup_of(client.get(url)).select_one("footer nav.legal-links")
        assert footer["aria-label"] == "Rechtliches und Barrierefreiheit"
        assert footer.select_one(f"a[href='{impressum.url}']").get_text() == "Impressum"
