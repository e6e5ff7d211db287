"""The main content of a legacy HTML page as lines, with safe inline links and emphasis only.

Navigation, header, footer, scripts, styles, forms and embedded frames are dropped; of the
remaining markup only <a href> (http, https, mailto), <strong>/<b> and <em>/<i> survive, as
plain tags without attributes apart from href. Event handlers and javascript: URLs cannot pass.
A link without a usable target ("#", empty, relative without a base address) stays as a bare
<a> so that navigation can still be recognised as links; it never reaches a page as a link.
Comments (Word's conditional comments among them) are dropped.
"""

from html import escape
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from django.utils.translation import gettext as _

from .errors import ImportProblem
from .limits import MAX_DEPTH

DROP = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "object",
    "embed",
    "template",
    "svg",
    "button",
    "select",
    "textarea",
    "input",
]
BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "section",
    "article",
    "main",
    "br",
    "tr",
    "dd",
    "dt",
    "figcaption",
    "address",
    "pre",
    "ul",
    "ol",
}
EMPHASIS = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def main_content(soup):
    for selector in ("main", "article", "[role=main]", "#content", ".content", "body"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup


def safe_href(href: str, base_url: str) -> str:
    """An absolute http, https or mailto address, or "" (no usable target)."""
    href = (href or "").strip()
    if base_url and href and not href.startswith("#"):
        href = urljoin(base_url, href)
    return href if href.lower().startswith(SAFE_SCHEMES) else ""


def inline_html(node, base_url="") -> str:
    if isinstance(node, PreformattedString):  # comments, doctype, CDATA
        return ""
    if isinstance(node, NavigableString):
        return escape(str(node), quote=False)
    if not isinstance(node, Tag):
        return ""
    inner = "".join(inline_html(child, base_url) for child in node.children)
    if node.name in EMPHASIS and inner.strip():
        tag = EMPHASIS[node.name]
        return f"<{tag}>{inner}</{tag}>"
    if node.name == "a" and inner.strip():
        href = safe_href(node.get("href"), base_url)
        return f'<a href="{escape(href)}">{inner}</a>' if href else f"<a>{inner}</a>"
    return inner


def check_depth(soup, limit=MAX_DEPTH):
    """Refuse pathological nesting before any recursive step sees it (no RecursionError)."""
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise ImportProblem(
                _("HTML nested deeper than %(limit)s elements") % {"limit": limit},
                node.sourceline or 0,
            )
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))


def html_to_lines(text: str, base_url="", budget=None) -> list[str]:
    soup = BeautifulSoup(text, "html.parser")
    if budget:
        budget.check()
    check_depth(soup)
    for tag in soup.find_all(DROP):
        tag.decompose()
    lines, current = [], []

    def flush():
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(node):
        if budget:
            budget.check(len(lines))
        for child in node.children:
            if isinstance(child, Tag) and child.name in BLOCKS:
                flush()
                walk(child)
                flush()
                if child.name in ("p", "h1", "h2", "h3", "blockquote", "div", "section"):
                    lines.append("")  # a paragraph ends
            else:
                current.append(inline_html(child, base_url))

    walk(main_content(soup))
    flush()
    return lines
