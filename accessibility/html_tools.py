"""Helpers for reading rendered HTML the way assistive technology does."""

import re
from collections import defaultdict

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


SIMPLE_SELECTOR = re.compile(
    r"^(?P<name>[a-z][a-z0-9]*)?(\[(?P<attr>[a-z-]+)(=(?P<value>[\w-]+))?\])?$"
)


def _tag_index(soup) -> dict:
    """Tags by name, built in one walk of the document and kept on the soup."""
    index = soup.__dict__.get("_pressroom_tags")
    if index is None:
        index = defaultdict(list)
        for element in soup.descendants:
            if isinstance(element, Tag):
                index[element.name].append(element)
                index["*"].append(element)
        soup.__dict__["_pressroom_tags"] = index
    return index


def select(soup, selector: str) -> list[Tag]:
    """soup.select() for simple selectors (“a[href]”, “h1, h2”, “[id]”, “[role=main]”) from an
    index built once per document; anything more complex goes to soupsieve."""
    parts = [part.strip() for part in selector.split(",")]
    matches = [SIMPLE_SELECTOR.match(part) for part in parts]
    if not all(matches):
        return soup.select(selector)
    index = _tag_index(soup)
    found = []
    for match in matches:
        for element in index[match["name"] or "*"]:
            attr, value = match["attr"], match["value"]
            if attr and (not element.has_attr(attr) or (value and element.get(attr) != value)):
                continue
            found.append(element)
    if len(parts) > 1:
        order = {id(element): position for position, element in enumerate(index["*"])}
        found.sort(key=lambda element: order[id(element)])
    return found
