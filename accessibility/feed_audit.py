"""The feed audit: what a feed reader shows of an RSS 2.0 or Atom feed. A feed is no page a
browser renders, so axe does not open it. The static engine checks that the feed is well-formed
XML and states its language, that every entry has a title whose text shows no escaped markup,
and audits each entry's HTML (RSS description or content:encoded, Atom content or summary) with
the rules of the profile "wcag", set in a page the way a reader shows an entry: its title as
heading, then its HTML. Rules about that page itself (landmarks, document title) are left out."""

import re
from html import escape

from django.utils.translation import gettext_lazy as _
from lxml import etree

from .findings import AuditResult, Finding
from .html_tools import LANGUAGE_TAG, parse
from .registry import WCAG
from .static import ENGINE, audit_soup

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
XML_TYPES = ("application/xml", "text/xml")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Rules about the page a reader builds around an entry, not about the entry; its title and
# heading are the entry's title (feed-entry-title).
READER_PAGE_RULES = {"landmark-nav", "skip-link", "meta-viewport-zoom", "single-h1"}
READER_PAGE = ("html", "head > title", "body > main > h1")
INSIDE = "body > main > "
ESCAPED_TWICE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

CHECKS = {
    "feed-well-formed": (
        "best-practice",
        "critical",
        _("A feed must be well-formed RSS or Atom: a feed reader shows nothing of a broken one."),
    ),
    "feed-language": (
        "3.1.1",
        "serious",
        _("A feed must state its language (RSS <language>, Atom xml:lang)."),
    ),
    "feed-entry-title": (
        "2.4.2",
        "serious",
        _("Every entry of a feed needs a title: feed readers list the entries by it."),
    ),
    "feed-escaped-text": (
        "best-practice",
        "moderate",
        _("An entry must not show character references such as “&amp;amp;” as text."),
    ),
}


def is_feed(content_type: str, body: bytes) -> bool:
    media = content_type.split(";")[0].strip().lower()
    if media in FEED_TYPES:
        return True
    head = body[:1000]
    return media in XML_TYPES and (b"<rss" in head or b"<feed" in head)


def finding(rule_id, selector, html="", detail="") -> Finding:
    wcag, impact, help_text = CHECKS[rule_id]
    return Finding(ENGINE, rule_id, impact, wcag, selector, str(help_text), html, "", detail)


def shown(element, kind=None) -> str:
    """A feed element's content as HTML, by its type (Atom: text, html, xhtml)."""
    if element is None:
        return ""
    kind = kind or element.get("type", "text")
    if kind == "xhtml":
        return "".join(etree.tostring(child, encoding="unicode") for child in element)
    return (element.text or "") if kind == "html" else escape(element.text or "")


def entries(root):
    """[(locator, title element, title kind, HTML of the entry)] and the feed's language."""
    if root.tag == "rss":
        channel = root.find("channel")
        items = channel.findall("item") if channel is not None else []
        language = channel.findtext("language", "") if channel is not None else ""
        found = [
            (
                f"rss > channel > item:nth-of-type({number})",
                item.find("title"),
                "html",  # RSS readers read titles as HTML
                shown(item.find(CONTENT), "html") or shown(item.find("description"), "html"),
            )
            for number, item in enumerate(items, start=1)
        ]
        return found, language
    found = [
        (
            f"feed > entry:nth-of-type({number})",
            entry.find(ATOM + "title"),
            None,
            shown(entry.find(ATOM + "content")) or shown(entry.find(ATOM + "summary")),
        )
        for number, entry in enumerate(root.findall(ATOM + "entry"), start=1)
    ]
    return found, root.get(XML_LANG, "")


def audit_feed(body: bytes, url: str = "") -> AuditResult:
    result = AuditResult(url=url, engine=ENGINE, engine_version="pressroom feed audit")
    try:
        root = etree.fromstring(body, SAFE)
    except etree.XMLSyntaxError as error:
        result.findings.append(finding("feed-well-formed", "xml", detail=str(error)))
        return result
    if root.tag not in ("rss", ATOM + "feed"):
        result.findings.append(finding("feed-well-formed", root.tag, detail=root.tag))
        return result
    found, language = entries(root)
    if not LANGUAGE_TAG.match(language.strip()):
        result.findings.append(finding("feed-language", root.tag.removeprefix(ATOM)))
    for locator, title_element, kind, html in found:
        title = parse(shown(title_element, kind)).get_text(" ", strip=True)
        if not title:
            result.findings.append(finding("feed-entry-title", locator))
        result.findings += audit_entry(locator, title, html, language)
    return result


def audit_entry(locator, title, html, language) -> list[Finding]:
    page = (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><title>{escape(title)}</title>'
        f"</head><body><main><h1>{escape(title)}</h1>{html}</main></body></html>"
    )
    soup = parse(page)
    findings = [
        finding("feed-escaped-text", locator, detail=match.group(0))
        for match in [ESCAPED_TWICE.search(f"{title} {soup.main.get_text(' ')}")]
        if match
    ]
    for found in audit_soup(soup, profile=WCAG).findings:
        if found.rule_id not in READER_PAGE_RULES and found.selector not in READER_PAGE:
            found.selector = f"{locator} → {found.selector.removeprefix(INSIDE)}"
            found.detail = " ".join(filter(None, [found.detail, f"“{title}”"]))
            findings.append(found)
    return findings
