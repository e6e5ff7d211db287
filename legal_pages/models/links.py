"""The per-site footer links every page shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# The footer links every page shows: (field name, link text).
FOOTER_LINKS = [
    ("legal_notice_page", _("Legal notice")),
    ("privacy_page", _("Privacy")),
    ("accessibility_page", _("Accessibility")),
    ("easy_language_page", _("Easy Language")),
    ("sign_language_page", _("Sign language")),
    ("contact_page", _("Contact")),
]


def _footer_link(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@register_setting(icon="list-ul")
class LegalLinks(BaseSiteSetting):
    """The pages a German public website must link from every page's footer."""

    legal_notice_page = _footer_link(_("Impressum (legal notice)"), _("§ 5 DDG, § 18 MStV."))
    privacy_page = _footer_link(_("Datenschutzerklärung (privacy)"), _("Art. 13 GDPR."))
    accessibility_page = _footer_link(
        _("Erklärung zur Barrierefreiheit (accessibility statement)"), _("§ 12b BGG, BITV 2.0.")
    )
    easy_language_page = _footer_link(_("Leichte Sprache (Easy Language)"), _("§ 4 BITV 2.0."))
    sign_language_page = _footer_link(_("Gebärdensprache (sign language)"), _("§ 4 BITV 2.0."))
    contact_page = _footer_link(_("Contact"), _("How to reach the press office."))

    panels = [FieldPanel(name) for name, _label in FOOTER_LINKS]

    class Meta:
        verbose_name = _("footer links")

    def links(self):
        """(text, page) for every footer link that points to a live page, in the legal order."""
        result = []
        for name, text in FOOTER_LINKS:
            page = getattr(self, name)
            if page is not None and page.live:
                result.append((text, page.localized))
        return result
