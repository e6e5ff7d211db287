"""Background tasks on Django's tasks framework (django.tasks from Django 6.0, the django-tasks
backport before), queued on the TASKS backend PRESSROOM_TASK_BACKEND (docs/legal-pages.md)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

from .models import BarrierReport
from .reminders import send_reminder


@task()
def remind_barrier_report(report_id: int) -> bool:
    """Mail the feedback contact about an open report due within a week; False if done before."""
    return send_reminder(report_id, timezone.now())


def queue_reminders(now: dt.datetime) -> int:
    """Queue a reminder task for every open report due within a week not reminded of yet."""
    backend = getattr(settings, "PRESSROOM_TASK_BACKEND", "default")
    report_ids = list(BarrierReport.objects.to_remind(now).values_list("pk", flat=True))
    for report_id in report_ids:
        remind_barrier_report.using(backend=backend).enqueue(report_id)
    return len(report_ids)
