"""Domain rules of the legal pages, as plain functions the models and tests call."""

import datetime as dt
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FULLY, PARTIALLY, NOT = "fully", "partially", "not"
CONFORMANCE_STATUSES = [
    (FULLY, _("fully compliant")),
    (PARTIALLY, _("partially compliant")),
    (NOT, _("not compliant")),
]

NON_COMPLIANCE, DISPROPORTIONATE_BURDEN, OUT_OF_SCOPE = (
    "non_compliance",
    "disproportionate_burden",
    "out_of_scope",
)
NON_ACCESSIBLE_REASONS = [
    (NON_COMPLIANCE, _("non-compliance with the requirements")),
    (DISPROPORTIONATE_BURDEN, _("disproportionate burden")),
    (OUT_OF_SCOPE, _("outside the scope of the applicable law")),
]

SELF_ASSESSMENT, THIRD_PARTY = "self", "third_party"
PREPARATION_METHODS = [
    (SELF_ASSESSMENT, _("self-assessment")),
    (THIRD_PARTY, _("assessment by a third party")),
]

VIDEO_SUFFIXES = {".mp4": "video/mp4", ".webm": "video/webm"}


def _suffix(document):
    return PurePosixPath(document.file.name).suffix.lower()


def validate_video_file(document):
    if _suffix(document) not in VIDEO_SUFFIXES:
        raise ValidationError(_("Choose a video file in MP4 or WebM format."))


def validate_caption_file(document):
    if _suffix(document) != ".vtt":
        raise ValidationError(_("Choose a captions file in WebVTT format (.vtt)."))


def video_type(document):
    return VIDEO_SUFFIXES.get(_suffix(document), "")


def statement_errors(
    status, reasons, method, third_party_name, prepared_on, reviewed_on, today
) -> dict:
    """Field errors of an accessibility statement; `reasons` of its non-accessible items."""
    errors = {}
    barriers = [r for r in reasons if r in (NON_COMPLIANCE, DISPROPORTIONATE_BURDEN)]
    if status in (PARTIALLY, NOT) and not barriers:
        errors["non_accessible_content"] = _(
            "A partially or not compliant site must list the content that is not accessible "
            "and why."
        )
    if status == FULLY and barriers:
        errors["conformance_status"] = _(
            "The statement lists content that is not accessible, so the site is not fully "
            "compliant."
        )
    if method == THIRD_PARTY and not third_party_name:
        errors["third_party_name"] = _("Name the third party that assessed the site.")
    if prepared_on and prepared_on > today:
        errors["prepared_on"] = _("The statement cannot be prepared in the future.")
    if reviewed_on and reviewed_on > today:
        errors["last_reviewed_on"] = _("The last review cannot lie in the future.")
    if prepared_on and reviewed_on and reviewed_on < prepared_on:
        errors["last_reviewed_on"] = _("The last review cannot be before the preparation.")
    return errors


def review_days() -> int:
    return getattr(settings, "PRESSROOM_STATEMENT_REVIEW_DAYS", 365)


def review_overdue(reviewed_on: dt.date, today: dt.date) -> bool:
    """True when the statement's last review lies more than PRESSROOM_STATEMENT_REVIEW_DAYS back."""
    return (today - reviewed_on).days > review_days()


# The layout of the announcements app when installed; else the site's own (system check E001).
DEFAULT_BASE_TEMPLATE = "pressroom/base.html"


def base_template() -> str:
    """The template every pressroom page extends: PRESSROOM_BASE_TEMPLATE."""
    return getattr(settings, "PRESSROOM_BASE_TEMPLATE", DEFAULT_BASE_TEMPLATE)
