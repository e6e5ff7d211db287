"""Legacy release text (lines of inline HTML) → the fields and blocks of a release page."""

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape, unescape

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .dates import find_date, find_time
from .errors import ImportProblem
from .limits import MAX_CHARACTERS
from .quotes import Speakers, parse_quotes, people_named

BREADCRUMB = re.compile(
    r"^(sie befinden sich hier|you are here|startseite\s*[>»›/|]|home\s*[>»›/|])", re.I
)
FOOTER_WORDS = {
    "inhalt",
    "datenschutz",
    "datenschutzerklärung",
    "impressum",
    "barrierefreiheit",
    "erklärung zur barrierefreiheit",
    "kontakt",
    "seitenanfang",
    "zum seitenanfang",
    "nach oben",
    "sitemap",
    "drucken",
    "seite drucken",
    "leichte sprache",
    "gebärdensprache",
    "newsletter",
    "rss",
    "cookie-einstellungen",
    "privacy",
    "legal notice",
    "accessibility",
    "contact",
}
OTS_FOOTER = re.compile(r"^original-content von:", re.I)
OTS_PLACE = re.compile(r"^(?P<place>[A-ZÄÖÜ][\wäöüß .-]{1,60}?)\s*\(ots\)\s*[-–—:]?\s*")
OTS_CODE = re.compile(r"^POL-[A-Z]{1,6}:\s*(?:\(\d+\)\s*)?")
COPYRIGHT = re.compile(r"^(©|\(c\)|copyright\b)", re.I)
KICKER = re.compile(
    r"^(pressemitteilung|pressemeldung|presseinformation|medieninformation|press release|"
    r"pm|polizeibericht|polizeimeldung)\b(\s*(nr\.?|no\.?)?\s*[\d/.-]*)?\s*:?$",
    re.I,
)
NOT_PLACES = re.compile(
    r"^(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|datum|date|stand|veröffentlicht|published|"
    r"erschienen|vom|am|den|on)$",
    re.I,
)
LEAD_MAX = 600  # the release's lead field (PressReleasePage.lead)
TITLE_MAX, PLACE_MAX = 255, 100  # Page.title, PressReleasePage.dateline
LEAD_MARK = re.compile(r"\+\s?\+\s?\+")
PLACE_IN_LEAD = re.compile(
    r"\b(?P<when>(?:heute|gestern|morgen|am \w+(?:tag|abend|morgen))\s+)?in\s+"
    r"(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*"
    r"(?:\s+(?:an der|am|im|in der|ob der)\s+[A-ZÄÖÜ][a-zäöüß]+)?)\b"
)
NOT_PLACE_NOUNS = {"Kraft", "Zukunft", "Zusammenarbeit", "Höhe", "Form", "Betrieb", "Zeiten"}
URL = re.compile(r"https?://[^\s<>\"]+", re.I)
MORE_AT = re.compile(
    r"^(?P<text>.+?)\s+(?:finden sie|erhalten sie|gibt es|lesen sie)\s+(?:auch\s+)?"
    r"(?:unter|hier|im internet unter)\s*:?\s*(?P<url>\S+)?\s*$"
    r"|^(?P<text_en>more (?:information|details)[^:]*?)(?:\s+(?:is|are) available)?"
    r"\s*(?:at|:)\s*:?\s*"
    r"(?P<url_en>https?://\S+)?\s*$",
    re.I,
)
ORIGINAL = re.compile(
    r"^(?:quelle|original(?:meldung)?|diese pressemitteilung[^:]*|source|original release|"
    r"(?:die\s+)?pressemitteilung (?:auf|bei) (?:der (?:web)?seite|den seiten|der website) "
    r"des herausgebers|zur pressemitteilung des herausgebers)\s*:?\s*(?P<url>https?://\S+)?\s*$",
    re.I,
)
PHOTO_HINT = re.compile(
    r"\b(?:bilder|fotos|photos|pictures)\b.{0,200}?\b(?:ab|from)\s+(?:ca\.\s*|circa\s+|about\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?:uhr|h|pm|am)?",
    re.I,
)
BARE_LINK = re.compile(r"<a>(.*?)</a>", re.S)


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
    if COPYRIGHT.match(text):
        return True
    if OTS_FOOTER.match(text):
        return True
    tokens = [t.strip().lower() for t in re.split(r"\s*[|·•/\[\]]\s*|\s+–\s+|\s{2,}", text)]
    tokens = [token for token in tokens if token]
    return bool(tokens) and all(token in FOOTER_WORDS for token in tokens)


def is_link_only(line: str) -> bool:
    return bool(re.fullmatch(r"<a(?: href=\"[^\"]*\")?>[^<]{1,60}</a>", line.strip()))


def numbered(lines):
    """(line number, inline HTML) without breadcrumb and footer lines; "" ends a paragraph.

    A footer is a line of footer words ("Impressum | Datenschutz"), a copyright line, or a run
    of two or more short link-only lines at the end of the text."""
    kept = []
    for number, line in enumerate(lines, start=1):
        text = plain(line)
        if BREADCRUMB.match(text) or is_footer_line(text):
            continue
        kept.append((number, line.strip() if text else ""))
    end = len(kept)
    while end and not kept[end - 1][1]:
        end -= 1
    start = end
    while start and (is_link_only(kept[start - 1][1]) or not kept[start - 1][1]):
        start -= 1
    if sum(1 for _n, line in kept[start:end] if line) >= 2:
        kept = kept[:start]
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


def place_before(date_text: str, start: int) -> str:
    """ "München, 18. Juli 2018" → "München"; "Montag, 18. Juli 2018" or "18.07.2018" → ""."""
    words = date_text[:start].replace(",", " , ").split()
    words = [word for word in words if not NOT_PLACES.match(word.strip(".:"))]
    place = " ".join(words).strip(" ,–-:|").split(",")[-1].strip(" –-:|")
    words = place.split()
    if not place or KICKER.match(place) or re.search(r"\d", place) or len(words) > 5:
        return ""
    return place


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
    place = place_before(date_text, start)
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
        if not following or LEAD_MARK.search(following[0][2]):
            raise ImportProblem(_("no title before or after the date line"), number)
        title, rest = following[0][2], following[0][0] + 1
    time_of_day = find_time(date_text)
    moment = timezone.make_aware(dt.datetime.combine(day, time_of_day or dt.time(0, 0)))
    return title, moment, place or default_place, language, rest, number, time_of_day is not None


def take_lead(paragraphs, notes):
    """The lead between “+++” (or “+ + +”) markers and the paragraphs after it."""
    for position, (number, text) in enumerate(paragraphs):
        marks = list(LEAD_MARK.finditer(text))
        if not marks:
            continue
        if len(marks) < 2:
            raise ImportProblem(_("unclosed lead marker “+++”"), number)
        lead = plain(text[marks[0].end() : marks[1].start()])
        before = text[: marks[0].start()]
        after = text[marks[1].end() :].strip()
        remaining = paragraphs[:position]
        if plain(before):
            remaining.append((number, close_tags(before)))
            notes.append(
                _("Text before the lead marker “+++” was kept as a paragraph: “%(text)s”.")
                % {"text": plain(before)[:200]}
            )
        if plain(after):
            remaining.append((number, after))
        return lead, remaining + paragraphs[position + 1 :]
    if paragraphs and re.fullmatch(r"<strong>.*</strong>", paragraphs[0][1], re.S):
        return plain(paragraphs[0][1]), paragraphs[1:]  # a bold first paragraph is the lead
    return None, paragraphs


def close_tags(html: str) -> str:
    """Inline HTML cut before a marker: drop a tag left open at the cut ("<strong>")."""
    return re.sub(r"<(strong|em|a)(?: [^>]*)?>\s*$", "", html.strip())


def parse_release(lines, default_place="", now=None, budget=None) -> ParsedRelease:
    now = now or timezone.now()
    entries = numbered(lines)
    if not any(line for _n, line in entries):
        raise ImportProblem(_("no text"))
    title, moment, place, language, rest, date_line, has_time = header(entries, default_place)
    title = OTS_CODE.sub("", plain(title))
    if not title:
        raise ImportProblem(_("no title before or after the date line"), date_line)
    paragraphs = split_paragraphs(entries[rest:])
    check_length(paragraphs)
    if paragraphs and (ots := OTS_PLACE.match(plain(paragraphs[0][1]))):
        place = place or ots.group("place")  # "Lindach (ots) – Unbekannte sind …"
        number, html = paragraphs[0]
        paragraphs[0] = (number, html.replace(ots.group(0).strip(), "", 1).strip())
    notes = []
    lead, paragraphs = take_lead(paragraphs, notes)
    if lead is None:
        if not paragraphs:
            raise ImportProblem(_("no lead and no text"), date_line)
        lead = plain(paragraphs.pop(0)[1])
        notes.append(_("No lead was marked with +++; the first paragraph became the lead."))
    if not lead:
        raise ImportProblem(_("empty lead between the +++ markers"), date_line)
    if not has_time:
        notes.append(_("No time of day in the date line; 00:00 was set."))
    if not place:
        notes.append(place_note(lead))
    if len(lead) > LEAD_MAX:  # nothing lost: the whole text opens the body
        paragraphs.insert(0, (date_line, escape(lead, quote=False)))  # as reading.markdown_line
    lead = fitted(
        lead,
        LEAD_MAX,
        notes,
        _(
            "The lead had %(count)s characters, more than a lead may have (%(max)s): it "
            "was shortened, and the whole text is the first paragraph. Shorten the lead."
        ),
    )
    title = fitted(
        plain(title),
        TITLE_MAX,
        notes,
        _(
            "The title had %(count)s characters, more than a title may have (%(max)s): it "
            "was shortened. The whole title: “%(text)s”"
        ),
    )
    place = fitted(
        place,
        PLACE_MAX,
        notes,
        _(
            "The place had %(count)s characters, more than a place may have (%(max)s): it was "
            "shortened. The whole text: “%(text)s”"
        ),
    )
    release = ParsedRelease(title, moment, place, lead, language, review_notes=notes)
    texts = [lead] + [plain(html) for _n, html in paragraphs]
    read_body(paragraphs, release, Speakers(people_named(texts)), now, budget)
    return release


def check_length(paragraphs):
    total = 0
    for number, html in paragraphs:
        total += len(html)
        if total > MAX_CHARACTERS:
            raise ImportProblem(
                _("text longer than %(limit)s characters") % {"limit": MAX_CHARACTERS}, number
            )


def place_note(lead):
    found = [m for m in PLACE_IN_LEAD.finditer(lead) if m.group("place") not in NOT_PLACE_NOUNS]
    match = next((m for m in found if m.group("when")), found[0] if found else None)
    if match:
        return _(
            "No place in the date line; the page shows the date alone. The lead suggests "
            "“%(place)s”: enter it as the place if the release was issued there."
        ) % {"place": match.group("place")}
    return _("No place in the date line; the page shows the date alone.")


def fitted(text: str, limit: int, notes: list, message) -> str:
    """`text` as it is, or shortened to `limit` with the review note `message` (formatted with
    the count, the limit and the whole text)."""
    if len(text) <= limit:
        return text
    notes.append(message % {"count": len(text), "max": limit, "text": text})
    return shortened(text, limit)


def shortened(text: str, limit: int) -> str:
    """`text` cut at the last word that fits in `limit` characters with "…"."""
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def read_body(paragraphs, release, speakers, now, budget):
    position = 0
    while position < len(paragraphs):
        number, html = paragraphs[position]
        if budget:
            budget.check(number)
        text = plain(html)
        position += 1
        next_url = (
            URL.fullmatch(plain(paragraphs[position][1])) and plain(paragraphs[position][1])
            if position < len(paragraphs)
            else ""
        )
        if match := ORIGINAL.match(text):
            url = match.group("url") or first_url(html)
            if not url and next_url:
                url, position = next_url, position + 1
            if url:
                release.issuer_release_url = release.issuer_release_url or url
                continue
        if match := MORE_AT.match(text):
            link_text = (match.group("text") or match.group("text_en")).strip()
            url = (match.group("url") or match.group("url_en") or "").rstrip(".,;:!?")
            url = url if URL.fullmatch(url) else first_url(html)
            if not url and next_url:
                url, position = next_url, position + 1
            if url:
                release.blocks.append(
                    ("related_link", {"text": link_text[:200], "page": None, "url": url})
                )
                continue
        if URL.fullmatch(text):
            release.issuer_release_url = release.issuer_release_url or text
            continue
        if len(text) < 400 and (hint := PHOTO_HINT.search(text)):
            photo_hint(release, hint, text, now)
            continue
        if quotes := parse_quotes(text):
            for quote, who in quotes:
                release.blocks.append(("quote", quote_block(release, speakers, quote, who)))
            continue
        release.blocks.append(("paragraph", "<p>" + BARE_LINK.sub(r"\1", html) + "</p>"))


def quote_block(release, speakers, quote, who):
    speaker, role, resolved = speakers.resolve(who)
    if not resolved:
        release.review_notes.append(
            _("Speaker “%(who)s” of the quote “%(quote)s…” could not be identified.")
            % {"who": " ".join(who.split()), "quote": quote[:60]}
        )
    return {"text": quote, "speaker": speaker[:200], "role": role[:200], "language": ""}


def first_url(html):
    match = re.search(r'href="(https?://[^"]+)"', html)
    return unescape(match.group(1)) if match else ""


def photo_hint(release, hint, text, now):
    """A future photo time → a withheld gallery to fill; a past one → only a review note."""
    hour = int(hint.group("hour")) % 24
    if "pm" in hint.group(0).lower() and hour < 12:
        hour += 12
    minute = int(hint.group("minute") or 0)
    day = timezone.localtime(release.release_date).date()
    release_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute % 60)))
    values = {"hint": text[:200], "time": f"{release_at:%d.%m.%Y %H:%M}"}
    if release_at <= now:
        release.review_notes.append(
            _(
                "Photo hint: “%(hint)s”. The photos were due on %(time)s, which has passed: "
                "add them to a gallery if you have them."
            )
            % values
        )
        return
    heading = "Photos" if release.language == "en" else "Fotos der Veranstaltung"
    release.review_notes.append(
        _(
            "Photo hint: “%(hint)s”. Add the photos to the gallery “%(heading)s”; its release "
            "time %(time)s was derived from the release date and the hour named."
        )
        % {**values, "heading": heading}
    )
    release.blocks.append(
        ("image_gallery", {"heading": heading, "release_at": release_at, "images": []})
    )
