"""Datenschutzerklärung (Art. 13 and 14 GDPR)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from ..blocks import ProcessingActivityBlock
from .base import LegalPage, legal_text


class PrivacyPage(LegalPage):
    controller = models.TextField(
        _("controller"),
        help_text=_("Name and postal address of the body responsible for the processing."),
    )
    controller_email = models.EmailField(_("controller's email"))
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=255,
        help_text=_("Name or function; every public body must appoint one (Art. 37 GDPR)."),
    )
    dpo_contact = models.TextField(
        _("contact of the data protection officer"), help_text=_("Postal address and email.")
    )
    processing_activities = StreamField(
        [("activity", ProcessingActivityBlock())],
        verbose_name=_("processing activities"),
        min_num=1,
        help_text=_("Each purpose for which this website processes personal data."),
    )
    server_logs = legal_text(
        _("server log files"), _("What the web server records on every visit, and for how long.")
    )
    cookies = legal_text(
        _("cookies"), _("Which cookies are set, why, and for how long; or that there are none.")
    )
    supervisory_authority_name = models.CharField(
        _("data protection supervisory authority"),
        max_length=255,
        help_text=_("Where people can complain (Art. 77 GDPR), e.g. the state's commissioner."),
    )
    supervisory_authority_address = models.TextField(_("address of the supervisory authority"))
    supervisory_authority_url = models.URLField(_("website of the supervisory authority"))
    provision_required = legal_text(
        _("is providing the data required?"),
        _("Whether people must provide their data, and what happens if they do not."),
    )
    automated_decisions = legal_text(
        _("automated decisions"),
        _("Whether automated decision-making or profiling takes place (Art. 22 GDPR)."),
    )
    additional_information = legal_text(_("additional information"), "", blank=True)

    content_panels = [
        *LegalPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("controller"), FieldPanel("controller_email")], heading=_("Controller")
        ),
        MultiFieldPanel(
            [FieldPanel("dpo_name"), FieldPanel("dpo_contact")],
            heading=_("Data protection officer"),
        ),
        FieldPanel("processing_activities"),
        FieldPanel("server_logs"),
        FieldPanel("cookies"),
        MultiFieldPanel(
            [
                FieldPanel("supervisory_authority_name"),
                FieldPanel("supervisory_authority_address"),
                FieldPanel("supervisory_authority_url"),
            ],
            heading=_("Right to lodge a complaint"),
        ),
        FieldPanel("provision_required"),
        FieldPanel("automated_decisions"),
        FieldPanel("additional_information"),
    ]
    required_streams = ("processing_activities",)
    template = "legal_pages/privacy_page.html"
    page_description = _("The Datenschutzerklärung (Art. 13 GDPR); one per site and language.")

    class Meta:
        verbose_name = _("Datenschutzerklärung (privacy policy)")
