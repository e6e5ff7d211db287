"""Helpers for reading rendered HTML the way assistive technology does."""

import re
from collections import defaultdict

from bs4 import BeautifulSoup, Tag


def parse(html: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hides(node: Tag) -> bool:
    return (
        node.get("aria-hidden") == "true"
        or node.has_attr("hidden")
        or node.name in ("script", "style", "template", "noscript")
        or bool(HIDING_STYLE.search(node.get("style") or ""))
    )


def is_hidden(element: Tag) -> bool:
    """Hidden from assistive technology by itself or an ancestor."""
    return any(_hides(node) for node in [element, *element.parents] if isinstance(node, Tag))


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


SIMPLE_ID = re.compile(r"^[A-Za-z][\w-]*$")


def _unique_ids(soup) -> set:
    ids = soup.__dict__.get("_pressroom_ids")
    if ids is None:
        counts = defaultdict(int)
        for element in _tag_index(soup)["*"]:
            if isinstance(element.get("id"), str):
                counts[element["id"]] += 1
        ids = {key for key, count in counts.items() if count == 1 and SIMPLE_ID.match(key)}
        soup.__dict__["_pressroom_ids"] = ids
    return ids


def css_selector(element: Tag, soup=None) -> str:
    """A CSS selector that matches this element, and only it, in the browser's DOM: by a unique
    id or by position among siblings of the same tag, with the tbody browsers put around rows."""
    root = soup if soup is not None else next(iter(reversed([*element.parents])), element)
    ids = _unique_ids(root)
    parts = []
    node = element
    while isinstance(node, Tag) and node.name not in ("[document]", "html"):
        if node.get("id") in ids:
            parts.append(f"#{node['id']}")
            break
        parent = node.parent
        part = node.name
        if parent is not None:
            same = [s for s in parent.children if isinstance(s, Tag) and s.name == node.name]
            if len(same) > 1:
                position = next(i for i, s in enumerate(same, 1) if s is node)
                part += f":nth-of-type({position})"
        parts.append(part)
        if node.name == "tr" and parent is not None and parent.name == "table":
            parts.append("tbody")
        node = parent
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


def _hidden_ids(soup) -> set:
    """ids of every element hidden by itself or an ancestor, found in one walk of the document."""
    hidden = soup.__dict__.get("_pressroom_hidden")
    if hidden is None:
        hidden = set()
        for element in _tag_index(soup)["*"]:
            parent = element.parent
            if (parent is not None and id(parent) in hidden) or _hides(element):
                hidden.add(id(element))
        soup.__dict__["_pressroom_hidden"] = hidden
    return hidden


def visible(soup, selector: str) -> list[Tag]:
    root = soup
    while root.parent is not None:
        root = root.parent
    hidden = _hidden_ids(root)
    return [element for element in select(soup, selector) if id(element) not in hidden]


def main_region(soup):
    mains = select(soup, "main")
    return mains[0] if mains else (soup.body or soup)


LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", re.I)
URL_LIKE = re.compile(
    r"^\s*(https?://|www\.|mailto:|ftp://)\S*\s*$|^\s*[\w.-]+\.(de|com|org|net|eu|gov)(/\S*)?\s*$",
    re.I,
)
IMAGE_FILE_NAME = re.compile(r"^\S+\.(jpe?g|png|gif|webp|avif|tiff?|bmp|heic|svg)$", re.I)
CAMERA_FILE_NAME = re.compile(r"^(img|dsc|dscn|p\d|pic|photo|bild|foto)[_-]?\d+", re.I)


def looks_like_url(text: str) -> bool:
    """True when the text is a bare web address."""
    return bool(URL_LIKE.match(text or ""))


def looks_like_file_name(text: str) -> bool:
    """True when a text alternative is a file name (“IMG_1234.jpg”) rather than a description."""
    stripped = (text or "").strip()
    return bool(IMAGE_FILE_NAME.match(stripped) or CAMERA_FILE_NAME.match(stripped.split("/")[-1]))


def is_inside(element: Tag, ancestor: Tag) -> bool:
    """True when element lies within ancestor (or is it). By identity: tags compare by content."""
    return element is ancestor or any(parent is ancestor for parent in element.parents)
