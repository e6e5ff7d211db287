"""The beautifulsoup4 tree of BeautifulSoup(html, "lxml"), built faster.

bs4's lxml builder does its general bookkeeping (namespace maps, tag counters, parse_only
filters, linkage repairs) in several Python calls per tag and text that lxml reports: that costs
about twenty times lxml's own parse. LeanLXMLBuilder feeds the same lxml parser, with the same
options, into a small target that makes the same bs4 objects by the same rules (whitespace-only
text collapsed outside pre/textarea, script/style strings of their own classes, class-like
attributes split into lists). tests/test_static_rules.py compares both trees node by node on our
pages; a page with XML namespaces goes to bs4's own builder.
"""

from bs4 import BeautifulSoup
from bs4.builder import ParserRejectedMarkup, builder_registry
from bs4.element import Comment, Doctype, NavigableString, Tag, nonwhitespace_re
from lxml import etree

LXMLTreeBuilder = builder_registry.lookup("lxml", "html")  # bs4's own, by its public registry
ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
LINKS = ("parent", "previous_element", "next_element", "previous_sibling", "next_sibling")


class _Namespaced(Exception):
    """A name with an XML namespace: left to bs4's own lxml builder."""


TEMPLATES = {}  # tag name: the fields every Tag of that name starts with


class _Target:
    """lxml's parser target: one bs4 object per tag, text, comment, doctype."""

    def __init__(self, builder):
        self.builder, self.soup = builder, builder.soup
        self.open = [(self.soup, NavigableString, False)]  # tag, its string class, keeps spaces
        self.text = []
        self.data = self.text.append
        self.last = None
        lists = builder.cdata_list_attributes or {}
        self.list_attributes = {name for names in lists.values() for name in names}
        self.containers = builder.string_containers
        self.attribute_dict_class = builder.attribute_dict_class
        self.value_list = builder.attribute_value_list_class
        self.splits = {}
        self.keep_spaces = builder.preserve_whitespace_tags

    def _add(self, node, parent):
        last, contents = self.last, parent.contents
        node.parent = parent
        node.previous_element = last
        node.next_element = node.next_sibling = None
        if last is not None:
            last.next_element = node
        node.previous_sibling = previous = contents[-1] if contents else None
        if previous is not None:
            previous.next_sibling = node
        contents.append(node)
        self.last = node

    def _flush(self, cls=None):
        text = "".join(self.text)
        self.text.clear()
        parent, string_class, keeps_spaces = self.open[-1]
        if not keeps_spaces and not text.strip(ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        string = str.__new__(cls or string_class, text)
        string.hidden = False
        self._add(string, parent)

    def _split_lists(self, name, attrs):
        """builder._replace_cdata_list_attribute_values: class="a b" becomes ["a", "b"]."""
        splits = self.splits.get(name)
        if splits is None:
            lists = self.builder.cdata_list_attributes
            splits = {*lists.get("*", ()), *(lists.get(name.lower()) or ())}
            self.splits[name] = splits
        for key in splits.intersection(attrs):
            attrs[key] = self.value_list(nonwhitespace_re.findall(attrs[key]))

    def _template(self, name):
        builder = self.builder
        tag = Tag(self.soup, builder, name, namespaces=builder.active_namespace_prefixes[-1])
        template = {k: v for k, v in tag.__dict__.items() if k not in LINKS}
        del template["attrs"], template["contents"]
        TEMPLATES[name] = template
        return template

    def start(self, name, attrib, nsmap=None):
        if self.text:
            self._flush()
        if nsmap or name[0] == "{":
            raise _Namespaced
        attrs = self.attribute_dict_class(attrib)
        if attrs:
            if "{" in "".join(attrs) and any(key[0] == "{" for key in attrs):
                raise _Namespaced
            if not self.list_attributes.isdisjoint(attrs):
                self._split_lists(name, attrs)
        parent, string_class, keeps_spaces = self.open[-1]
        last, contents = self.last, parent.contents
        previous = contents[-1] if contents else None
        fields = (TEMPLATES.get(name) or self._template(name)).copy()
        fields["attrs"], fields["contents"] = attrs, []
        fields["parent"], fields["previous_element"], fields["previous_sibling"] = (
            parent,
            last,
            previous,
        )
        fields["next_element"] = fields["next_sibling"] = None
        tag = Tag.__new__(Tag)
        tag.__dict__ = fields
        if last is not None:
            last.next_element = tag
        if previous is not None:
            previous.next_sibling = tag
        contents.append(tag)
        self.last = tag
        if name == "meta":
            self.builder.set_up_substitutions(tag)
        self.open.append(
            (
                tag,
                self.containers.get(name, string_class),
                keeps_spaces or name in self.keep_spaces,
            )
        )

    def end(self, name):
        if self.text:
            self._flush()
        self.open.pop()

    def _single(self, text, cls):
        if self.text:
            self._flush()
        self.text.append(text)
        self._flush(cls)

    def comment(self, text):
        self._single(text, Comment)

    def doctype(self, name, public_id, system_id):
        self._single(Doctype._string_for_name_and_ids(name, public_id, system_id), Doctype)

    def pi(self, target, data):
        self._single(f"{target} {data}", self.builder.processing_instruction_class)

    def close(self):
        if self.text:
            self._flush()
        self.soup._most_recent_element = self.last


class LeanLXMLBuilder(LXMLTreeBuilder):
    NAME = "pressroom-lxml"
    features = [NAME]

    def feed(self, markup):
        soup = self.soup
        try:
            parser = etree.HTMLParser(
                target=_Target(self),
                recover=True,
                huge_tree=self.huge_tree,
                encoding=soup.original_encoding,
            )
            parser.feed(markup)
            parser.close()
        except (UnicodeDecodeError, LookupError, etree.ParserError) as error:
            raise ParserRejectedMarkup(error) from error
        except _Namespaced:
            soup.reset()
            LXMLTreeBuilder.initialize_soup(self, soup)
            LXMLTreeBuilder.feed(self, markup)


def parse(html: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(html, builder=LeanLXMLBuilder())
