"""The barrier feedback form: spam protection without a CAPTCHA, storing and mailing."""

import hashlib
import logging
import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import BarrierReport

logger = logging.getLogger(__name__)
TOKEN_SALT = "pressroom.legal_pages.feedback"


def min_seconds() -> float:
    return getattr(settings, "PRESSROOM_FEEDBACK_MIN_SECONDS", 3)


def token_max_age() -> int:
    return getattr(settings, "PRESSROOM_FEEDBACK_TOKEN_MAX_AGE", 24 * 3600)


def reports_per_address() -> int:
    return getattr(settings, "PRESSROOM_FEEDBACK_PER_ADDRESS", 10)


def window_seconds() -> int:
    return getattr(settings, "PRESSROOM_FEEDBACK_WINDOW_SECONDS", 3600)


def client_address(request) -> str:
    """The sender's address: REMOTE_ADDR, or the last entry of the header a proxy sets."""
    header = getattr(settings, "PRESSROOM_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
    return request.META.get(header, "").split(",")[-1].strip()


def _key(kind: str, value: str) -> str:
    return f"pressroom-feedback:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def claim_token(token: str) -> bool:
    """True the first time a form token is sent, False every later time (per client)."""
    return cache.add(_key("token", token), True, token_max_age())


def count_report(address: str) -> int:
    """How many reports this address has sent in the current window, this one included."""
    key = _key("address", address)
    cache.add(key, 0, window_seconds())
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds())
        return 1


def one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space: for fields that are a single line."""
    return " ".join(text.split())


def form_token() -> str:
    """A signed timestamp, when the form was handed out, and a nonce: no two forms alike."""
    return signing.dumps([timezone.now().timestamp(), secrets.token_hex(8)], salt=TOKEN_SALT)


def seconds_since(token: str) -> float | None:
    """How long ago the form with this token was handed out; None if the token is not ours."""
    try:
        issued, _nonce = signing.loads(token, salt=TOKEN_SALT, max_age=token_max_age())
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return timezone.now().timestamp() - float(issued)


class BarrierReportForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("So that we can answer you."),
        max_length=254,  # what the database column takes (Django's form field allows 320)
    )
    page_address = forms.CharField(
        label=_("Where did you find the barrier?"),
        max_length=500,
        required=False,
        help_text=_("The address of the page, or a short description."),
    )
    message = forms.CharField(
        label=_("Describe the barrier"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Spam protection without a CAPTCHA: a field people never see (hidden from screen
    # readers too) and a signed timestamp that rejects forms sent faster than a person can.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    autocomplete = {"name": "name", "email": "email", "website": "off"}

    def __init__(self, *args, address="", **kwargs):
        super().__init__(*args, **kwargs)
        self.address = address
        self.is_spam = False
        self.is_throttled = False
        for name, value in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["website"].widget.attrs["tabindex"] = "-1"
        self.describe_fields()

    def clean(self):
        cleaned = super().clean()
        age = seconds_since(cleaned.get("token") or "")
        if cleaned.get("website"):
            self.is_spam = True
        elif age is None or age < min_seconds():
            raise forms.ValidationError(
                _("Please check your entries and send the form again."), code="too_fast"
            )
        elif not self.errors:
            self.throttle(cleaned["token"])
        return cleaned

    def clean_name(self):
        return one_line(self.cleaned_data["name"])

    def clean_page_address(self):
        return one_line(self.cleaned_data["page_address"])

    def throttle(self, token):
        """Each form is sent once (per client); each address sends a few reports per window."""
        if not claim_token(token):
            raise forms.ValidationError(
                _("This form has already been sent. Check your entries and send it again."),
                code="sent_before",
            )
        if count_report(self.address) > reports_per_address():
            self.is_throttled = True
            raise forms.ValidationError(
                _(
                    "Many reports have been sent from your connection in a short time. "
                    "Your entries are kept: please send the form again in %(minutes)d minutes."
                ),
                code="throttled",
                params={"minutes": max(1, window_seconds() // 60)},
            )

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.errors:
            # A re-shown form gets a fresh token: the person's next attempt must not fail again.
            self.data = self.data.copy()
            self.data["token"] = form_token()
        self.describe_fields()

    def describe_fields(self):
        """Point every field at its error message and help text (aria-describedby)."""
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_error"] if self.is_bound and name in self.errors else []
            if field.help_text:
                ids.append(f"{auto_id}_helptext")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]

    def get_initial_for_field(self, field, field_name):
        if field_name == "token":
            return form_token()
        return super().get_initial_for_field(field, field_name)


def submit_report(statement, data) -> BarrierReport:
    """Store the report (first, so nothing is lost) and mail it to the statement's contact."""
    report = BarrierReport.objects.create(
        statement=statement,
        name=data["name"],
        email=data["email"],
        page_address=data["page_address"],
        message=data["message"],
    )
    where = report.page_address or statement.get_site().site_name or statement.title
    subject = gettext("Barrier reported: %(where)s") % {"where": one_line(where)[:150]}
    body = "\n\n".join([*report_details(report), deadline_note(report)])
    message = EmailMessage(subject, body, to=[statement.feedback_email], reply_to=[report.email])
    try:
        message.send()
    except (OSError, ValueError):  # no mail server, or a header it cannot take
        logger.exception("Could not mail barrier report %s; it is stored.", report.pk)
    else:
        report.mailed_at = timezone.now()
        report.save(update_fields=["mailed_at"])
    return report


def report_details(report) -> list[str]:
    """Who reported what where, as paragraphs of a plain-text mail to the feedback contact."""
    return [
        "\n".join(
            [
                f"{gettext('Name')}: {report.name or '–'}",
                f"{gettext('Email')}: {report.email}",
                f"{gettext('Where')}: {report.page_address or '–'}",
            ]
        ),
        report.message,
    ]


def deadline_note(report) -> str:
    return " ".join(
        [
            gettext("Reports must be answered within one month."),
            gettext("Please answer by %(date)s.")
            % {"date": date_format(report.answer_due_on, "DATE_FORMAT")},
        ]
    )
