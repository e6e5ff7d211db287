"""What all legal page types share."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .. import rules

VAT_ID = RegexValidator(
    r"^DE\d{9}$",
    _("A German VAT identification number is “DE” followed by nine digits, e.g. DE123456789."),
)


class OnePerSiteMixin:
    """A legal page type of which each site (and each language of it) has exactly one."""

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        site = parent.get_site()
        if site is None:
            return True
        return not cls.objects.filter(
            locale=parent.locale, path__startswith=site.root_page.path[: Page.steplen]
        ).exists()


# Rich text in legal pages: the page's own template sets the headings.
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def legal_text(verbose_name, help_text, blank=False):
    from wagtail.fields import RichTextField

    return RichTextField(verbose_name, blank=blank, features=TEXT_FEATURES, help_text=help_text)


class LegalPage(OnePerSiteMixin, Page):
    """Base of the legal page types: one per site and language, no child pages."""

    subpage_types = []
    # StreamFields that must hold at least one block: min_num binds only the admin form,
    # this binds every save that validates (imports, API, scripts).
    required_streams = ()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pressroom_base"] = rules.base_template()
        return context

    def clean(self):
        super().clean()
        empty = [name for name in self.required_streams if not len(getattr(self, name))]
        if empty:
            raise ValidationError({name: _("Add at least one entry.") for name in empty})

    class Meta:
        abstract = True
