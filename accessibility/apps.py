from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "accessibility"
    label = "pressroom_accessibility"
    verbose_name = _("Accessibility audits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import on_publish

        on_publish.connect()
