"""Corrections of a published release (“Korrektur vom …”)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class Correction(Orderable):
    release = ParentalKey(
        "pressroom_announcements.PressReleasePage",
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_at = models.DateTimeField(_("corrected on"), default=timezone.now)
    note = models.TextField(
        _("what was corrected"),
        help_text=_(
            "E.g. “In the third paragraph, the date of the hearing was corrected to 4 May.”"
        ),
    )

    panels = [FieldPanel("corrected_at"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
