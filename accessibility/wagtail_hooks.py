from django.contrib import messages
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from .axe import AXE_TAGS, disabled_rules

try:  # Wagtail >= 7.4
    from wagtail.admin.userbar import ContentCheckerItem as CheckerItem
except ImportError:  # Wagtail 7.0 LTS
    from wagtail.admin.userbar import AccessibilityItem as CheckerItem
from wagtail.models import Page

from .on_publish import report_url, state_label, state_of
from .publish_check import (
    audit_page,
    hold_back_publishing,
    problems_message,
    should_hold_back,
    unsaved_child,
)
from .views import AccessibilityHistoryView, AccessibilityReportView, report_permission


@hooks.register("register_admin_urls")
def register_report_urls():
    view = AccessibilityReportView.as_view()
    results = AccessibilityReportView.as_view(results_only=True)
    return [
        path("reports/accessibility/", view, name="pressroom_accessibility_report"),
        path(
            "reports/accessibility/results/", results, name="pressroom_accessibility_report_results"
        ),
        path(
            "reports/accessibility/trend/",
            AccessibilityHistoryView.as_view(),
            name="pressroom_accessibility_trend",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report_permission.user_has_permission(request.user, "view")


@hooks.register("register_permissions")
def register_report_permission():
    """ "Can view audit finding" in Settings → Groups: who may open the accessibility report."""
    return Permission.objects.filter(
        content_type__app_label="pressroom_accessibility", codename="view_auditfinding"
    )


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Accessibility findings"),
        reverse("pressroom_accessibility_report"),
        icon_name="warning",
        order=700,
    )


@hooks.register("register_reports_menu_item")
def register_trend_menu_item():
    return ReportMenuItem(
        gettext_lazy("Accessibility trend"),
        reverse("pressroom_accessibility_trend"),
        icon_name="warning",
        order=710,
    )


@hooks.register("after_publish_page")
def warn_about_accessibility_problems(request, page):
    """After publishing, the editor sees what the static checks found on the live page."""
    result = audit_page(page.specific)
    if not result.findings:
        return
    messages.warning(
        request,
        problems_message(
            _("The published page has accessibility problems. Please correct them:"),
            result.findings,
        ),
    )


@hooks.register("before_edit_page")
def block_publishing_edited_page_with_findings(request, page):
    if not should_hold_back(request):
        return
    fresh = Page.objects.get(pk=page.pk).specific  # the form must not change the view's instance
    hold_back_publishing(request, fresh, page.get_parent().specific)


@hooks.register("before_create_page")
def block_publishing_new_page_with_findings(request, parent_page, page_class):
    if not should_hold_back(request):
        return
    hold_back_publishing(request, unsaved_child(page_class, parent_page), parent_page)


class PressroomCheckerItem(CheckerItem):
    """Wagtail's userbar checker, running the same axe rule set as our audits."""

    def get_axe_run_only(self, request):
        return {"type": "tag", "values": AXE_TAGS}

    def get_axe_rules(self, request):
        return {rule_id: {"enabled": False} for rule_id in disabled_rules()}


@hooks.register("construct_wagtail_userbar")
def use_pressroom_axe_rules(request, items, page=None):
    for index, item in enumerate(items):
        if isinstance(item, CheckerItem) and not isinstance(item, PressroomCheckerItem):
            replacement = PressroomCheckerItem.__new__(PressroomCheckerItem)
            replacement.__dict__.update(item.__dict__)  # constructor differs between versions
            items[index] = replacement


@hooks.register("register_page_listing_buttons")
def accessibility_state_button(page, user, next_url=None):
    """The page's state from its newest audit in the page listing: pending, clean or n findings."""
    state, count, run = state_of(page)
    if state:
        yield ListingButton(
            state_label(state, count),
            report_url(run),
            icon_name="warning" if count else "check",
            priority=60,
        )
