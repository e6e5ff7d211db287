"""System checks: a German public website must carry its legal pages, and keep them current;
the pages need a base template and document types they can use."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
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


def legal_checks_on() -> bool:
    """PRESSROOM_LEGAL_CHECKS: the site is a German public body's and must carry the pages."""
    return getattr(settings, "PRESSROOM_LEGAL_CHECKS", False)


def site_warnings(site, today):
    from . import models, rules

    warnings = []
    for model_name, check_id, label in REQUIRED_PAGES if legal_checks_on() else []:
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


@register("pressroom")
def base_template_exists(app_configs=None, **kwargs):
    from . import rules

    try:
        get_template(rules.base_template())
    except TemplateDoesNotExist:
        return [
            Error(
                f"The base template “{rules.base_template()}” of the legal pages does not exist.",
                'Set PRESSROOM_BASE_TEMPLATE to your site\'s base template (e.g. "base.html"), '
                "or install the announcements app, whose layout is the default.",
                id="pressroom_legal_pages.E001",
            )
        ]
    return []


@register("pressroom")
def sign_language_uploads_allowed(app_configs=None, **kwargs):
    """Wagtail refuses uploads outside WAGTAILDOCS_EXTENSIONS, which `wagtail start` sets."""
    from .models import SignLanguagePage

    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if allowed is None:
        return []  # Wagtail's default: every extension
    missing = {"vtt"} - set(allowed)
    if not {"webm", "mp4"} & set(allowed):
        missing.add("webm")
    try:
        needed = legal_checks_on() or SignLanguagePage.objects.exists()
    except DatabaseError:
        needed = legal_checks_on()  # not migrated yet
    if not (missing and needed):
        return []
    return [
        Warning(
            "WAGTAILDOCS_EXTENSIONS lacks "
            + ", ".join(f"“{ext}”" for ext in sorted(missing))
            + ": the video and captions of the sign-language page cannot be uploaded.",
            'Add "webm" (or "mp4") and "vtt" to WAGTAILDOCS_EXTENSIONS.',
            id="pressroom_legal_pages.W005",
        )
    ]
