"""Static rules that read the text itself: its language, its dates, the page titles, captions.

The language of a passage comes from py3langid (a langid.py model shipped inside the package,
97 languages), limited to German, English and French plus the page's own language. A passage is
judged only when it is long enough to be sure: names and short quotes never are.
"""

import re
from functools import cache

from bs4 import NavigableString, Tag
from django.utils.translation import gettext_lazy as _

from .html_tools import (
    first_inside,
    hidden_tags,
    main_region,
    position_of,
    select,
    span,
    strings_inside,
    visible,
)
from .registry import PRESSROOM, rule

LANGUAGES = ["de", "en", "fr"]
MIN_WORDS, MIN_LETTERS = 7, 40  # a passage shorter than this is not judged
MIN_LOWER_WORDS = 4  # sentences have function words; names and lists of names do not
SKIPPED = {"time", "script", "style", "template", "noscript", "code", "pre"}
SEPARATORS = re.compile(r"\s[·•|]\s")
CERTAIN = 0.995
BLOCKS = "p, li, blockquote, td, th, dd, dt, figcaption, h1, h2, h3, h4, h5, h6, caption, label"
BLOCK_NAMES = frozenset(BLOCKS.split(", "))
QUOTED = re.compile(r"[„“\"«»‚‘]([^„“\"«»]{20,})[“”\"»«‘’]")
WORD = re.compile(r"[^\W\d_]{2,}")


class Identifier:
    """py3langid's model, loaded once, narrowed to the candidate languages only when they change
    (set_languages() costs milliseconds)."""

    def __init__(self):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.known = frozenset(self.model.nb_classes)
        self.candidates = None

    def classify(self, text, candidates):
        if candidates != self.candidates:
            self.model.set_languages(sorted(candidates))
            self.candidates = candidates
        return self.model.classify(text)


@cache
def identifier() -> Identifier:
    return Identifier()


_FUNCTION_WORDS = {
    "de": "der die das und ist nicht ein eine einen dem den des mit von zu im auf für sich auch es "
    "wir sie ich wird werden sind hat haben dass oder aber bei nach aus wie noch nur",
    "en": "the and is are not a an of to in on for with that this it we they be have has was were "
    "will would from by at or but as our their which",
    "fr": "le la les et est sont pas un une des du de au aux pour avec que qui dans sur ce il "
    "cette nous vous ils elle être avoir mais ou par plus",
}
FUNCTION_WORDS = {code: frozenset(words.split(" ")) for code, words in _FUNCTION_WORDS.items()}


def clearly_in(language: str, words) -> bool:
    """A cheap gate before the model: the page's own function words outnumber every other
    candidate's at least three to one (most passages), so the model need not be asked."""
    own = FUNCTION_WORDS.get(language)
    if own is None:
        return False
    lowered = list(map(str.lower, words))
    count = sum(map(own.__contains__, lowered))
    others = [
        sum(map(words_of.__contains__, lowered))
        for code, words_of in FUNCTION_WORDS.items()
        if code != language
    ]
    return count >= 2 and count >= 3 * max(others)


def at_least(count, test, items, distinct=False, start=64) -> bool:
    """Whether at least count of items (of the distinct ones) pass test: a long text or list is
    judged by its start when that is enough."""
    for part in (items[:start], items):
        if (len(set(filter(test, part))) if distinct else sum(map(test, part))) >= count:
            return True
        if len(part) == len(items):
            return False
    return False


def language_of(text: str, page_language: str) -> str | None:
    """The language of text if it reads like a sentence (not a name or a list of names), is long
    enough and the model is sure; else None."""
    if len(text) < MIN_LETTERS:
        return None  # fewer letters than that, whatever the words
    words = WORD.findall(text)
    if len(words) < MIN_WORDS or not at_least(MIN_LETTERS, str.isalpha, text):
        return None
    if not at_least(MIN_LOWER_WORDS, str.islower, words, distinct=True):
        return None  # names and titles: mostly capitalised words
    if clearly_in(page_language, words):
        return page_language
    candidates = frozenset({*LANGUAGES, page_language} & identifier().known)
    language, probability = identifier().classify(text, candidates)
    return language if probability >= CERTAIN else None


QUOTATION = re.compile(
    r"„([^„“”\"]+)[“”]|“([^“”„\"]+)”|\"([^\"]+)\"|«([^«»]+)»|»([^«»]+)«|‚([^‚‘’]+)‘|‘([^‘’]+)’"
)
MIN_QUOTE_WORDS = 4  # “Yes we can!”, “Made in Germany”: slogans and titles are not judged
QUOTATION_HELP = _(
    "A quotation in another language than the page needs a lang attribute, e.g. "
    '„<span lang="en">We are delighted.</span>“, so screen readers pronounce it right.'
)


def quote_language(quote: str, page_language: str) -> str | None:
    """The language of a quotation too short for language_of(): a sentence of four or more
    words with two or more function words of one other language and none of the page's, when
    the model agrees and is sure; else None."""
    words = [word.lower() for word in WORD.findall(quote)]
    own = FUNCTION_WORDS.get(page_language, frozenset())
    if len(words) < MIN_QUOTE_WORDS or any(word in own for word in words):
        return None
    for code, function_words in FUNCTION_WORDS.items():
        if code != page_language and sum(map(function_words.__contains__, words)) >= 2:
            candidates = frozenset({*LANGUAGES, page_language} & identifier().known)
            language, probability = identifier().classify(quote, candidates)
            return language if language == code and probability >= CERTAIN else None
    return None


def foreign_quotation(text: str, page_language: str) -> bool:
    """Whether text quotes a sentence in another language (in „…“, “…”, «…», »…«, ‚…‘, ‘…’
    or "…"), however short."""
    return any(
        quote_language(quote, page_language)
        for groups in QUOTATION.findall(text)
        for quote in groups
        if quote
    )


def declared_language(soup) -> str:
    """The primary language <html lang> declares, if the model knows it ("" otherwise)."""
    html = first_inside(soup, "html")
    language = (html.get("lang", "") if html else "").split("-")[0].strip().lower()
    return language if language in identifier().known else ""


def text_parts(element, parts):
    """Appends the element's strings to parts, leaving out parts that state their own language,
    dates, scripts."""
    for child in element.contents:
        if isinstance(child, Tag):
            if child.name not in SKIPPED and "lang" not in child.attrs:
                text_parts(child, parts)
        elif type(child) is NavigableString:
            parts.append(child)
    return parts


def own_text(element) -> str:
    return " ".join(" ".join(text_parts(element, [])).split())


@rule(
    "lang-of-parts",
    "3.1.2",
    "serious",
    _(
        "A passage in another language than the page needs a lang attribute, e.g. "
        '<span lang="en">, so screen readers pronounce it right.'
    ),
)
def lang_of_parts(soup):
    language = declared_language(soup)
    if not language:
        return
    judged = []
    stating = [span(element) for element in select(soup, "[lang]") if element.name != "html"]
    for block in visible(soup, BLOCKS):
        if first_inside(block, BLOCK_NAMES) is not None:
            continue  # judged at the innermost block
        position = position_of(block)
        if any(low <= position <= high for low, high in stating):
            continue  # the block or a part around it states its language
        for text in SEPARATORS.split(own_text(block)):  # “date · place · issuer” lines
            judged.append((block, text, language_of(text, language)))
    found = [found for _, _, found in judged if found]
    if len(found) > 1 and language not in found:
        return  # the whole page is in another language: html-lang-matches says so
    flagged = []
    for block, text, found in judged:
        foreign = found and found != language
        quoted = not foreign and (
            any(language_of(q, language) not in (None, language) for q in QUOTED.findall(text))
            or foreign_quotation(text, language)
        )
        if (foreign or quoted) and block not in flagged:
            flagged.append(block)
            yield block, QUOTATION_HELP if quoted else None


@rule(
    "html-lang-matches",
    "3.1.1",
    "serious",
    _("The lang attribute of <html> must name the language the page is written in."),
)
def html_lang_matches(soup):
    declared = declared_language(soup)
    body = first_inside(soup, "body")
    text = " ".join(own_text(body).split()[:400]) if declared and body else ""
    found = language_of(text, declared) if text else None
    if found and found != declared:
        yield first_inside(soup, "html"), None


PLACEHOLDER_TITLES = {
    "insert title here",
    "untitled",
    "untitled document",
    "unbenannt",
    "new page",
    "neue seite",
    "page title",
    "title",
    "document",
    "dokument",
}


@rule(
    "title-meaningful",
    "2.4.2",
    "serious",
    _("The page title is a placeholder or shared with other pages: say what this page is."),
)
def title_meaningful(soup, context):
    title = first_inside(soup, "title")
    text = " ".join(title.get_text().split()).lower() if title else ""
    shared = len(context.site.get("titles", {}).get(text, [])) > 1
    if text in PLACEHOLDER_TITLES or (text and shared):
        yield title, None


# --- Press conventions, recognised by meaning (profile “pressroom”) ------------------------------

MONTHS = (
    r"Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|January|February|March|May|June|July|October|December"
    r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
)
SHORT_MONTHS = r"Jan|Feb|Aug|Sept?|Oct|Nov|Dec"  # “Nov. 2, 2026”: Django's English DATE_FORMAT
DATE = re.compile(
    rf"\b\d{{1,2}}\.?\s?({MONTHS})\s\d{{4}}\b|\b({MONTHS})\s\d{{1,2}},\s\d{{4}}\b"
    rf"|\b({SHORT_MONTHS})\.\s\d{{1,2}},\s\d{{4}}\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
)


DIGIT = re.compile(r"\d")


DATELINE_BLOCKS = "p, div, li, dd, span, small, header, td"
# the elements whose own text is one piece of text: a date line, a paragraph, a cell
DATE_BLOCK_NAMES = (
    frozenset(DATELINE_BLOCKS.split(", "))
    | BLOCK_NAMES
    | {"main", "section", "article", "aside", "figure", "address", "body", "form", "fieldset"}
    | {"details", "summary", "ul", "ol", "dl", "table", "tr", "nav", "footer"}
)


def block_text(block, parts, hidden):
    """Appends the strings of block to parts, without those of its nested blocks and of
    <time>, code, scripts and hidden parts."""
    for child in block.contents:
        if isinstance(child, Tag):
            if not (child.name in DATE_BLOCK_NAMES or child.name in SKIPPED or id(child) in hidden):
                block_text(child, parts, hidden)
        elif type(child) is NavigableString:
            parts.append(child)
    return parts


def undated_blocks(soup):
    """The blocks of the main content whose own text holds a date outside <time>: a date line
    (“München, 18. Juli 2026”) or a date deep in running text (“… am 18. Juli 2026 …”)."""
    region = main_region(soup)
    hidden = hidden_tags(soup)
    blocks = {}
    for string in strings_inside(region, DIGIT):  # no date without a digit
        block = string.parent
        while block is not region and block.name not in DATE_BLOCK_NAMES:
            block = block.parent
        blocks.setdefault(id(block), block)
    for block in sorted(blocks.values(), key=lambda block: span(block)[0]):
        if id(block) in hidden:
            continue
        text = " ".join(" ".join(block_text(block, [], hidden)).split())
        if DATE.search(text):
            yield block


@rule(
    "date-in-time-element",
    "best-practice",
    "minor",
    _(
        "Dates of a release, in its date line and in running text, must be marked up as <time "
        'datetime="…">, so machines and assistive technology read them right.'
    ),
    profile=PRESSROOM,
)
def date_in_time_element(soup):
    for time_element in select(soup, "time"):
        if not time_element.get("datetime", "").strip():
            yield time_element, None
    for block in undated_blocks(soup):
        yield block, None


CREDIT = re.compile(r"©|\(c\)|foto|photo|bild:|credit|quelle|source|crédit", re.I)


PICTURE_ITEMS = {"figure", "li"}


def gallery_groups(soup):
    """Groups of pictures: lists or groups of two or more figures or list items with images."""
    for group in select(soup, "ul, ol, section, div, [role=group], [role=list]"):
        items = [child for child in group.children if getattr(child, "name", None) in PICTURE_ITEMS]
        pictures = [item for item in items if first_inside(item, "img")]
        if len(pictures) >= 2:
            yield pictures


@rule(
    "gallery-caption-credit",
    "best-practice",
    "moderate",
    _("Every photo of a gallery needs a caption and a photo credit (“Foto: …”, “©”)."),
    profile=PRESSROOM,
)
def gallery_caption_credit(soup):
    for pictures in gallery_groups(soup):
        for item in pictures:
            caption = first_inside(item, "figcaption")
            text = caption.get_text(" ", strip=True) if caption else ""
            if not text or not CREDIT.search(text):
                yield first_inside(item, "img"), None
