"""The answer deadline of barrier reports: § 12b (4) BGG, "spätestens innerhalb eines Monats".

A period of one month ends with the day of the next month that has the same number as the day
the report was received (§ 188 (2) BGB with § 187 (1) BGB: the day of receipt is not counted);
when that month is shorter, with its last day (§ 188 (3) BGB): 31 January → 28/29 February.
The day is the site's local day (TIME_ZONE). Weekends and holidays do not move the deadline
(§ 193 BGB is not applied: answering a day early is never wrong).
"""

import calendar
import datetime as dt

from django.utils import timezone

REMIND_DAYS_BEFORE = 7


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def answer_due(received_at: dt.datetime) -> dt.date:
    """The last day on which a report received at `received_at` is answered in time."""
    day = local_day(received_at)
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reminder_window(now: dt.datetime) -> tuple[dt.date, dt.date]:
    """Due dates whose reports are reminded of at `now`: from today to a week ahead (a day the
    cron job missed is caught up; overdue reports are in the admin's overdue list instead)."""
    today = local_day(now)
    return today, today + dt.timedelta(days=REMIND_DAYS_BEFORE)
