from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    label = "pressroom_announcements"
    verbose_name = _("Press releases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from . import page_cache, signals

        signals.connect()
        checks.register(page_cache.check_shared_cache, checks.Tags.caches)
