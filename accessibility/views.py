"""The Wagtail admin report of the latest audit run."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .findings import LEVELS
from .history import changes, complete_runs, trend
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


# Who sees the findings: superusers, and groups given "Can view audit finding" (Settings → Groups).
report_permission = ModelPermissionPolicy(AuditFinding)


class AccessibilityReportView(ReportView):
    permission_policy = report_permission
    permission_required = "view"
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


class AccessibilityHistoryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Findings per complete run (a chart and the same numbers as tables) and the findings new
    or fixed since the previous run; for those who may see the report."""

    permission_policy = report_permission
    permission_required = "view"

    page_title = _("Accessibility trend")
    header_icon = "warning"
    template_name = "accessibility/admin/history.html"
    BAR, GAP, HEIGHT = 24, 10, 130

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = complete_runs()
        data = trend(runs)
        previous = runs[-2] if len(runs) > 1 else None
        bars = []
        for number, row in enumerate(data["rows"]):
            height = round(row["total"] / data["largest"] * self.HEIGHT)
            x = self.GAP + number * (self.BAR + self.GAP)
            bars.append({"x": x, "y": 140 - height, "height": height, "label": number + 1})
        context.update(
            trend=data,
            bars=bars,
            chart_width=self.GAP + len(bars) * (self.BAR + self.GAP),
            previous=previous,
            changes=changes(previous, runs[-1]) if previous else [],
        )
        return context
