import django_filters
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BarrierReport
from .templatetags.pressroom_legal import legal_footer

OPEN, OVERDUE, ANSWERED = "open", "overdue", "answered"


class BarrierReportFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[(OPEN, _("open")), (OVERDUE, _("overdue")), (ANSWERED, _("answered"))],
        method="filter_state",
    )

    class Meta:
        model = BarrierReport
        fields = ["answered_on"]

    def filter_state(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue(timezone.now())
        if value == OPEN:
            return queryset.open()
        return queryset.filter(answered_on__isnull=False)


def deadline_state(report, now) -> str:
    """How the report stands with its deadline, in words (the listing never relies on colour)."""
    if report.answered_on is not None:
        return str(_("answered"))
    overdue = report.days_overdue(now)
    if overdue:
        return ngettext("overdue for %(days)d day", "overdue for %(days)d days", overdue) % {
            "days": overdue
        }
    left = (report.answer_due_on - timezone.localdate(now)).days
    if not left:
        return str(_("due today"))
    return ngettext("due in %(days)d day", "due in %(days)d days", left) % {"days": left}


class DeadlineColumn(Column):
    cell_template_name = "legal_pages/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        now = timezone.now()
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = deadline_state(instance, now)
        context["overdue"] = instance.days_overdue(now) > 0
        return context


class BarrierReportViewSet(SnippetViewSet):
    """Reported barriers: read them, mark them answered (within one month)."""

    model = BarrierReport
    icon = "warning"
    menu_label = _("Reported barriers")
    add_to_admin_menu = True
    menu_order = 900
    list_display = [
        "created_at",
        "email",
        "page_address",
        DeadlineColumn("answer_due_on", label=_("Answer due"), sort_key="answer_due_on"),
        "answered_on",
    ]
    filterset_class = BarrierReportFilterSet
    search_fields = ["email", "name", "page_address", "message"]
    inspect_view_enabled = True


register_snippet(BarrierReportViewSet)


class BarrierReportsPanel(Component):
    """Dashboard panel: open and overdue reports, each count linking to the filtered listing."""

    name = "pressroom_barrier_reports"
    template_name = "legal_pages/admin/barrier_reports_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        listing = reverse(BarrierReport.snippet_viewset.get_url_name("list"))
        return {
            "open": BarrierReport.objects.open().count(),
            "overdue": BarrierReport.objects.overdue(timezone.now()).count(),
            "open_url": f"{listing}?state={OPEN}",
            "overdue_url": f"{listing}?state={OVERDUE}",
        }


@hooks.register("construct_homepage_panels")
def barrier_reports_panel(request, panels):
    """Only for those who may see the reports (the listing's own permission rule)."""
    policy = BarrierReport.snippet_viewset.permission_policy
    if policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
        panels.append(BarrierReportsPanel())


@hooks.register("pressroom_footer")
def footer_links(context):
    """The footer links in the footer of the announcements app's own base template."""
    return render_to_string("legal_pages/footer_links.html", legal_footer(context))
