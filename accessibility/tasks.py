"""Background audits on Django's tasks framework (django.tasks from Django 6.0, the django-tasks
backport before), on the TASKS backend PRESSROOM_TASK_BACKEND; `manage.py db_worker` runs them
with django-tasks-db (docs/background-tasks.md)."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.utils import timezone

try:
    from django.tasks import TaskResultStatus, task

    QUEUED = TaskResultStatus.READY
except ImportError:  # Django 5.2: the django-tasks backport, whose status is NEW until taken
    from django_tasks import ResultStatus, task

    QUEUED = ResultStatus.NEW

from . import conf
from .models import AuditRun
from .on_publish import mail_editor, report_url
from .runs import abandoned, execute, served

logger = logging.getLogger(__name__)
MAX_RESUMES = 3  # a run abandoned more often is left for `audit_accessibility --resume`


def enqueue(a_task, *args):
    return a_task.using(backend=conf.get("PRESSROOM_TASK_BACKEND")).enqueue(*args)


@task()
def audit_run(run_id: int) -> int:
    """Audit a planned run (e.g. of a page just published); returns the pages audited."""
    run = AuditRun.objects.get(pk=run_id)
    with served(run) as address:
        run = execute(run, address=address)
    if run.kind == AuditRun.PUBLISH and run.finished_at is not None:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        mail_editor(run, urljoin(base, report_url(run)))
    return run.pages.filter(audited_at__isnull=False).count()


def queue_run(run) -> None:
    """Queue the run for a worker; its task's id is kept to tell a waiting run from a dead one."""
    result = enqueue(audit_run, run.pk)
    run.options["task"] = result.id
    run.heartbeat_at = timezone.now()
    run.save(update_fields=["options", "heartbeat_at"])


def waiting(run) -> bool:
    """Whether the run's task is still in the queue, not taken by a worker yet."""
    task_id = run.options.get("task")
    if not task_id:
        return False
    try:
        status = audit_run.using(backend=conf.get("PRESSROOM_TASK_BACKEND")).get_result(task_id)
    except Exception:  # no such result (pruned), or a backend that cannot tell
        return False
    return status.status == QUEUED


def resume_abandoned(now=None, stale_after=None) -> list[int]:
    """Queue again every run whose process died (no page stored for stale_after seconds, default
    PRESSROOM_AUDIT_STALE_AFTER) and that is not waiting in the queue; returns their ids. The
    pages stored so far stay; the task audits the rest."""
    now = now or timezone.now()
    if stale_after is None:
        stale_after = conf.get("PRESSROOM_AUDIT_STALE_AFTER")
    resumed = []
    for run in abandoned(now, stale_after).order_by("pk"):
        resumes = run.options.get("resumes", 0)
        if waiting(run) or resumes >= MAX_RESUMES:
            continue
        with transaction.atomic():
            # Another resume_abandoned at the same time: only one queues the run.
            if not abandoned(now, stale_after).filter(pk=run.pk).update(heartbeat_at=now):
                continue
            run.options["resumes"] = resumes + 1
            queue_run(run)
        logger.warning("Audit run %s was abandoned; queued again", run.pk)
        resumed.append(run.pk)
    return resumed
