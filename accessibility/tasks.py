"""Background audits on Django's tasks framework (django.tasks from Django 6.0, the django-tasks
backport before), on the TASKS backend PRESSROOM_TASK_BACKEND; `manage.py db_worker` runs them
with django-tasks-db (docs/background-tasks.md)."""

from urllib.parse import urljoin

from django.conf import settings

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

from . import conf
from .models import AuditRun
from .on_publish import mail_editor, report_url
from .runs import execute


def enqueue(a_task, *args):
    return a_task.using(backend=conf.get("PRESSROOM_TASK_BACKEND")).enqueue(*args)


@task()
def audit_run(run_id: int) -> int:
    """Audit a planned run (e.g. of a page just published); returns the pages audited."""
    run = execute(AuditRun.objects.get(pk=run_id))
    if run.kind == AuditRun.PUBLISH and run.finished_at is not None:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        mail_editor(run, urljoin(base, report_url(run)))
    return run.pages.filter(audited_at__isnull=False).count()
