"""Background tasks: Django's tasks framework (django.tasks from Django 6.0, the django-tasks
backport Wagtail depends on before). They run on the TASKS backend PRESSROOM_TASK_BACKEND."""

import math

from django.utils import timezone

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

from . import conf, sending


def enqueue(a_task, *args, run_after=None):
    options = {"backend": conf.get("PRESSROOM_TASK_BACKEND")}
    if run_after is not None:
        options["run_after"] = run_after
    return a_task.using(**options).enqueue(*args)


@task()
def start_mailing(mailing_id: int) -> int:
    """Write down every recipient of a mailing, then hand the sending to batch tasks.

    One task per batch, so that every idle worker takes a share; each one keeps claiming
    batches until none is left, so a task that finds nothing just ends.
    """
    recipients = sending.start(mailing_id, timezone.now())
    batches = math.ceil(recipients / max(1, conf.get("PRESSROOM_MAIL_BATCH_SIZE")))
    for _ in range(batches):
        enqueue(send_batches, mailing_id)
    return recipients


@task()
def send_batches(mailing_id: int) -> int:
    """Claim and send batches of a mailing until none is due; returns the mails sent."""
    sent, retry_at = sending.send_batches(mailing_id)
    if retry_at is not None:
        enqueue(send_batches, mailing_id, run_after=retry_at)
    return sent


def schedule(mailing):
    """Queue a mailing: now, or at its time (a pre-release under embargo)."""
    later = mailing.send_at if mailing.send_at > timezone.now() else None
    enqueue(start_mailing, mailing.pk, run_after=later)


def resume(stale_after: float) -> int:
    """After a worker died: release its abandoned batches and queue the unfinished mailings."""
    mailing_ids = sending.recover(stale_after, timezone.now())
    for mailing_id in mailing_ids:
        enqueue(send_batches, mailing_id)
    return len(mailing_ids)
