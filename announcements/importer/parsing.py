"""Legacy release text (lines of inline HTML) → the fields and blocks of a release page."""

import datetime as dt
import re
from dataclasses import dataclass, field
from html import unescape

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .dates import find_date, find_time
from .errors import ImportProblem
from .quotes import parse_quote

BREADCRUMB = re.compile(r"^(sie befinden sich hier|you are here)\b", re.I)
FOOTER_WORDS = {
    "inhalt",
    "datenschutz",
    "impressum",
    "barrierefreiheit",
    "kontakt",
    "seitenanfang",
    "nach oben",
    "sitemap",
    "drucken",
    "leichte sprache",
    "gebärdensprache",
    "privacy",
    "legal notice",
    "accessibility",
    "contact",
}
KICKER = re.compile(r"^(pressemitteilung|pressemeldung|press release)\b[^a-zäöü]*$", re.I)
URL = re.compile(r"https?://[^\s<>\"]+", re.I)
MORE_AT = re.compile(
    r"^(?P<text>.+?)\s+(?:finden sie|erhalten sie|gibt es|lesen sie)\s+(?:auch\s+)?"
    r"(?:unter|hier|im internet unter)\s*:?\s*(?P<url>https?://\S+)?\s*$"
    r"|^(?P<text_en>more (?:information|details)[^:]*?)(?:\s+(?:is|are) available)?"
    r"\s*(?:at|:)\s*:?\s*"
    r"(?P<url_en>https?://\S+)?\s*$",
    re.I,
)
ORIGINAL = re.compile(
    r"^(?:quelle|original(?:meldung)?|diese pressemitteilung[^:]*|source|original release)\s*:\s*"
    r"(?P<url>https?://\S+)\s*$",
    re.I,
)
PHOTO_HINT = re.compile(
    r"\b(?:bilder|fotos|photos|pictures)\b.*?\b(?:ab|from)\s+(?:ca\.\s*|circa\s+|about\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?:uhr|h|pm|am)?",
    re.I,
)


@dataclass
class ParsedRelease:
    title: str
    release_date: dt.datetime
    dateline: str
    lead: str
    language: str
    blocks: list = field(default_factory=list)  # (block type, value) as for a StreamField
    issuer_release_url: str = ""
    review_notes: list = field(default_factory=list)


def plain(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


def is_footer_line(text: str) -> bool:
    tokens = [t.strip().lower() for t in re.split(r"\s*[|·•/]\s*|\s{2,}", text) if t.strip()]
    return bool(tokens) and all(token in FOOTER_WORDS for token in tokens)


def numbered(lines):
    """(line number, inline HTML) without breadcrumb and footer link lines; "" ends a paragraph."""
    kept = []
    for number, line in enumerate(lines, start=1):
        text = plain(line)
        if BREADCRUMB.match(text) or is_footer_line(text):
            continue
        kept.append((number, line.strip() if text else ""))
    return kept


def split_paragraphs(entries):
    paragraphs, current = [], []
    for number, line in entries:
        if line:
            current.append((number, line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return [(para[0][0], " ".join(line for _n, line in para)) for para in paragraphs]


def header(entries, default_place):
    """Title, date and time, place, language, where the body starts, the date's line number
    and whether a time of day was given."""
    dated = None
    for position, (number, line) in enumerate(entries):
        if line and (found := find_date(plain(line))):
            dated = position, number, found
            break
    if dated is None:
        first = next((number for number, line in entries if line), 1)
        raise ImportProblem(_("no date (expected e.g. “18. Juli 2018” or “18.07.2018”)"), first)
    position, number, (day, language, start, _end) = dated
    date_text = plain(entries[position][1])
    place = date_text[:start].strip(" ,–-").split(",")[-1].strip()
    place = "" if KICKER.match(place) or re.search(r"\d", place) else place
    before = [plain(line) for _n, line in entries[:position] if plain(line)]
    before = [text for text in before if not KICKER.match(text)]
    rest = position + 1
    if before:
        title = before[-1]
    else:  # the date comes first: the title is the next line
        following = [
            (p, n, plain(line))
            for p, (n, line) in enumerate(entries)
            if p > position and plain(line)
        ]
        if not following or "+++" in following[0][2]:
            raise ImportProblem(_("no title before or after the date line"), number)
        title, rest = following[0][2], following[0][0] + 1
    time_of_day = find_time(date_text)
    moment = timezone.make_aware(dt.datetime.combine(day, time_of_day or dt.time(0, 0)))
    return title, moment, place or default_place, language, rest, number, time_of_day is not None


def take_lead(paragraphs):
    """The lead between “+++” markers and the paragraphs after it."""
    for position, (number, text) in enumerate(paragraphs):
        if "+++" not in text:
            continue
        opening = text.index("+++")
        closing = text.find("+++", opening + 3)
        if closing == -1:
            raise ImportProblem(_("unclosed lead marker “+++”"), number)
        lead = plain(text[opening + 3 : closing])
        after = text[closing + 3 :].strip()
        remaining = paragraphs[:position] + ([(number, after)] if plain(after) else [])
        return lead, remaining + paragraphs[position + 1 :]
    return None, paragraphs


def parse_release(lines, default_place="") -> ParsedRelease:
    entries = numbered(lines)
    if not any(line for _n, line in entries):
        raise ImportProblem(_("no text"))
    title, moment, place, language, rest, date_line, has_time = header(entries, default_place)
    if not place:
        raise ImportProblem(_("no place before the date (give --default-place)"), date_line)
    paragraphs = split_paragraphs(entries[rest:])
    lead, paragraphs = take_lead(paragraphs)
    notes = []
    if lead is None:
        if not paragraphs:
            raise ImportProblem(_("no lead and no text"), date_line)
        lead = plain(paragraphs.pop(0)[1])
        notes.append(_("No lead was marked with +++; the first paragraph became the lead."))
    if not lead:
        raise ImportProblem(_("empty lead between the +++ markers"), date_line)
    if not has_time:
        notes.append(_("No time of day in the date line; 00:00 was set."))
    release = ParsedRelease(
        plain(title)[:255], moment, place[:100], lead[:600], language, review_notes=notes
    )
    read_body(paragraphs, release)
    return release


def read_body(paragraphs, release):
    position = 0
    while position < len(paragraphs):
        number, html = paragraphs[position]
        text = plain(html)
        position += 1
        if match := ORIGINAL.match(text):
            release.issuer_release_url = release.issuer_release_url or match.group("url")
            continue
        if match := MORE_AT.match(text):
            link_text = (match.group("text") or match.group("text_en")).strip()
            url = match.group("url") or match.group("url_en") or first_url(html)
            if (
                not url
                and position < len(paragraphs)
                and URL.fullmatch(plain(paragraphs[position][1]))
            ):
                url = plain(paragraphs[position][1])
                position += 1
            if url:
                release.blocks.append(
                    ("related_link", {"text": link_text[:200], "page": None, "url": url})
                )
                continue
        if URL.fullmatch(text):
            release.issuer_release_url = release.issuer_release_url or text
            continue
        if (hint := PHOTO_HINT.search(text)) and len(text) < 400:
            release.blocks.append(("image_gallery", photo_gallery(release, hint, text)))
            continue
        if quote := parse_quote(text, release.language):
            release.blocks.append(("quote", quote))
            continue
        release.blocks.append(("paragraph", f"<p>{html}</p>"))


def first_url(html):
    match = re.search(r'href="(https?://[^"]+)"', html)
    return unescape(match.group(1)) if match else ""


def photo_gallery(release, hint, text):
    hour = int(hint.group("hour")) % 24
    if "pm" in hint.group(0).lower() and hour < 12:
        hour += 12
    minute = int(hint.group("minute") or 0)
    day = timezone.localtime(release.release_date).date()
    release_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute % 60)))
    heading = "Photos" if release.language == "en" else "Fotos der Veranstaltung"
    release.review_notes.append(
        _(
            "Photo hint: “%(hint)s”. Add the photos to the gallery “%(heading)s”; its release "
            "time %(time)s was derived from the release date and the hour named."
        )
        % {"hint": text[:200], "heading": heading, "time": f"{release_at:%d.%m.%Y %H:%M}"}
    )
    return {"heading": heading, "release_at": release_at, "images": []}
