"""The rules of the static checker: each with id, WCAG success criterion, impact and help text.

A check receives the parsed document and yields (element, message) pairs; an element of None
means the problem concerns the whole document.
"""

import re
from bisect import bisect_right
from collections import Counter

from django.utils.translation import gettext_lazy as _

from .html_tools import (
    LANGUAGE_TAG,
    accessible_name,
    by_id,
    closest,
    first_inside,
    is_hidden,
    looks_like_file_name,
    looks_like_url,
    main_region,
    position_of,
    select,
    span,
    visible,
)
from .registry import PRESSROOM, rule

# --- Document -------------------------------------------------------------------------------


@rule(
    "html-lang-valid",
    "3.1.1",
    "serious",
    _("The page must state its language with a valid lang attribute on <html>."),
)
def html_lang_valid(soup):
    html = first_inside(soup, "html")
    if html is None or not LANGUAGE_TAG.match(html.get("lang", "").strip()):
        yield html, None


@rule(
    "element-lang-valid",
    "3.1.2",
    "serious",
    _("A lang attribute on a part of the page must be a valid language code."),
)
def element_lang_valid(soup):
    for element in select(soup, "[lang]"):
        if element.name == "html":
            continue
        if not LANGUAGE_TAG.match(element["lang"].strip()):
            yield element, None


@rule("document-title", "2.4.2", "serious", _("The page must have a title that says what it is."))
def document_title(soup):
    title = first_inside(soup, "title")
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
    "best-practice",
    "minor",
    _("Every id must be unique, or labels and references point to the wrong element."),
)
def duplicate_id(soup):
    counts = Counter(element["id"] for element in select(soup, "[id]"))
    for element in select(soup, "[id]"):
        if counts[element["id"]] > 1:
            yield element, None


# --- Headings -------------------------------------------------------------------------------

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@rule("single-h1", "best-practice", "moderate", _("A page needs exactly one main heading (h1)."))
def single_h1(soup):
    first_level = visible(soup, "h1")
    if len(first_level) != 1:
        yield (first_level[1] if len(first_level) > 1 else None), None


@rule(
    "heading-order",
    "best-practice",
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
    for image in select(soup, "img"):
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
    # <input type=submit/reset> without value are named “Submit”/“Reset” by the browser
    for button in visible(soup, "button, input[type=button], [role=button]"):
        if not accessible_name(button, soup):
            yield button, None


# --- Landmarks and navigation -----------------------------------------------------------------


@rule(
    "landmark-main",
    "best-practice",
    "moderate",
    _("The page needs exactly one <main> landmark."),
)
def landmark_main(soup):
    if len(select(soup, "main, [role=main]")) != 1:
        yield None, None


def link_groups(soup):
    """Innermost lists and blocks of three or more links outside <main>, mostly link text:
    navigation by the look of it."""
    main = first_inside(soup, "main")
    main_low, main_high = span(main) if main is not None else (-2, -2)
    links = [position_of(link) for link in select(soup, "a[href]")]  # in document order
    groups = []
    for group in select(soup, "ul, ol, p, div"):
        low, high = span(group)
        count = bisect_right(links, high) - bisect_right(links, low)  # links inside the group
        if count < 3 or main_low <= low <= main_high or low < main_low <= high:
            continue
        if len(group.get_text(" ", strip=True).split()) <= 6 * count:
            groups.append((low, high, group))
    # innermost only: a group holding another holds the next one in document order
    return [
        group
        for number, (low, high, group) in enumerate(groups)
        if number + 1 == len(groups) or not low < groups[number + 1][0] <= high
    ]


@rule(
    "landmark-nav",
    "best-practice",
    "moderate",
    _("A group of navigation links must be marked up as <nav> (or role=navigation)."),
)
def landmark_nav(soup, context):
    if context.profile == PRESSROOM and not select(soup, "nav, [role=navigation]"):
        yield None, None
        return
    for group in link_groups(soup):
        if closest(group, ("nav", "footer")) is None and not group.find_parent(
            attrs={"role": ["navigation", "contentinfo"]}
        ):
            yield group, None


@rule(
    "skip-link",
    "2.4.1",
    "moderate",
    _(
        "A block that repeats on every page needs a link before it that skips to the main "
        "content, and its target must exist."
    ),
)
def skip_link(soup, context):
    if context.profile != PRESSROOM and not context.site.get("repeats", {}).get(context.url):
        return
    body = first_inside(soup, "body")
    first = first_inside(body, "a", "href") if body else None
    href = first["href"] if first else ""
    if not href.startswith("#") or len(href) < 2 or by_id(soup, href[1:]) is None:
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
    for frame in select(soup, "iframe, frame"):
        if not frame.get("title", "").strip() and not is_hidden(frame):
            yield frame, None


# --- Link texts and documents ---------------------------------------------------------------

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
    "seite",
    "diese seite",
    "page",
    "this page",
    "click",
    "klicken",
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
