"""Static rules on links: where they lead, what they say, what they open."""

import re
from urllib.parse import urljoin

from bs4 import Tag
from django.utils.translation import gettext_lazy as _

from .html_tools import accessible_name, main_region, select, visible
from .registry import rule

NEW_WINDOW_HINT = re.compile(
    r"new (window|tab)|neue[sm]? (fenster|tab)|neuer tab|nouvel(le)? (fenêtre|onglet)|extern",
    re.I,
)
MEDIA_LINK = re.compile(
    r"\.(mp3|wav|ogg|oga|m4a|aac|flac|mp4|m4v|mov|webm|avi|wmv|ogv)(\?.*)?$", re.I
)
TRANSCRIPT = re.compile(r"transcript|transkript|abschrift|untertitel|captions|transcription", re.I)


def has_transcript(soup) -> bool:
    """A link to a transcript, a heading that starts one, or an element marked as one."""
    for element in select(soup, "a[href], h2, h3, h4, h5, h6, [class], [id]"):
        marks = " ".join([*element.get("class", []), element.get("id", "")])
        if element.name == "a" and TRANSCRIPT.search(element.get_text(" ")):
            return True
        if element.name[0] == "h" and TRANSCRIPT.match(element.get_text(" ", strip=True)):
            return True
        if TRANSCRIPT.search(marks):
            return True
    return False


def links(soup):
    return visible(soup, "a[href]")


@rule(
    "link-no-destination",
    "best-practice",
    "moderate",
    _(
        'A link needs a real destination: href="#" or "javascript:" is a button in disguise; '
        "use <button> for actions."
    ),
)
def link_no_destination(soup):
    for link in links(soup):
        href = link["href"].strip().lower()
        if href in ("#", "") or href.startswith("javascript:"):
            yield link, None


@rule(
    "link-new-window",
    "best-practice",
    "minor",
    _("A link that opens a new window or tab must say so in its text, e.g. “(opens a new tab)”."),
)
def link_new_window(soup):
    for link in links(soup):
        if link.get("target", "").lower() != "_blank":
            continue
        said = " ".join([accessible_name(link, soup), link.get("title", "")])
        if not NEW_WINDOW_HINT.search(said):
            yield link, None


@rule(
    "link-title-redundant",
    "best-practice",
    "minor",
    _("A link's title that repeats its text adds nothing; remove the title."),
)
def link_title_redundant(soup):
    for link in links(soup):
        title = " ".join(link.get("title", "").split()).lower()
        if title and title == " ".join(link.get_text(" ", strip=True).split()).lower():
            yield link, None


@rule(
    "link-text-punctuation",
    "2.4.4",
    "serious",
    _("A link's text must be words, not only punctuation such as “.” or “»”."),
)
def link_text_punctuation(soup):
    for link in links(soup):
        name = accessible_name(link, soup)
        if name and not re.search(r"\w", name):
            yield link, None


@rule(
    "link-text-ambiguous",
    "best-practice",
    "moderate",
    _("Links with the same text must lead to the same place; say what differs."),
)
def link_text_ambiguous(soup, context):
    targets = {}
    for link in links(main_region(soup)):
        name = accessible_name(link, soup).lower()
        target = urljoin(context.url, link["href"]).split("#")[0]
        if not name or link["href"].startswith("#"):
            continue
        first = targets.setdefault(name, target)
        if first != target:
            yield link, None


def next_link(link):
    """The next link when only white space (or nothing) lies between the two."""
    for sibling in link.next_siblings:
        if getattr(sibling, "name", None) == "a":
            return sibling
        if isinstance(sibling, Tag) or sibling.strip():  # a tag's markup is never blank
            return None
    return None


@rule(
    "link-adjacent-same-target",
    "best-practice",
    "minor",
    _("Adjacent links to the same page (an image and its text) belong in one link."),
)
def link_adjacent_same_target(soup):
    for link in links(soup):
        following = next_link(link)
        real_target = not link["href"].startswith(("#", "javascript:"))
        if real_target and following is not None and following.get("href") == link["href"]:
            yield following, None


DOCUMENT_LINK = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|zip|rtf|csv|epub"
    r"|mp3|wav|ogg|oga|m4a|aac|flac|mp4|m4v|mov|webm|avi|wmv|ogv)(\?.*)?$",
    re.I,
)
FILE_SIZE = re.compile(r"\d+([.,]\d+)?\s?(KB|kB|MB|GB|Byte)", re.I)


@rule(
    "document-link-info",
    "best-practice",
    "minor",
    _(
        "A link to a document, audio or video file must state its file type and size, "
        "e.g. “(PDF, 1,2 MB)”."
    ),
)
def document_link_info(soup):
    for link in links(main_region(soup)):
        match = DOCUMENT_LINK.search(link["href"])
        if not match:
            continue
        name = accessible_name(link, soup)
        if match[1].lower()[:3] not in name.lower() or not FILE_SIZE.search(name):
            yield link, None


@rule(
    "media-link-alternative",
    "1.2.1",
    "serious",
    _("A link to an audio or video file needs a transcript next to it."),
)
def media_link_alternative(soup):
    media_links = [link for link in links(soup) if MEDIA_LINK.search(link["href"])]
    if media_links and not has_transcript(soup):
        yield from ((link, None) for link in media_links)
