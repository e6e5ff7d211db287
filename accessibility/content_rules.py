"""Static rules on images, media, old markup, keyboard traps and the structure of text."""

import re

from django.utils.translation import gettext_lazy as _

from .html_tools import select, visible
from .link_rules import has_transcript
from .registry import rule

INTERACTIVE = {"a", "button", "input", "select", "textarea", "summary", "details", "iframe"}


@rule(
    "img-alt-redundant",
    "best-practice",
    "minor",
    _("An image's alternative text must not repeat the text of its link beside it."),
)
def img_alt_redundant(soup):
    for image in visible(soup, "img[alt]"):
        alt = " ".join(image["alt"].split()).lower()
        link = image.find_parent("a")
        if (
            alt
            and link is not None
            and alt == " ".join(link.get_text(" ", strip=True).split()).lower()
        ):
            yield image, None


@rule(
    "img-alt-long",
    "best-practice",
    "minor",
    _("Alternative text over 150 characters is hard to listen to: describe long content nearby."),
)
def img_alt_long(soup):
    for image in visible(soup, "img[alt]"):
        if len(image["alt"].strip()) > 150:
            yield image, None


@rule(
    "img-title-conflict",
    "1.1.1",
    "moderate",
    _(
        'An image marked as decoration (alt="") must not carry a title, and a title must not '
        "say something else than the alt text."
    ),
)
def img_title_conflict(soup):
    for image in visible(soup, "img[title]"):
        alt, title = image.get("alt"), image["title"].strip()
        if alt is not None and title and title.lower() != alt.strip().lower():
            yield image, None


@rule(
    "spacer-image",
    "best-practice",
    "minor",
    _("Spacer images are layout, not content: use CSS margins instead."),
)
def spacer_image(soup):
    for image in visible(soup, "img"):
        sizes = [image.get("width", ""), image.get("height", "")]
        if any(size.strip().isdigit() and int(size) <= 2 for size in sizes):
            yield image, None


@rule(
    "media-captions",
    "1.2.2",
    "serious",
    _("A video needs captions (<track kind=captions>), an audio player a transcript nearby."),
)
def media_captions(soup):
    for media in visible(soup, "video, audio"):
        if media.name == "audio":
            missing = not has_transcript(soup)
        else:
            missing = media.find("track", kind=["captions", "subtitles"]) is None
        if missing:
            yield media, None


OBSOLETE = {
    "blink": "2.2.2",
    "marquee": "2.2.2",
    "center": "best-practice",
    "font": "best-practice",
}


@rule(
    "obsolete-presentation",
    "best-practice",
    "moderate",
    _(
        "<blink>, <marquee>, <center> and <font> are obsolete: style with CSS, and let moving "
        "text be paused."
    ),
)
def obsolete_presentation(soup):
    for element in select(soup, ", ".join(OBSOLETE)):
        yield element, None


@rule(
    "accesskey",
    "best-practice",
    "minor",
    _("accesskey clashes with the shortcuts of browsers and screen readers; do not use it."),
)
def accesskey(soup):
    yield from ((element, None) for element in select(soup, "[accesskey]"))


@rule(
    "focus-blur",
    "2.4.7",
    "serious",
    _("An element that drops the focus as soon as it gets it (onfocus=blur()) cannot be used."),
)
def focus_blur(soup):
    for element in select(soup, "[onfocus]"):
        if "blur()" in element["onfocus"].replace(" ", ""):
            yield element, None


@rule(
    "select-navigates",
    "3.2.2",
    "serious",
    _("A selection list must not load another page as soon as an option is chosen."),
)
def select_navigates(soup):
    for element in select(soup, "select[onchange]"):
        if re.search(r"location|\.submit\(|window\.open|href", element["onchange"]):
            yield element, None


@rule(
    "focusable-static",
    "best-practice",
    "minor",
    _("tabindex=0 on plain text adds a tab stop that does nothing; give it a role or drop it."),
)
def focusable_static(soup):
    for element in visible(soup, "[tabindex]"):
        plain = element.name not in INTERACTIVE and not element.get("role")
        if element["tabindex"].strip() == "0" and plain and not element.get("contenteditable"):
            yield element, None


@rule(
    "link-as-button",
    "best-practice",
    "minor",
    _('A link with role="button" does not react to the space bar like a button: use <button>.'),
)
def link_as_button(soup):
    for link in visible(soup, "[role=button]"):
        if link.name == "a" and link.has_attr("href"):
            yield link, None


@rule(
    "empty-paragraph",
    "best-practice",
    "minor",
    _("Empty paragraphs are read as “blank”: make space with CSS."),
)
def empty_paragraph(soup):
    for paragraph in visible(soup, "p"):
        if not paragraph.get_text(strip=True) and not paragraph.find(["img", "input", "svg"]):
            yield paragraph, None


@rule(
    "abbr-expanded",
    "best-practice",
    "minor",
    _("Explain an abbreviation where it first appears: <abbr title=“…”>."),
)
def abbr_expanded(soup):
    explained = set()
    for abbr in visible(soup, "abbr"):
        text = abbr.get_text(strip=True)
        if abbr.get("title", "").strip():
            explained.add(text)
        elif text not in explained:
            explained.add(text)
            yield abbr, None


FAKE_BULLET = re.compile(r"^\s*([*•·\-–]|\d+[.)])\s+\S")


@rule(
    "fake-list",
    "1.3.1",
    "moderate",
    _("Lines that start with “*”, “-” or “•” are a list: mark them up as <ul> or <ol>."),
)
def fake_list(soup):
    for block in visible(soup, "p, div, td, main, section, article, body"):
        if sum(1 for child in block.children if getattr(child, "name", None) == "br") < 2:
            continue
        lines = [str(node) for node in block.children if isinstance(node, str)]
        if sum(1 for line in lines if FAKE_BULLET.match(line)) >= 3:
            yield block, None


RTL = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}


@rule(
    "lang-direction",
    "1.3.2",
    "serious",
    _("Text in a right-to-left language needs dir=“rtl”, and left-to-right text must not have it."),
)
def lang_direction(soup):
    for element in select(soup, "[lang]"):
        if element.name == "html":
            continue
        primary = element["lang"].split("-")[0].lower()
        direction_holder = (
            element
            if element.get("dir")
            else next((parent for parent in element.parents if "dir" in parent.attrs), None)
        )
        direction = (direction_holder.get("dir") if direction_holder else "ltr").lower()
        if primary and (primary in RTL) != (direction == "rtl") and direction != "auto":
            yield element, None
