"""The rules of the static checker: each with id, WCAG success criterion, impact and help text.

A check receives the parsed document and yields (element, message) pairs; an element of None
means the problem concerns the whole document.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from announcements.rules import LANGUAGE_TAG, looks_like_file_name, looks_like_url

from .html_tools import accessible_name, is_hidden, select


@dataclass(frozen=True)
class Rule:
    id: str
    wcag: str
    impact: str
    help: str
    check: Callable


RULES: dict[str, Rule] = {}


def rule(rule_id, wcag, impact, help_text):
    def register(check):
        RULES[rule_id] = Rule(rule_id, wcag, impact, help_text, check)
        return check

    return register


def visible(soup, selector):
    return [element for element in select(soup, selector) if not is_hidden(element)]


def main_region(soup):
    return soup.find("main") or soup.body or soup


# --- Document -------------------------------------------------------------------------------


@rule(
    "html-lang-valid",
    "3.1.1",
    "serious",
    _("The page must state its language with a valid lang attribute on <html>."),
)
def html_lang_valid(soup):
    html = soup.find("html")
    if html is None or not LANGUAGE_TAG.match(html.get("lang", "").strip()):
        yield html, None


@rule(
    "element-lang-valid",
    "3.1.2",
    "serious",
    _("A lang attribute on a part of the page must be a valid language code."),
)
def element_lang_valid(soup):
    for element in select(soup, "body [lang]"):
        if not LANGUAGE_TAG.match(element["lang"].strip()):
            yield element, None


@rule("document-title", "2.4.2", "serious", _("The page must have a title that says what it is."))
def document_title(soup):
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        yield title, None


@rule(
    "meta-viewport-zoom",
    "1.4.4",
    "critical",
    _("The page must allow zooming: no user-scalable=no, no maximum-scale below 2."),
)
def meta_viewport_zoom(soup):
    for meta in select(soup, "meta[name=viewport]"):
        content = meta.get("content", "").replace(" ", "").lower()
        maximum = re.search(r"maximum-scale=([\d.]+)", content)
        if "user-scalable=no" in content or (maximum and float(maximum[1]) < 2):
            yield meta, None


@rule(
    "duplicate-id",
    "4.1.1",
    "moderate",
    _("Every id must be unique, or labels and references point to the wrong element."),
)
def duplicate_id(soup):
    counts = Counter(element["id"] for element in select(soup, "[id]"))
    for element in select(soup, "[id]"):
        if counts[element["id"]] > 1:
            yield element, None


# --- Headings -------------------------------------------------------------------------------

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@rule("single-h1", "1.3.1", "moderate", _("A page needs exactly one main heading (h1)."))
def single_h1(soup):
    first_level = visible(soup, "h1")
    if len(first_level) != 1:
        yield (first_level[1] if len(first_level) > 1 else None), None


@rule(
    "heading-order",
    "1.3.1",
    "moderate",
    _("Heading levels must not skip a level (h2 followed by h4)."),
)
def heading_order(soup):
    previous = 0
    for heading in visible(soup, ",".join(HEADINGS)):
        level = int(heading.name[1])
        if previous and level > previous + 1:
            yield heading, None
        previous = level


@rule("empty-heading", "2.4.6", "moderate", _("A heading must have text."))
def empty_heading(soup):
    for heading in visible(soup, ",".join(HEADINGS)):
        if not accessible_name(heading, soup):
            yield heading, None


# --- Images, links, buttons, forms ------------------------------------------------------------


@rule(
    "img-alt",
    "1.1.1",
    "critical",
    _('Every image needs an alt attribute: a description, or alt="" for decoration.'),
)
def img_alt(soup):
    for image in soup.find_all("img"):
        if not image.has_attr("alt") and image.get("role") != "presentation":
            yield image, None


@rule(
    "img-alt-file-name",
    "1.1.1",
    "serious",
    _("Alternative text must describe the image, not repeat its file name."),
)
def img_alt_file_name(soup):
    for image in select(soup, "img[alt]"):
        if looks_like_file_name(image["alt"]):
            yield image, None


@rule("link-name", "2.4.4", "serious", _("Every link needs text that says where it leads."))
def link_name(soup):
    for link in visible(soup, "a[href]"):
        if not accessible_name(link, soup):
            yield link, None


@rule("button-name", "4.1.2", "critical", _("Every button needs a name that says what it does."))
def button_name(soup):
    for button in visible(soup, "button, input[type=submit], input[type=button], [role=button]"):
        if not accessible_name(button, soup):
            yield button, None


UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@rule("form-label", "1.3.1", "critical", _("Every form field needs a label."))
def form_label(soup):
    for field in visible(soup, "input, select, textarea"):
        if field.name == "input" and field.get("type", "text") in UNLABELLED_TYPES:
            continue
        field_id = field.get("id")
        labelled = (
            (field_id and soup.find("label", attrs={"for": field_id}))
            or field.find_parent("label")
            or field.get("aria-label", "").strip()
            or field.get("aria-labelledby")
            or field.get("title", "").strip()
        )
        if not labelled:
            yield field, None


# --- Landmarks and navigation -----------------------------------------------------------------


@rule("landmark-main", "1.3.1", "moderate", _("The page needs exactly one <main> landmark."))
def landmark_main(soup):
    if len(select(soup, "main, [role=main]")) != 1:
        yield None, None


@rule("landmark-nav", "1.3.1", "moderate", _("Navigation must be marked up as <nav>."))
def landmark_nav(soup):
    if not select(soup, "nav, [role=navigation]"):
        yield None, None


@rule(
    "landmark-footer",
    "1.3.1",
    "moderate",
    _("The page needs a footer (contentinfo) landmark for legal links and contact."),
)
def landmark_footer(soup):
    footers = [
        f
        for f in select(soup, "footer")
        if not f.find_parent(["article", "aside", "main", "nav", "section"])
    ]
    if not footers and not select(soup, "[role=contentinfo]"):
        yield None, None


@rule(
    "skip-link",
    "2.4.1",
    "moderate",
    _("The first link of the page must skip to the main content, and its target must exist."),
)
def skip_link(soup):
    first = soup.body.find("a", href=True) if soup.body else None
    href = first["href"] if first else ""
    if not href.startswith("#") or len(href) < 2 or soup.find(id=href[1:]) is None:
        yield first, None


@rule(
    "tabindex-positive",
    "2.4.3",
    "serious",
    _("A positive tabindex breaks the focus order; use 0 or -1."),
)
def tabindex_positive(soup):
    for element in select(soup, "[tabindex]"):
        if element["tabindex"].strip().lstrip("+").isdigit() and int(element["tabindex"]) > 0:
            yield element, None


@rule("iframe-title", "4.1.2", "serious", _("Every iframe needs a title that says what it shows."))
def iframe_title(soup):
    for frame in soup.find_all(["iframe", "frame"]):
        if not frame.get("title", "").strip() and not is_hidden(frame):
            yield frame, None


@rule("table-headers", "1.3.1", "serious", _("A data table needs header cells (<th>)."))
def table_headers(soup):
    for table in soup.find_all("table"):
        if table.get("role") in ("presentation", "none"):
            continue
        if table.find("td") and not table.find("th"):
            yield table, None


# --- Press-specific rules -------------------------------------------------------------------


@rule(
    "lead-markers-hidden",
    "1.3.1",
    "moderate",
    _("The “+++” markers of a lead must be hidden from screen readers (aria-hidden)."),
)
def lead_markers_hidden(soup):
    for text in main_region(soup).find_all(string=re.compile(r"\+\+\+")):
        if not is_hidden(text.parent):
            yield text.parent, None


GENERIC_LINK_TEXTS = {
    "hier",
    "mehr",
    "weiter",
    "weiterlesen",
    "mehr lesen",
    "mehr erfahren",
    "link",
    "klicken sie hier",
    "hier klicken",
    "click here",
    "here",
    "more",
    "read more",
    "learn more",
    "details",
}


@rule(
    "link-text-url",
    "2.4.4",
    "moderate",
    _("Link text must say where the link leads, not be a bare web address."),
)
def link_text_url(soup):
    for link in visible(main_region(soup), "a[href]"):
        if looks_like_url(accessible_name(link, soup)):
            yield link, None


@rule(
    "link-text-generic",
    "2.4.4",
    "moderate",
    _("Link text such as “hier”, “mehr” or “click here” says nothing out of context."),
)
def link_text_generic(soup):
    for link in visible(main_region(soup), "a[href]"):
        name = accessible_name(link, soup).lower().strip(" .:…»›>")
        if name in GENERIC_LINK_TEXTS:
            yield link, None


@rule(
    "quote-speaker",
    "1.3.1",
    "moderate",
    _(
        "A quote needs its speaker: <figure><blockquote>…</blockquote><figcaption>speaker"
        "</figcaption></figure>."
    ),
)
def quote_speaker(soup):
    for quote in soup.find_all("blockquote"):
        figure = quote.find_parent("figure")
        caption = figure.find("figcaption") if figure else None
        if caption is None or not caption.get_text(strip=True):
            yield quote, None


DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}\.\s?(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember)\s\d{4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
)


@rule(
    "date-in-time-element",
    "1.3.1",
    "minor",
    _(
        'Dates of the release must be marked up as <time datetime="…"> for machines and '
        "assistive technology."
    ),
)
def date_in_time_element(soup):
    for time_element in soup.find_all("time"):
        if not time_element.get("datetime", "").strip():
            yield time_element, None
    for heading_or_meta in main_region(soup).select(
        "header p, .release__meta, .release-teaser__meta"
    ):
        for text in heading_or_meta.find_all(string=DATE_IN_TEXT):
            if text.find_parent("time") is None:
                yield text.parent, None


@rule(
    "gallery-withheld-notice",
    "1.3.1",
    "serious",
    _(
        "A gallery whose photos are not yet released must show a notice with the date and time, "
        "and no images."
    ),
)
def gallery_withheld_notice(soup):
    for gallery in select(soup, "[data-gallery-state=withheld]"):
        notice = gallery.select_one(".gallery__notice")
        if notice is None or notice.find("time", datetime=True) is None or gallery.find("img"):
            yield gallery, None


@rule(
    "gallery-caption-credit",
    "1.1.1",
    "moderate",
    _("Every gallery photo needs a caption and a photo credit."),
)
def gallery_caption_credit(soup):
    for gallery in select(soup, "[data-gallery-state=released]"):
        for image in gallery.find_all("img"):
            figure = image.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            credit = caption.select_one(".gallery__credit") if caption else None
            if caption is None or credit is None or not credit.get_text(strip=True):
                yield image, None


DOCUMENT_LINK = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|zip|rtf|csv)(\?.*)?$", re.I)
FILE_SIZE = re.compile(r"\d+([.,]\d+)?\s?(KB|kB|MB|GB|Byte)", re.I)


@rule(
    "document-link-info",
    "2.4.4",
    "minor",
    _("A link to a document must state its file type and size, e.g. “(PDF, 1,2 MB)”."),
)
def document_link_info(soup):
    for link in visible(main_region(soup), "a[href]"):
        match = DOCUMENT_LINK.search(link["href"])
        if not match:
            continue
        name = accessible_name(link, soup)
        if match[1].lower()[:3] not in name.lower() or not FILE_SIZE.search(name):
            yield link, None
