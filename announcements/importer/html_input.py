"""The main content of a legacy HTML page as lines, with safe inline links and emphasis only.

Navigation, header, footer, scripts, styles, forms and embedded frames are dropped; of the
remaining markup only <a href> (http, https, mailto), <strong>/<b> and <em>/<i> survive, as
plain tags without attributes apart from href. Event handlers and javascript: URLs cannot pass.
"""

from html import escape

from bs4 import BeautifulSoup, NavigableString, Tag

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


def inline_html(node) -> str:
    if isinstance(node, NavigableString):
        return escape(str(node), quote=False)
    if not isinstance(node, Tag):
        return ""
    inner = "".join(inline_html(child) for child in node.children)
    if node.name in EMPHASIS and inner.strip():
        tag = EMPHASIS[node.name]
        return f"<{tag}>{inner}</{tag}>"
    href = (node.get("href") or "").strip() if node.name == "a" else ""
    if href.lower().startswith(SAFE_SCHEMES) and inner.strip():
        return f'<a href="{escape(href)}">{inner}</a>'
    return inner


def html_to_lines(text: str) -> list[str]:
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    lines, current = [], []

    def flush():
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, Tag) and child.name in BLOCKS:
                flush()
                walk(child)
                flush()
                if child.name in ("p", "h1", "h2", "h3", "blockquote", "div", "section"):
                    lines.append("")  # a paragraph ends
            else:
                current.append(inline_html(child))

    walk(main_content(soup))
    flush()
    return lines
