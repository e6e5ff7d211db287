from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    label = "pressroom_announcements"
    verbose_name = _("Press releases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks as django_checks

        from . import checks, page_cache, signals  # noqa: F401  (checks register themselves)

        signals.connect()
        django_checks.register(page_cache.check_shared_cache, django_checks.Tags.caches)
        if apps.is_installed("accessibility"):
            from . import audit_rules  # noqa: F401  (registers our markup contracts)
