"""Helpers for reading rendered HTML the way assistive technology does."""

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

from bs4 import BeautifulSoup, Tag

from .page_index import index_of as _index
from .tree import parse  # noqa: F401  (the tree of BeautifulSoup(html, "lxml"), built faster)


def hidden_tags(soup) -> set:
    """The ids of the tags of soup's document hidden from assistive technology (by themselves or
    an ancestor)."""
    return _index(soup).hidden


def is_hidden(element: Tag) -> bool:
    """Hidden from assistive technology by itself or an ancestor (a string: by an ancestor)."""
    if not isinstance(element, Tag):
        element = element.parent
    return element is not None and id(element) in _index(element).hidden


def accessible_name(element: Tag, soup: BeautifulSoup) -> str:
    """An approximation of the accessible name computation (labels, ARIA, text, alt); computed
    once per element and page, however many rules ask."""
    names = _index(element).names
    name = names.get(id(element))
    if name is None:
        name = names[id(element)] = _accessible_name(element, soup)
    return name


def _accessible_name(element: Tag, soup: BeautifulSoup) -> str:
    if element.get("aria-label", "").strip():
        return element["aria-label"].strip()
    if element.get("aria-labelledby"):
        parts = [soup.find(id=ref) for ref in element["aria-labelledby"].split()]
        text = " ".join(p.get_text(" ", strip=True) for p in parts if p is not None)
        if text.strip():
            return text.strip()
    hidden = _index(element).hidden
    texts = []
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name == "img" and id(node) not in hidden:
                texts.append(node.get("alt", ""))
            continue
        if node.parent is not None and id(node.parent) not in hidden:
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
        for element in _index(soup).order:
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


def span(element) -> tuple[int, int]:
    """(low, high) of element in document order: see Index.span."""
    return _index(element).span(element)


def position_of(element) -> int:
    return _index(element).position[id(element)]


@lru_cache(maxsize=256)
def _simple_parts(selector: str):
    """[(name, attribute, value)] of a selector list of simple selectors, None otherwise."""
    matches = [SIMPLE_SELECTOR.match(part.strip()) for part in selector.split(",")]
    if not all(matches):
        return None
    return tuple((m["name"], m["attr"], m["value"]) for m in matches)


def select(soup, selector: str) -> list[Tag]:
    """soup.select() for simple selectors (“a[href]”, “h1, h2”, “[id]”, “[role=main]”) from the
    document's index; anything more complex goes to soupsieve."""
    parts = _simple_parts(selector)
    if parts is None:
        return soup.select(selector)
    index = _index(soup)
    key = (id(soup), selector)
    found = index.selections.get(key)
    if found is None:
        found = index.selections[key] = _select(soup, index, parts)
    return list(found)


def _select(scope, index, parts) -> list[Tag]:
    found = []
    for name, attr, value in parts:
        if name:
            candidates = index.by_name.get(name, ())
            if attr:
                candidates = [e for e in candidates if attr in e.attrs]
        else:
            candidates = index.by_attr.get(attr, ()) if attr else index.order
        if value:
            candidates = [e for e in candidates if e.get(attr) == value]
        found += candidates
    position = index.position
    if scope.parent is not None:  # a part of the document: its descendants only
        low, high = position[id(scope)], index.end[id(scope)]
        found = [e for e in found if low < position[id(e)] <= high]
    if len(parts) > 1:
        found.sort(key=lambda element: position[id(element)])
    return found


def descendant_tags(element) -> list[Tag]:
    """The tags inside element, in document order, from the index (no walk of the tree)."""
    index = _index(element)
    if element.parent is None:
        return list(index.order)
    return index.order[index.position[id(element)] + 1 : index.end[id(element)] + 1]


def first_inside(element, names, attribute=None) -> Tag | None:
    """element.find(names[, attribute=True]) for tag names (a str or a collection), from the
    index."""
    index = _index(element)
    low, high = index.span(element)
    if high == low:
        return None
    order = index.order
    if isinstance(names, str):  # the tags of that name, from the first after element's own
        positions = index.positions(names)
        for number in range(bisect_right(positions, low), len(positions)):
            if positions[number] > high:
                return None
            tag = order[positions[number]]
            if attribute is None or attribute in tag.attrs:
                return tag
        return None
    for position in range(low + 1, high + 1):
        tag = order[position]
        if tag.name in names and (attribute is None or attribute in tag.attrs):
            return tag
    return None


def strings_inside(element, pattern) -> list:
    """element.find_all(string=pattern): every string of any kind (text, comment, script) in
    element that pattern (a compiled regular expression) finds something in."""
    index = _index(element)
    if element.parent is None:
        low, high = -1, len(index.order)
    else:
        low, high = index.position[id(element)], index.end[id(element)]
    return [
        string
        for string, holder in index.strings
        if low <= holder <= high and pattern.search(string)
    ]


def closest(element, names):
    """element.find_parent(names): the nearest ancestor of one of these tag names."""
    names = {names} if isinstance(names, str) else names
    return next((parent for parent in element.parents if parent.name in names), None)


def by_id(soup, value):
    """soup.find(id=value), from the index."""
    index = _index(soup)
    return next((tag for tag in index.by_attr.get("id", ()) if tag.get("id") == value), None)


def visible(soup, selector: str) -> list[Tag]:
    """select() less what is hidden from assistive technology; kept for the next rule."""
    index = _index(soup)
    key = ("visible", id(soup), selector)
    found = index.selections.get(key)
    if found is None:
        hidden = index.hidden
        found = [element for element in select(soup, selector) if id(element) not in hidden]
        index.selections[key] = found
    return list(found)


def main_region(soup):
    mains = select(soup, "main")
    return mains[0] if mains else (first_inside(soup, "body") or soup)


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
    if element is ancestor:
        return True
    index = _index(element)
    position = index.position.get(id(element))
    if position is None or _index(ancestor) is not index:  # the document, or another tree
        return any(parent is ancestor for parent in element.parents)
    low, high = span(ancestor)
    return low < position <= high
