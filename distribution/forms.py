"""The subscribe and manage forms: labelled fields, grouped choices, spam protection without a
CAPTCHA (a honeypot field and a signed timestamp, as the barrier feedback form)."""

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from announcements.models import Issuer, Topic

from . import conf

TOKEN_SALT = "pressroom.distribution.form"


def form_token() -> str:
    return signing.dumps(timezone.now().timestamp(), salt=TOKEN_SALT)


def seconds_since(token: str) -> float | None:
    try:
        return timezone.now().timestamp() - float(signing.loads(token, salt=TOKEN_SALT))
    except (signing.BadSignature, ValueError):
        return None


class ListsForm(forms.Form):
    """What to receive: topics and/or issuers (none chosen: every release) and the language."""

    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(),
        label=_("Topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every release."),
    )
    issuers = forms.ModelMultipleChoiceField(
        Issuer.objects.all(),
        label=_("Issuers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every release."),
    )
    language = forms.ChoiceField(
        label=_("Language of the releases"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args, index=None, **kwargs):
        super().__init__(*args, **kwargs)
        if index is not None and index.issuer_id:
            del self.fields["issuers"]  # this index has one issuer only
        if not Topic.objects.exists():
            del self.fields["topics"]

    def describe_fields(self):
        """Point every field at its error message and help text (aria-describedby)."""
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_error"] if self.is_bound and name in self.errors else []
            if field.help_text:
                ids.append(f"{auto_id}_helptext")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self.describe_fields()


class SubscribeForm(ListsForm):
    email = forms.EmailField(label=_("Your email address"))
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["email", "topics", "issuers", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")

    def clean(self):
        cleaned = super().clean()
        age = seconds_since(cleaned.get("token") or "")
        if cleaned.get("website"):
            self.is_spam = True
        elif age is None or age < conf.get("PRESSROOM_MAIL_FORM_MIN_SECONDS"):
            raise forms.ValidationError(
                _("Please check your entries and send the form again."), code="too_fast"
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.errors:  # a fresh token for the next attempt
            self.data = self.data.copy()
            self.data["token"] = form_token()

    def get_initial_for_field(self, field, field_name):
        if field_name == "token":
            return form_token()
        return super().get_initial_for_field(field, field_name)

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]
