from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    label = "pressroom_announcements"
    verbose_name = _("Press releases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (checks register themselves)

        signals.connect()
        if apps.is_installed("accessibility"):
            from . import audit_rules  # noqa: F401  (registers our markup contracts)
