"""Barrier reports: the one-month answer deadline (§ 12b (4) BGG), overdue reports in the admin,
the reminder a week before (cron command → task → real worker → real SMTP server), the panel."""

import datetime as dt
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from legal_pages.deadlines import answer_due
from legal_pages.models import BarrierReport

from . import legal
from .conftest import berlin
from .helpers import soup_of, visible_text
from .mail_server import SmtpServer, header, run_worker

LISTING = "/admin/snippets/pressroom_legal_pages/barrierreport/"
NOW = berlin(2026, 11, 25, 9, 0)  # a Wednesday morning in Berlin
TODAY = NOW.date()


@pytest.mark.parametrize(
    "received, due",
    [
        (berlin(2026, 11, 25, 9, 0), dt.date(2026, 12, 25)),
        (berlin(2026, 1, 31, 12, 0), dt.date(2026, 2, 28)),  # February is shorter
        (berlin(2028, 1, 31, 12, 0), dt.date(2028, 2, 29)),  # leap year
        (berlin(2028, 1, 29, 12, 0), dt.date(2028, 2, 29)),
        (berlin(2028, 2, 29, 12, 0), dt.date(2028, 3, 29)),
        (berlin(2100, 1, 31, 12, 0), dt.date(2100, 2, 28)),  # 2100 is no leap year
        (berlin(2026, 3, 31, 12, 0), dt.date(2026, 4, 30)),
        (berlin(2026, 8, 31, 12, 0), dt.date(2026, 9, 30)),
        (berlin(2026, 12, 31, 23, 59), dt.date(2027, 1, 31)),  # into the next year
        # 23:30 UTC on 31 January is already 1 February in Berlin: the local day counts
        (dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC), dt.date(2026, 3, 1)),
    ],
)
def test_answer_is_due_one_calendar_month_after_the_day_of_receipt(received, due):
    assert answer_due(received) == due


def report(statement, received, email="erika@example.org", **fields):
    message = "Kein Alternativtext."
    return BarrierReport.objects.create(
        statement=statement, created_at=received, email=email, message=message, **fields
    )


@pytest.fixture
def statement(home):
    return legal.statement(home)


def rows(response):
    """Listing rows as the text a screen reader reads out, by the reporter's address."""
    table = soup_of(response).select_one("table.listing tbody")
    return {
        next(word for word in visible_text(row).split() if "@" in word): visible_text(row)
        for row in table.select("tr")
    }


@pytest.mark.django_db
def test_listing_says_in_words_how_long_a_report_is_overdue(admin_client, statement):
    report(statement, berlin(2026, 10, 22, 16, 0), "ueberfaellig@example.org")  # due 22 Nov
    report(statement, berlin(2026, 10, 25, 8, 0), "heute@example.org")  # due today
    report(statement, berlin(2026, 11, 20, 10, 0), "offen@example.org")  # due 20 Dec
    report(statement, berlin(2026, 10, 1, 10, 0), "erledigt@example.org", answered_on=TODAY)

    with time_machine.travel(NOW, tick=False):
        listed = rows(admin_client.get(LISTING))
        overdue = rows(admin_client.get(LISTING + "?state=overdue"))
        still_open = rows(admin_client.get(LISTING + "?state=open"))
        by_due_date = list(rows(admin_client.get(LISTING + "?ordering=answer_due_on")))

    assert "22.11.2026 überfällig seit 3 Tagen" in listed["ueberfaellig@example.org"]
    assert "25.11.2026 heute fällig" in listed["heute@example.org"]
    assert "20.12.2026 fällig in 25 Tagen" in listed["offen@example.org"]
    assert "01.11.2026 beantwortet" in listed["erledigt@example.org"]
    assert list(overdue) == ["ueberfaellig@example.org"]
    assert set(still_open) == {
        "ueberfaellig@example.org",
        "heute@example.org",
        "offen@example.org",
    }
    assert by_due_date == [
        "erledigt@example.org",
        "ueberfaellig@example.org",
        "heute@example.org",
        "offen@example.org",
    ]


@pytest.mark.django_db
def test_the_feedback_mail_names_the_due_date(statement, mailoutbox):
    from legal_pages.feedback import submit_report

    data = {"name": "", "email": "e@example.org", "page_address": "", "message": "Kein Fokus."}
    with time_machine.travel(berlin(2026, 1, 31, 18, 0), tick=False):
        submit_report(statement, data)
    assert BarrierReport.objects.get().answer_due_on == dt.date(2026, 2, 28)
    assert "Bitte antworten Sie bis zum 28. Februar 2026." in mailoutbox[0].body


def remind(at):
    """The cron job at `at`: what it queued, as it says."""
    out = io.StringIO()
    with time_machine.travel(at, tick=False):
        call_command("remind_barrier_reports", stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminder_a_week_before_the_deadline_once_for_open_reports_only(statement, smtp, settings):
    due_in_7 = report(statement, berlin(2026, 11, 2, 11, 15), "sieben@example.org")  # 2 Dec
    report(statement, berlin(2026, 11, 3, 10, 0), "acht@example.org")  # 3 Dec: next day's turn
    report(statement, berlin(2026, 11, 2, 10, 0), "beantwortet@example.org", answered_on=TODAY)
    report(statement, berlin(2026, 10, 20, 10, 0), "ueberfaellig@example.org")  # overdue
    report(None, berlin(2026, 11, 2, 10, 0), "ohne-erklaerung@example.org")  # statement deleted

    assert remind(NOW) == "Barrier report reminders queued: 1"
    remind(NOW + dt.timedelta(hours=1))  # cron twice before the worker ran: still one mail
    run_worker(smtp.port)
    assert remind(NOW + dt.timedelta(hours=2)) == "Barrier report reminders queued: 0"

    [mail] = smtp.recorder.messages
    assert header(mail, "To") == "barrierefreiheit@example.org"
    assert header(mail, "Reply-To") == "sieben@example.org"
    assert header(mail, "Subject") == (
        "Erinnerung: Meldung einer Barriere bis zum 2. Dezember 2026 beantworten"
    )
    assert mail.get_content_type() == "text/plain"  # no HTML part: readable in any client
    text = mail.get_content()
    assert "Eine am 2. November 2026 eingegangene Meldung" in text
    assert "sieben@example.org" in text and "Kein Alternativtext." in text
    assert "Bitte antworten Sie bis zum 2. Dezember 2026." in text
    edit = reverse(BarrierReport.snippet_viewset.get_url_name("edit"), args=[due_in_7.pk])
    assert settings.WAGTAILADMIN_BASE_URL + edit in text
    due_in_7.refresh_from_db()
    assert due_in_7.reminded_at is not None

    remind(NOW + dt.timedelta(days=1))  # the next day: the report due on 3 December
    run_worker(smtp.port)
    assert [header(m, "Reply-To") for m in smtp.recorder.messages] == [
        "sieben@example.org",
        "acht@example.org",
    ]


@pytest.mark.django_db
def test_reminder_is_in_the_statement_language(statement, mailoutbox):
    from legal_pages.reminders import send_reminder

    english = Locale.objects.get(language_code="en")
    statement.get_parent().copy_for_translation(english)
    translated = statement.copy_for_translation(english)
    translated.save_revision().publish()
    received = report(translated, berlin(2026, 11, 2, 11, 15))
    assert send_reminder(received.pk, NOW)
    assert not send_reminder(received.pk, NOW)  # once
    [mail] = mailoutbox
    assert mail.subject == "Reminder: answer the barrier report by Dec. 2, 2026"
    assert "Please answer by Dec. 2, 2026." in mail.body


@pytest.mark.django_db
def test_a_reminder_the_mail_server_refused_is_tried_again(statement, settings):
    from legal_pages.reminders import send_reminder

    SmtpServer().mail_settings(settings)  # a port nobody listens on
    received = report(statement, berlin(2026, 11, 2, 11, 15))
    with pytest.raises(OSError):
        send_reminder(received.pk, NOW)
    received.refresh_from_db()
    assert received.reminded_at is None
    assert list(BarrierReport.objects.to_remind(NOW + dt.timedelta(days=1))) == [received]


def user_with(*codenames):
    user = get_user_model().objects.create_user("redaktion", "r@example.org", "geheim-genug")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    return user


def panel(client, user):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return soup_of(client.get(reverse("wagtailadmin_home"))).select_one(
            "#pressroom-barrier-reports-section"
        )


@pytest.mark.django_db
def test_home_panel_counts_open_and_overdue_reports_and_links_to_them(client, statement):
    report(statement, berlin(2026, 10, 1, 10, 0))  # overdue
    report(statement, berlin(2026, 10, 2, 10, 0))  # overdue
    report(statement, berlin(2026, 11, 20, 10, 0))  # open, not yet due
    report(statement, berlin(2026, 10, 1, 10, 0), answered_on=dt.date(2026, 10, 20))

    section = panel(client, user_with("view_barrierreport"))
    links = {visible_text(a): a["href"] for a in section.select("ul a")}
    assert links == {
        "3 offene Meldungen": LISTING + "?state=open",
        "davon 2 überfällig": LISTING + "?state=overdue",
    }


@pytest.mark.django_db
def test_home_panel_only_for_those_who_may_see_the_reports(client, statement):
    report(statement, berlin(2026, 10, 1, 10, 0))
    assert panel(client, user_with()) is None
    assert client.get(LISTING).status_code == 302  # the listing is closed to them as well
