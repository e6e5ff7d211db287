"""The admin message that tells an editor the result of the audit of a page they published:
shown once, on their next admin page after the background audit finished."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import AuditRun
from .on_publish import problem_findings, report_url, summary


class PublishAuditMessages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.path.startswith(reverse("wagtailadmin_home")):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                tell_results(request, user)
        return self.get_response(request)


def tell_results(request, user):
    runs = AuditRun.objects.filter(
        kind=AuditRun.PUBLISH,
        requested_by=user,
        finished_at__isnull=False,
        notified_at__isnull=True,
    ).select_related("page")
    for run in runs:
        claimed = AuditRun.objects.filter(pk=run.pk, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if not claimed:
            continue
        if problem_findings(run).exists():
            text = format_html(
                '{} <a href="{}">{}</a>', summary(run), report_url(run), _("Show the findings")
            )
            messages.warning(request, text)
        else:
            messages.success(request, summary(run))
