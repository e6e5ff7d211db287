"""Impressum (§ 5 DDG, § 18 MStV)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from .base import VAT_ID, LegalPage


class ImpressumPage(LegalPage):
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
        *LegalPage.content_panels,
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

    class Meta:
        verbose_name = _("Impressum")
