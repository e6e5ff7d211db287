"""Dates in text an editor wrote, marked up as <time datetime="…"> when the page is rendered:
rich text has no way to say “this is a date”. German, English and French forms: “18. Juli
2026”, “18 July 2026”, “July 18, 2026”, “Nov. 2, 2026”, “18 juillet 2026”, “18.07.2026”,
“2026-07-18”.

A plain module, not a Django app: announcements and legal_pages both use it (neither imports
the other), and it installs with them in the same package."""

import re
from datetime import date

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

MONTH_NUMBERS = {
    **dict.fromkeys(("januar", "jänner", "january", "janvier", "jan."), 1),
    **dict.fromkeys(("februar", "february", "février", "feb."), 2),
    **dict.fromkeys(("märz", "march", "mars"), 3),
    **dict.fromkeys(("april", "avril"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june", "juin"), 6),
    **dict.fromkeys(("juli", "july", "juillet"), 7),
    **dict.fromkeys(("august", "août", "aug."), 8),
    **dict.fromkeys(("september", "septembre", "sept.", "sep."), 9),
    **dict.fromkeys(("oktober", "october", "octobre", "oct."), 10),
    **dict.fromkeys(("november", "novembre", "nov."), 11),
    **dict.fromkeys(("dezember", "december", "décembre", "dec."), 12),
}
_NAMES = "|".join(re.escape(name) for name in sorted(MONTH_NUMBERS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})\.?\s?(?P<m1>{_NAMES})(?!\w)\s(?P<y1>\d{{4}})\b"
    rf"|\b(?P<m2>{_NAMES})(?!\w)\s(?P<d2>\d{{1,2}}),\s(?P<y2>\d{{4}})\b"
    r"|\b(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})\b"
    r"|\b(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})\b",
    re.I,
)
TAG = re.compile(r"(<[^>]*>)")


def _day(match) -> date | None:
    for n in "1234":
        if match[f"y{n}"]:
            month = match[f"m{n}"]
            number = int(month) if month.isdigit() else MONTH_NUMBERS[month.lower()]
            try:
                return date(int(match[f"y{n}"]), number, int(match[f"d{n}"]))
            except ValueError:
                return None  # “31. Februar”: not a date, left as written
    return None


def _mark(match) -> str:
    day = _day(match)
    if day is None:
        return match[0]
    return f'<time datetime="{day.isoformat()}">{match[0]}</time>'


def dates_in_time(html: str) -> str:
    """html (markup the page may show as it is) with each date in its text wrapped in <time>;
    text already inside <time>, <script>, <style>, <code> or <pre> is left alone."""
    parts, inside = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name[1].lower() in ("time", "script", "style", "code", "pre"):
                inside += -1 if part.startswith("</") else 1
            parts.append(part)
        else:
            parts.append(part if inside > 0 else DATE.sub(_mark, part))
    return "".join(parts)


def template_filter(value, autoescape=True):
    """The `dates_in_time` template filter of announcements and legal_pages: plain text is
    escaped first."""
    html = conditional_escape(value) if autoescape else str(value)
    return mark_safe(dates_in_time(html))  # escaped above
