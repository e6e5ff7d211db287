"""A barrier reported through the statement's feedback form, with its answer deadline."""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..deadlines import answer_due, local_day, reminder_window
from .statement import AccessibilityStatementPage


class BarrierReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_on__isnull=True)

    def overdue(self, now: dt.datetime):
        return self.open().filter(answer_due_on__lt=local_day(now))

    def to_remind(self, now: dt.datetime):
        """Open reports due within a week that nobody was reminded of yet."""
        return self.open().filter(
            reminded_at__isnull=True,
            statement__isnull=False,
            answer_due_on__range=reminder_window(now),
        )


class BarrierReport(models.Model):
    """A barrier reported through the statement's feedback form."""

    statement = models.ForeignKey(
        AccessibilityStatementPage,
        verbose_name=_("accessibility statement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    page_address = models.CharField(_("where"), max_length=500, blank=True)
    message = models.TextField(_("message"))
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    answer_due_on = models.DateField(
        _("answer due on"),
        editable=False,
        help_text=_("One month after receipt (§ 12b (4) BGG)."),
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, editable=False)
    answered_on = models.DateField(
        _("answered on"),
        null=True,
        blank=True,
        help_text=_("Reports must be answered within one month."),
    )

    objects = BarrierReportQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("page_address"),
        FieldPanel("message"),
        FieldPanel("answered_on"),
    ]

    class Meta:
        verbose_name = _("reported barrier")
        verbose_name_plural = _("reported barriers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} – {self.email}"

    def save(self, *args, **kwargs):
        if self.answer_due_on is None:
            self.answer_due_on = answer_due(self.created_at)
        super().save(*args, **kwargs)

    def days_overdue(self, now: dt.datetime) -> int:
        """Days past the deadline while unanswered; 0 when answered or not yet due."""
        if self.answered_on is not None:
            return 0
        return max(0, (local_day(now) - self.answer_due_on).days)
