"""Domain rules of press releases, as plain functions the models, blocks and tests call."""

import re
from datetime import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_TAG = re.compile(r"^(?P<primary>[a-z]{2,3})(-[A-Za-z0-9]{2,8})*$")
URL_LIKE = re.compile(
    r"^\s*(https?://|www\.|mailto:|ftp://)\S*\s*$|^\s*[\w.-]+\.(de|com|org|net|eu|gov)(/\S*)?\s*$",
    re.I,
)
IMAGE_FILE_NAME = re.compile(r"^\S+\.(jpe?g|png|gif|webp|avif|tiff?|bmp|heic|svg)$", re.I)
CAMERA_FILE_NAME = re.compile(r"^(img|dsc|dscn|p\d|pic|photo|bild|foto)[_-]?\d+", re.I)
RELEASE_DATE = re.compile(
    r"\b\d{1,2}\.\s?(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember)\s\d{4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
)


def validate_language_code(value: str) -> None:
    """Accept a BCP 47 tag whose primary language Django knows, such as "en", "fr" or "de-AT"."""
    match = LANGUAGE_TAG.match(value or "")
    if not match or match["primary"] not in LANG_INFO:
        raise ValidationError(
            _(
                "“%(value)s” is not a language code. Use a short code such as “en” for English, "
                "“fr” for French or “de-AT” for Austrian German."
            ),
            code="invalid_language_code",
            params={"value": value},
        )


def looks_like_url(text: str) -> bool:
    """True when the text is a bare web address, which must never be a link's text."""
    return bool(URL_LIKE.match(text or ""))


def validate_link_text(value: str) -> None:
    if looks_like_url(value):
        raise ValidationError(
            _(
                "The link text is a web address. Describe where the link leads instead, "
                "for example “Programme of the conference”."
            ),
            code="link_text_is_url",
        )


def validate_lead_without_markers(value: str) -> None:
    if "+++" in (value or ""):
        raise ValidationError(
            _(
                "Type the lead without “+++”: the page adds the markers and hides them from "
                "screen readers."
            ),
            code="lead_markers",
        )


def looks_like_file_name(text: str) -> bool:
    """True when alternative text is a file name (“IMG_1234.jpg”) rather than a description."""
    stripped = (text or "").strip()
    return bool(
        IMAGE_FILE_NAME.match(stripped) or CAMERA_FILE_NAME.match(PurePosixPath(stripped).stem)
    )


def validate_alt_text(value: str) -> None:
    if looks_like_file_name(value):
        raise ValidationError(
            _(
                "The alternative text is a file name. Describe what the photo shows, "
                "for example “The minister opens the exhibition”."
            ),
            code="alt_text_is_file_name",
        )


def ensure_aware(value: datetime | None) -> datetime | None:
    """Interpret a naive date and time in the site's time zone."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_default_timezone())
    return value


def is_withheld(release_at: datetime | None, now: datetime | None = None) -> bool:
    """True while content with this release time must not be shown. Decided at request time."""
    if release_at is None:
        return False
    return (now or timezone.now()) < ensure_aware(release_at)


def index_page_size() -> int:
    return int(getattr(settings, "PRESSROOM_INDEX_PAGE_SIZE", 10))
