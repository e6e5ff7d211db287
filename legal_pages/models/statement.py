"""Erklärung zur Barrierefreiheit (EU 2018/1523 model, BITV 2.0) and its feedback form."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from .. import rules
from ..blocks import NonAccessibleContentBlock
from .base import LegalPage


class AccessibilityStatementPage(RoutablePageMixin, LegalPage):
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        default="§ 12b BGG, BITV 2.0",
        help_text=_("Federal bodies: § 12b BGG, BITV 2.0. State bodies: their state's law."),
    )
    conformance_status = models.CharField(
        _("conformance status"), max_length=20, choices=rules.CONFORMANCE_STATUSES
    )
    non_accessible_content = StreamField(
        [("item", NonAccessibleContentBlock())],
        verbose_name=_("content that is not accessible"),
        blank=True,
        help_text=_("Required unless the site is fully compliant."),
    )
    preparation_method = models.CharField(
        _("how the statement was prepared"), max_length=20, choices=rules.PREPARATION_METHODS
    )
    third_party_name = models.CharField(
        _("third party"), max_length=255, blank=True, help_text=_("Who assessed the site.")
    )
    prepared_on = models.DateField(_("prepared on"))
    last_reviewed_on = models.DateField(
        _("last reviewed on"), help_text=_("Review the statement at least once a year.")
    )
    feedback_contact = models.TextField(
        _("feedback contact"), help_text=_("Office or person who answers reports, with address.")
    )
    feedback_email = models.EmailField(
        _("feedback email"), help_text=_("Reports from the feedback form are sent here.")
    )
    feedback_phone = models.CharField(_("feedback phone"), max_length=50, blank=True)
    enforcement_body = models.CharField(
        _("enforcement body"),
        max_length=255,
        default="Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (BGG)",
        help_text=_("Federal default; state bodies name their state's enforcement body."),
    )
    enforcement_address = models.TextField(
        _("address of the enforcement body"), default="Mauerstraße 53\n10117 Berlin"
    )
    enforcement_url = models.URLField(
        _("website of the enforcement body"), default="https://www.schlichtungsstelle-bgg.de/"
    )
    show_audit_results = models.BooleanField(
        _("show the latest automated audit"),
        default=True,
        help_text=_("Lists the open findings of the latest stored audit run, in plain language."),
    )

    content_panels = [
        *LegalPage.content_panels,
        FieldPanel("legal_basis"),
        FieldPanel("conformance_status"),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldPanel("preparation_method"),
                FieldPanel("third_party_name"),
                FieldPanel("prepared_on"),
                FieldPanel("last_reviewed_on"),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_contact"),
                FieldPanel("feedback_email"),
                FieldPanel("feedback_phone"),
            ],
            heading=_("Feedback"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_body"),
                FieldPanel("enforcement_address"),
                FieldPanel("enforcement_url"),
            ],
            heading=_("Enforcement procedure"),
        ),
        FieldPanel("show_audit_results"),
    ]
    template = "legal_pages/accessibility_statement_page.html"
    page_description = _("The Erklärung zur Barrierefreiheit with a feedback form; one per site.")

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit (accessibility statement)")

    def clean(self):
        super().clean()
        errors = rules.statement_errors(
            self.conformance_status,
            [block.value["reason"] for block in self.non_accessible_content],
            self.preparation_method,
            self.third_party_name,
            self.prepared_on,
            self.last_reviewed_on,
            timezone.localdate(),
        )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from ..audit_summary import audit_summary

        context = super().get_context(request, *args, **kwargs)
        context["audit"] = audit_summary() if self.show_audit_results else None
        context["feedback_url"] = self.url + self.reverse_subpage("feedback")
        return context

    @path("")
    def statement(self, request):
        return self.render(request)

    @path("feedback/", name="feedback")
    def feedback(self, request):
        from ..feedback import BarrierReportForm, client_address, submit_report

        form = BarrierReportForm(request.POST or None, address=client_address(request))
        if request.method == "POST" and form.is_valid():
            if not form.is_spam:
                submit_report(self, form.cleaned_data)
            return redirect(self.url + self.reverse_subpage("feedback_sent"))
        response = self.render(
            request,
            template="legal_pages/feedback_form.html",
            context_overrides={"form": form},
        )
        response.status_code = 429 if form.is_throttled else 200
        return response

    @path("feedback/sent/", name="feedback_sent")
    def feedback_sent(self, request):
        return self.render(request, template="legal_pages/feedback_sent.html")
