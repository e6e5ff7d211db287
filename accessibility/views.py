"""The Wagtail admin report of the latest audit run."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from .findings import LEVELS
from .models import AuditFinding, AuditRun
from .results import latest_run


class FindingFilterSet(WagtailFilterSet):
    rule_id = django_filters.ChoiceFilter(label=_("Rule"), choices=lambda: rule_choices())
    impact = django_filters.ChoiceFilter(
        label=_("Impact"), choices=[(level, level) for level in LEVELS]
    )

    class Meta:
        model = AuditFinding
        fields = ["rule_id", "impact"]


def rule_choices():
    run = latest_run()
    if run is None:
        return []
    rules = (
        AuditFinding.objects.filter(audited_page__run=run)
        .order_by("rule_id")
        .values_list("rule_id", flat=True)
        .distinct()
    )
    return [(rule_id, rule_id) for rule_id in rules]


class AccessibilityReportView(ReportView):
    page_title = _("Accessibility findings")
    header_icon = "warning"
    results_template_name = "accessibility/admin/findings_results.html"
    filterset_class = FindingFilterSet
    index_url_name = "pressroom_accessibility_report"
    index_results_url_name = "pressroom_accessibility_report_results"
    list_export = ["audited_page.url", "rule_id", "impact", "wcag", "selector", "help", "engine"]
    export_headings = {"audited_page.url": _("Page")}
    paginate_by = 100

    def get_queryset(self):
        run_id = self.request.GET.get("run", "")
        self.run = AuditRun.objects.filter(pk=run_id).first() if run_id.isdigit() else latest_run()
        if self.run is None:
            return AuditFinding.objects.none()
        return (
            AuditFinding.objects.filter(audited_page__run=self.run)
            .select_related("audited_page__page")
            .order_by("audited_page__url", "-impact", "rule_id")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["run"] = self.run
        return context

    def get_filename(self):
        return "accessibility-findings"
