from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

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


class ImpressumPage(OnePerSiteMixin, Page):
    """Impressum under § 5 DDG and, for journalistic-editorial content, § 18 (2) MStV."""

    body_name = models.CharField(
        _("name of the public body"),
        max_length=255,
        help_text=_("Full official name, e.g. “Staatsministerium für Digitales”."),
    )
    represented_by = models.CharField(
        _("represented by"),
        max_length=255,
        help_text=_("Who legally represents the body, e.g. “Staatsministerin Dr. Anna Beispiel”."),
    )
    postal_address = models.TextField(
        _("postal address"), help_text=_("Street, postcode and town; one line each.")
    )
    email = models.EmailField(_("email"), help_text=_("For fast electronic contact (§ 5 DDG)."))
    phone = models.CharField(_("phone"), max_length=50, help_text=_("E.g. “+49 89 1234-0”."))
    vat_id = models.CharField(
        _("VAT identification number"),
        max_length=11,
        blank=True,
        validators=[VAT_ID],
        help_text=_("Only if the body has one."),
    )
    supervisory_authority = models.TextField(
        _("supervisory authority"),
        help_text=_("The authority that supervises the body, with its address."),
    )
    content_responsible_name = models.CharField(
        _("responsible for the content"),
        max_length=255,
        help_text=_(
            "The person responsible under § 18 (2) MStV, e.g. the head of the press office."
        ),
    )
    content_responsible_address = models.TextField(
        _("address of the person responsible"),
        help_text=_("A postal address where this person can be reached."),
    )
    additional_information = RichTextField(
        _("additional information"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ul"],
        help_text=_("E.g. copyright notes for photos, liability for links."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("body_name"), FieldPanel("represented_by"), FieldPanel("postal_address")],
            heading=_("Public body (§ 5 DDG)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("vat_id"),
                FieldPanel("supervisory_authority"),
            ],
            heading=_("Contact and supervision"),
        ),
        MultiFieldPanel(
            [FieldPanel("content_responsible_name"), FieldPanel("content_responsible_address")],
            heading=_("Responsible for the content (§ 18 (2) MStV)"),
        ),
        FieldPanel("additional_information"),
    ]
    template = "legal_pages/impressum_page.html"
    page_description = _("The Impressum (§ 5 DDG, § 18 MStV); one per site and language.")
    subpage_types = []

    class Meta:
        verbose_name = _("Impressum")
