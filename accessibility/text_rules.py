"""Static rules that read the text itself: its language, its dates, the page titles, captions.

The language of a passage comes from py3langid (a langid.py model shipped inside the package,
97 languages), limited to German, English and French plus the page's own language. A passage is
judged only when it is long enough to be sure: names and short quotes never are.
"""

import re
from functools import cache

from django.utils.translation import gettext_lazy as _

from .html_tools import main_region, select, visible
from .registry import PRESSROOM, rule

LANGUAGES = ["de", "en", "fr"]
MIN_WORDS, MIN_LETTERS = 7, 40  # a passage shorter than this is not judged
MIN_LOWER_WORDS = 4  # sentences have function words; names and lists of names do not
SEPARATORS = re.compile(r"\s[·•|]\s")
CERTAIN = 0.995
BLOCKS = "p, li, blockquote, td, th, dd, dt, figcaption, h1, h2, h3, h4, h5, h6, caption, label"
QUOTED = re.compile(r"[„“\"«»‚‘]([^„“\"«»]{20,})[“”\"»«‘’]")
WORD = re.compile(r"[^\W\d_]{2,}")


@cache
def identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str, page_language: str) -> str | None:
    """The language of text if it reads like a sentence (not a name or a list of names), is long
    enough and the model is sure; else None."""
    words = WORD.findall(text)
    if len(words) < MIN_WORDS or sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    if len({word for word in words if word.islower()}) < MIN_LOWER_WORDS:
        return None  # names and titles: mostly capitalised words
    model = identifier()
    candidates = sorted({*LANGUAGES, page_language} & set(model.nb_classes))
    model.set_languages(candidates)
    language, probability = model.classify(text)
    return language if probability >= CERTAIN else None


def declared_language(soup) -> str:
    """The primary language <html lang> declares, if the model knows it ("" otherwise)."""
    html = soup.find("html")
    language = (html.get("lang", "") if html else "").split("-")[0].strip().lower()
    return language if language in identifier().nb_classes else ""


def own_text(element) -> str:
    """The element's text without parts inside it that state their own language or are dates."""
    parts = [
        t
        for t in element.find_all(string=True)
        if t.find_parent(lang=True).name == "html" and t.find_parent("time") is None
    ]
    return " ".join(" ".join(parts).split())


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
    for block in visible(soup, BLOCKS):
        if block.has_attr("lang") or block.find_parent(lang=True).name != "html":
            continue
        if not block.find(BLOCKS.split(", ")):  # judged at the innermost block
            for text in SEPARATORS.split(own_text(block)):  # “date · place · issuer” lines
                judged.append((block, text, language_of(text, language)))
    found = [found for _, _, found in judged if found]
    if len(found) > 1 and language not in found:
        return  # the whole page is in another language: html-lang-matches says so
    flagged = []
    for block, text, found in judged:
        quotes = QUOTED.findall(text) if found in (None, language) else []
        foreign_quote = any(language_of(q, language) not in (None, language) for q in quotes)
        if ((found and found != language) or foreign_quote) and block not in flagged:
            flagged.append(block)
            yield block, None


@rule(
    "html-lang-matches",
    "3.1.1",
    "serious",
    _("The lang attribute of <html> must name the language the page is written in."),
)
def html_lang_matches(soup):
    declared = declared_language(soup)
    text = " ".join(own_text(soup.body).split()[:400]) if declared and soup.body else ""
    found = language_of(text, declared) if text else None
    if found and found != declared:
        yield soup.find("html"), None


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
    title = soup.find("title")
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
DATE = re.compile(
    rf"\b\d{{1,2}}\.?\s?({MONTHS})\s\d{{4}}\b|\b({MONTHS})\s\d{{1,2}},\s\d{{4}}\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
)


DATELINE = re.compile(rf"^\s*([A-ZÄÖÜ][\w .()/-]{{0,40}},\s*)?(den\s+|le\s+)?({DATE.pattern})")


def datelines(soup):
    """Text that is a date line: a block starting “[Place, ]date”, or a short element (up to
    six words) holding a date. Dates deep in running text are left alone: an editor cannot mark
    them up in rich text."""
    for block in visible(main_region(soup), "p, div, li, dd, span, small, header, td"):
        text = " ".join(block.get_text(" ", strip=True).split())
        if not DATE.search(text) or block.find("time") is not None:
            continue
        inner = block.find(["p", "div", "li", "dd", "span", "small", "header", "td"])
        if inner is None and (DATELINE.match(text) or len(text.split()) <= 6):
            yield block


@rule(
    "date-in-time-element",
    "best-practice",
    "minor",
    _(
        'Dates of a release must be marked up as <time datetime="…">, so machines and assistive '
        "technology read them right."
    ),
    profile=PRESSROOM,
)
def date_in_time_element(soup):
    for time_element in select(soup, "time"):
        if not time_element.get("datetime", "").strip():
            yield time_element, None
    for block in datelines(soup):
        yield block, None


CREDIT = re.compile(r"©|\(c\)|foto|photo|bild:|credit|quelle|source|crédit", re.I)


def gallery_groups(soup):
    """Groups of pictures: lists or groups of two or more figures or list items with images."""
    for group in select(soup, "ul, ol, section, div, [role=group], [role=list]"):
        items = group.find_all(["figure", "li"], recursive=False)
        pictures = [item for item in items if item.find("img")]
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
            caption = item.find("figcaption")
            text = caption.get_text(" ", strip=True) if caption else ""
            if not text or not CREDIT.search(text):
                yield item.find("img"), None
