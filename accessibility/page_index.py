"""The index of a parsed page, shared by all rules: its tags in document order, by name and by
attribute, where each tag's descendants end, which tags are hidden, and the answers of select()
and accessible_name() already given. Made by one walk of the tree on first use, kept on it."""

import re
from collections import defaultdict

from bs4 import Tag

HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
HIDING_TAGS = frozenset(("script", "style", "template", "noscript"))


def hides(node: Tag) -> bool:
    """Hidden from assistive technology by itself (not counting its ancestors)."""
    attrs = node.attrs
    return (
        attrs.get("aria-hidden") == "true"
        or "hidden" in attrs
        or node.name in HIDING_TAGS
        or bool(HIDING_STYLE.search(attrs.get("style") or ""))
    )


class Index:
    def __init__(self, root):
        self.root = root
        self.order, self.position, self.end = [], {}, {}
        self.by_name, self.by_attr = defaultdict(list), defaultdict(list)
        self.hidden, self.selections, self.names = set(), {}, {}
        self.strings = []  # (string, position of the tag holding it; -1 for the document)
        self.by_name_positions = {}

    @classmethod
    def of(cls, root) -> "Index":
        index = cls(root)
        index._walk(root, False, -1)
        return index

    def add(self, tag, parent_hidden) -> tuple[int, bool]:
        """Records the next tag in document order; (its position, whether it is hidden)."""
        key = id(tag)
        position = self.position[key] = len(self.order)
        self.order.append(tag)
        self.by_name[tag.name].append(tag)
        for attribute in tag.attrs:
            self.by_attr[attribute].append(tag)
        hidden = parent_hidden or hides(tag)
        if hidden:
            self.hidden.add(key)
        return position, hidden

    def _walk(self, parent, parent_hidden, parent_position):
        for child in parent.contents:
            if not isinstance(child, Tag):
                self.strings.append((child, parent_position))
            else:
                position, hidden = self.add(child, parent_hidden)
                if child.contents:
                    self._walk(child, hidden, position)
                self.end[id(child)] = len(self.order) - 1

    def span(self, element) -> tuple[int, int]:
        """(low, high): element's position in document order and its last descendant's; a tag
        lies inside element when low < its position <= high (the document: -1 and the last
        position)."""
        if element is self.root:
            return -1, len(self.order) - 1
        key = id(element)
        return self.position[key], self.end[key]

    def positions(self, name) -> list[int]:
        """The positions of the tags of this name, ascending."""
        found = self.by_name_positions.get(name)
        if found is None:
            position = self.position
            found = [position[id(tag)] for tag in self.by_name.get(name, ())]
            self.by_name_positions[name] = found
        return found


KEY = "_pressroom_index"
_LAST = [None]  # the index asked for last: rules ask about one page many times in a row


def index_of(node) -> Index:
    """The index of the document node belongs to."""
    last = _LAST[0]
    if last is not None:
        if node is last.root:
            return last
        position = last.position.get(id(node))
        if position is not None and last.order[position] is node:
            return last
    while node.parent is not None:
        node = node.parent
    index = node.__dict__.get(KEY)
    if index is None:
        index = node.__dict__[KEY] = Index.of(node)
    _LAST[0] = index
    return index
