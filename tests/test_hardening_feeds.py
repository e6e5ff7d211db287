"""Feeds carry plain text as text (issue #20): no markup from a title, lead or intro survives."""

import feedparser
import pytest
from bs4 import BeautifulSoup

from announcements.models import Topic

from .payloads import PAYLOADS

MARKUP = [
    "<b>fett</b>",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klick</a>',
    "<svg onload=alert(1)>",
    "&lt;b&gt;schon maskiert&lt;/b&gt;",
    "A & B < C > D",
    "<![CDATA[<b>x</b>]]>",
    "</summary><script>alert(1)</script>",
]


def shown_text(detail):
    """What a reader shows of a feed text: HTML is parsed, plain text taken as it is."""
    if detail.type in ("text/html", "application/xhtml+xml"):
        html = BeautifulSoup(detail.value, "html.parser")
        assert html.find() is None, f"markup survived: {detail.value!r}"
        return html.get_text()
    return detail.value


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_plain_text_reaches_the_reader_as_text(client, make_release, press_index, kind):
    press_index.intro = "Einleitung <i>mit</i> <script>alert(1)</script>"
    press_index.save_revision().publish()
    for number, text in enumerate(MARKUP):
        make_release(slug=f"m{number}", title=f"Titel {text}", lead=f"Lead {text}")
    response = client.get(f"/presse/feed/{kind}/")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    entries = {shown_text(e.title_detail): shown_text(e.summary_detail) for e in parsed.entries}
    assert entries == {f"Titel {text}": f"Lead {text}" for text in MARKUP}
    subtitle = parsed.feed.subtitle_detail
    assert shown_text(subtitle) == "Einleitung <i>mit</i> <script>alert(1)</script>"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_payload_in_a_field_gives_a_valid_feed(client, make_release, issuer, kind):
    """Control characters XML cannot carry are dropped; everything else arrives.

    Not NUL: PostgreSQL stores no text with NUL, and every form refuses it.
    """
    issuer.name = "Amt \x0b<b>fett</b>"
    issuer.save()
    topic = Topic.objects.create(name="Thema \x01<i>", slug="thema")
    stored = [text for text in PAYLOADS if "\x00" not in text]
    for number, text in enumerate(stored):
        release = make_release(slug=f"p{number}", title=f"T{number} {text[:200]}", lead=text)
        release.topics.set([topic])
    response = client.get(f"/presse/feed/{kind}/")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == len(stored)
    for entry in parsed.entries:
        number = int(entry.title.split()[0][1:])
        visible = stored[number].translate({1: None, 11: None, 31: None}).replace("\r\n", "\n")
        assert shown_text(entry.summary_detail).strip() == visible.strip()  # XML: CR LF is LF
