"""Helpers for reading rendered HTML the way assistive technology does."""

from bs4 import BeautifulSoup, Tag


def parse(html: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def is_hidden(element: Tag) -> bool:
    """Hidden from assistive technology by itself or an ancestor."""
    for node in [element, *element.parents]:
        if not isinstance(node, Tag):
            continue
        if node.get("aria-hidden") == "true" or node.has_attr("hidden"):
            return True
        if node.name in ("script", "style", "template", "noscript"):
            return True
    return False


def accessible_name(element: Tag, soup: BeautifulSoup) -> str:
    """An approximation of the accessible name computation (labels, ARIA, text, alt)."""
    if element.get("aria-label", "").strip():
        return element["aria-label"].strip()
    if element.get("aria-labelledby"):
        parts = [soup.find(id=ref) for ref in element["aria-labelledby"].split()]
        text = " ".join(p.get_text(" ", strip=True) for p in parts if p is not None)
        if text.strip():
            return text.strip()
    texts = []
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name == "img" and not is_hidden(node):
                texts.append(node.get("alt", ""))
            continue
        if node.parent is not None and not is_hidden(node.parent):
            texts.append(str(node))
    name = " ".join(" ".join(texts).split())
    if not name and element.name == "input":
        name = element.get("value", "") or element.get("alt", "")
    return name or element.get("title", "").strip()


def css_selector(element: Tag) -> str:
    """A short CSS selector that finds this element again."""
    parts = []
    node = element
    while isinstance(node, Tag) and node.name not in ("[document]", "html"):
        if node.get("id"):
            parts.append(f"#{node['id']}")
            break
        siblings = (
            [s for s in node.parent.find_all(node.name, recursive=False)] if node.parent else []
        )
        part = node.name
        if len(siblings) > 1:
            part += f":nth-of-type({siblings.index(node) + 1})"
        parts.append(part)
        node = node.parent
    return " > ".join(reversed(parts)) or element.name


def snippet(element: Tag, limit: int = 200) -> str:
    text = str(element)
    return text if len(text) <= limit else text[: limit - 1] + "…"
