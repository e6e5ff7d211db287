from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class LegalPagesConfig(AppConfig):
    name = "legal_pages"
    label = "pressroom_legal_pages"
    verbose_name = _("Legal pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, footer  # noqa: F401  (checks: registers the system checks)

        footer.connect()

        if apps.is_installed("accessibility"):
            from . import audit_rules  # noqa: F401  (registers the site-policy audit rules)
