"""The per-site footer links every page shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Page

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

    def linked_pages(self) -> dict:
        """Field name → the live linked page in the active language (its own if untranslated).

        Three queries for all six links, whatever the number of languages. When the active
        language has no Wagtail locale (a site whose only locale is "en" with
        LANGUAGE_CODE = "de"), the pages as linked.
        """
        ids = {name: getattr(self, f"{name}_id") for name, _text in FOOTER_LINKS}
        pages = Page.objects.live().filter(pk__in=[pk for pk in ids.values() if pk]).in_bulk()
        keys = [page.translation_key for page in pages.values()]
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        translations = Page.objects.live().filter(translation_key__in=keys, locale=locale)
        translated = {page.translation_key: page for page in translations} if locale else {}
        return {
            name: translated.get(pages[pk].translation_key, pages[pk])
            for name, pk in ids.items()
            if pk in pages
        }

    def links(self):
        """(text, page) for every footer link that points to a live page, in the legal order."""
        pages = self.linked_pages()
        return [(text, pages[name]) for name, text in FOOTER_LINKS if name in pages]
