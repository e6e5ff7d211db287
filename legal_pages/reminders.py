"""The reminder to the feedback contact a week before a barrier report's answer is due."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.admin.admin_url_finder import AdminURLFinder

from .feedback import deadline_note, report_details
from .models import BarrierReport


def reminder(report: BarrierReport) -> EmailMessage:
    """Plain text in the statement's language, to its feedback email, replies to the reporter."""
    statement = report.statement
    with translation.override(statement.locale.language_code):
        due = date_format(report.answer_due_on, "DATE_FORMAT")
        received = date_format(timezone.localdate(report.created_at), "DATE_FORMAT")
        edit_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") + (
            AdminURLFinder().get_edit_url(report) or ""
        )
        subject = gettext("Reminder: answer the barrier report by %(date)s") % {"date": due}
        paragraphs = [
            gettext("A barrier report received on %(received)s has not been answered yet.")
            % {"received": received},
            *report_details(report),
            deadline_note(report),
            gettext("When you have answered, enter the date under “answered on”: %(url)s")
            % {"url": edit_url},
        ]
    return EmailMessage(
        subject, "\n\n".join(paragraphs), to=[statement.feedback_email], reply_to=[report.email]
    )


def send_reminder(report_id: int, now: dt.datetime) -> bool:
    """Remind of one open report, once: the report is claimed (reminded_at set) before the mail
    goes out, so a second task for it sends nothing; a failed mail releases the claim."""
    claimed = (
        BarrierReport.objects.open()
        .filter(pk=report_id, reminded_at__isnull=True, statement__isnull=False)
        .update(reminded_at=now)
    )
    if not claimed:
        return False
    report = BarrierReport.objects.select_related("statement").get(pk=report_id)
    try:
        reminder(report).send()
    except Exception:
        BarrierReport.objects.filter(pk=report_id).update(reminded_at=None)
        raise
    return True
