"""Dates and times of legacy releases: “18. Juli 2018”, “18.07.2018”, “18 July 2018”."""

import datetime as dt
import re

GERMAN_MONTHS = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
]
ENGLISH_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
GERMAN_LONG = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(GERMAN_MONTHS) + r"|jänner)\s+(\d{4})\b", re.I
)
NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
ENGLISH_DAY_FIRST = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(ENGLISH_MONTHS) + r")\s+(\d{4})\b", re.I
)
ENGLISH_MONTH_FIRST = re.compile(
    r"\b(" + "|".join(ENGLISH_MONTHS) + r")\s+(\d{1,2}),\s*(\d{4})\b", re.I
)
TIME = re.compile(
    r"\b(\d{1,2})[:.](\d{2})\s*(?:Uhr|h)\b|\b(\d{1,2})[:.](\d{2})\s*(am|pm)\b"
    r"|\b(\d{1,2}):(\d{2})\b(?![:.]?\d)",  # "03.04.2021 – 08:15" on a date line
    re.I,
)


def find_date(text: str):
    """(date, language, match start, match end) of the first date in `text`, or None."""
    for pattern, language in (
        (GERMAN_LONG, "de"),
        (NUMERIC, "de"),
        (ENGLISH_DAY_FIRST, "en"),
        (ENGLISH_MONTH_FIRST, "en"),
    ):
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groups()
        try:
            if pattern is GERMAN_LONG:
                month = (
                    1 if parts[1].lower() == "jänner" else GERMAN_MONTHS.index(parts[1].lower()) + 1
                )
                day, year = int(parts[0]), int(parts[2])
            elif pattern is NUMERIC:
                day, month, year = map(int, parts)
            elif pattern is ENGLISH_DAY_FIRST:
                day, month, year = (
                    int(parts[0]),
                    ENGLISH_MONTHS.index(parts[1].lower()) + 1,
                    int(parts[2]),
                )
            else:
                month, day, year = (
                    ENGLISH_MONTHS.index(parts[0].lower()) + 1,
                    int(parts[1]),
                    int(parts[2]),
                )
            return dt.date(year, month, day), language, match.start(), match.end()
        except ValueError:
            continue  # e.g. 31.02.2018: not a date
    return None


def find_time(text: str) -> dt.time | None:
    match = TIME.search(text)
    if not match:
        return None
    if match.group(1):
        hour, minute = int(match.group(1)), int(match.group(2))
    elif match.group(6):
        hour, minute = int(match.group(6)), int(match.group(7))
    else:
        hour, minute = int(match.group(3)) % 12, int(match.group(4))
        hour += 12 if match.group(5).lower() == "pm" else 0
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)
