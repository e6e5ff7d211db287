"""Links from the database (issue #20): no javascript: reaches a page, the API or JSON-LD, and a
web address without its scheme links to the web, not to a path of this site."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from announcements.blocks import RelatedLinkBlock
from announcements.links import safe_href
from announcements.models import Issuer, PressReleasePage

from .helpers import soup_of

EVIL = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", EVIL)
def test_addresses_a_browser_would_run_are_dropped(url):
    assert safe_href(url) == ""


@pytest.mark.parametrize(
    "url, href",
    [
        ("https://www.example.org/a?b=1", "https://www.example.org/a?b=1"),
        ("www.example.org/presse", "https://www.example.org/presse"),
        ("example.org", "https://example.org"),
        ("mailto:presse@example.org", "mailto:presse@example.org"),
        ("tel:+49891234", "tel:+49891234"),
        ("/presse/", "/presse/"),
        ("#kontakt", "#kontakt"),
    ],
)
def test_web_mail_and_phone_addresses_and_paths_stay(url, href):
    assert safe_href(url) == href


def runnable(href):
    """Whether a browser would run this href as script (it ignores tabs, breaks and controls)."""
    return re.sub(r"[\x00-\x20]", "", href).lower().startswith(("javascript:", "data:", "vb"))


@pytest.fixture
def poisoned(make_release, issuer):
    """What an import or an old row can hold, bypassing the admin's forms."""
    Issuer.objects.filter(pk=issuer.pk).update(website="javascript:alert('website')")
    paragraph = (
        '<p><a href="javascript:alert(1)">eins</a> <a href="www.example.org/programm">zwei</a> '
        "<a href='java&#x09;script:alert(2)'>drei</a> <a href=\"https://ok.example/\">vier</a></p>"
    )
    release = make_release(
        body=[
            ("paragraph", RichText(paragraph)),
            ("related_link", {"text": "Programm", "page": None, "url": "javascript:alert(3)"}),
        ]
    )
    PressReleasePage.objects.filter(pk=release.pk).update(
        issuer_release_url="javascript:alert('original')", is_syndicated_copy=True
    )
    return PressReleasePage.objects.get(pk=release.pk)


def test_a_page_renders_no_runnable_link_whatever_the_database_holds(client, poisoned):
    soup = soup_of(client.get(poisoned.url))
    hrefs = [a.get("href", "") for a in soup.select("a")] + [
        link["href"] for link in soup.select("link[href]")
    ]
    assert not [href for href in hrefs if runnable(href)]
    paragraph = soup.select_one(".block-paragraph")
    assert [a.get("href") for a in paragraph.select("a")] == [
        None,
        "https://www.example.org/programm",
        None,
        "https://ok.example/",
    ]
    assert paragraph.get_text(" ", strip=True) == "eins zwei drei vier"  # no text lost
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert "javascript" not in json.dumps(data)


def test_the_api_hands_out_no_runnable_link(client, poisoned):
    response = client.get(f"/api/v2/pages/{poisoned.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["issuer_release_url"] == ""
    assert data["issuer"]["website"] == ""
    body = {block["type"]: block["value"] for block in data["body"]}
    assert body["related_link"]["url"] is None
    assert "javascript" not in body["paragraph"]["html"]
    assert 'href="https://www.example.org/programm"' in body["paragraph"]["html"]


def test_the_models_refuse_such_addresses(issuer, make_release):
    issuer.website = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        issuer.full_clean()
    assert "website" in error.value.message_dict
    release = make_release()
    release.issuer_release_url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "issuer_release_url" in error.value.message_dict
    block = RelatedLinkBlock()
    value = block.to_python({"text": "Programm", "page": None, "url": "javascript:alert(1)"})
    with pytest.raises(ValidationError):
        block.clean(value)
