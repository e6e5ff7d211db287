"""System checks: a German public website must carry its legal pages, and keep them current."""

from django.core.checks import Warning, register
from django.db import DatabaseError
from django.utils import timezone

REQUIRED_PAGES = [
    ("ImpressumPage", "pressroom_legal_pages.W001", "Impressum (§ 5 DDG)"),
    ("PrivacyPage", "pressroom_legal_pages.W002", "Datenschutzerklärung (Art. 13 GDPR)"),
    (
        "AccessibilityStatementPage",
        "pressroom_legal_pages.W003",
        "Erklärung zur Barrierefreiheit (§ 12b BGG, BITV 2.0)",
    ),
]
HINT = "Create and publish one below the site's home page, and link it in Settings → Footer links."


def site_warnings(site, today):
    from . import models, rules

    warnings = []
    for model_name, check_id, label in REQUIRED_PAGES:
        live = getattr(models, model_name).objects.live().descendant_of(site.root_page, True)
        if not live.exists():
            warnings.append(Warning(f"Site “{site}” has no live {label} page.", HINT, id=check_id))
    statements = models.AccessibilityStatementPage.objects.live().descendant_of(site.root_page)
    for statement in statements:
        if rules.review_overdue(statement.last_reviewed_on, today):
            warnings.append(
                Warning(
                    f"The accessibility statement “{statement.title}” ({statement.locale}) of "
                    f"site “{site}” was last reviewed on {statement.last_reviewed_on}, more "
                    f"than {rules.review_days()} days ago.",
                    "Review the statement and update its “last reviewed on” date.",
                    obj=statement,
                    id="pressroom_legal_pages.W004",
                )
            )
    return warnings


@register("pressroom")
def legal_pages_exist(app_configs=None, **kwargs):
    from wagtail.models import Site

    try:
        today = timezone.localdate()
        return [
            warning
            for site in Site.objects.select_related("root_page")
            for warning in site_warnings(site, today)
        ]
    except DatabaseError:
        return []  # not migrated yet: nothing to check
