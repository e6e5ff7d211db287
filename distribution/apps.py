from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """Releases by email (Presseverteiler). Depends on `announcements`, never the other way."""

    name = "distribution"
    label = "pressroom_distribution"
    verbose_name = _("Mailing list")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
