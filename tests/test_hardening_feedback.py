"""Feedback form under abuse (issue #20): no 500, nothing lost, throttled per client and address."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail

from legal_pages.models import BarrierReport

from . import legal
from .payloads import PAYLOADS

FEEDBACK = {
    "name": "Erika Muster",
    "email": "erika@example.org",
    "page_address": "https://www.example.org/presse/",
    "message": "Das Foto auf der Startseite hat keinen Alternativtext.",
}
MORNING = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def feedback_url(home):
    return legal.statement(home).url + "feedback/"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def token_of(response):
    return soup_of(response).select_one("input[name=token]")["value"]


def send(client, url, data, at=MORNING, address="192.0.2.1", token=None):
    """Open the form (unless a token is given), wait like a person, and send it."""
    with time_machine.travel(at, tick=False) as clock:
        token = token or token_of(client.get(url))
        clock.shift(10)
        return client.post(url, {**data, "token": token}, REMOTE_ADDR=address)


def error_summary(response):
    return " ".join(soup_of(response).select_one("#error-summary").get_text().split())


def kept_entries(response):
    soup = soup_of(response)
    return {
        "name": soup.select_one("#id_name")["value"],
        "email": soup.select_one("#id_email")["value"],
        "page_address": soup.select_one("#id_page_address")["value"],
        "message": soup.select_one("#id_message").get_text().strip(),
    }


def test_line_breaks_in_the_page_address_are_stored_and_mailed(client, feedback_url):
    data = {**FEEDBACK, "page_address": "https://www.example.org/\r\nBcc: victim@example.org"}
    response = send(client, feedback_url, data)
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.page_address == "https://www.example.org/ Bcc: victim@example.org"
    [message] = mail.outbox
    assert message.subject == "Barriere gemeldet: https://www.example.org/ Bcc: victim@example.org"
    assert message.recipients() == ["barrierefreiheit@example.org"]
    assert report.mailed_at is not None


def test_an_address_longer_than_the_column_is_an_error_not_a_loss(client, feedback_url):
    email = "e" * 300 + "@example.org"  # 312 characters: Django's form field allows 320
    response = send(client, feedback_url, {**FEEDBACK, "email": email})
    assert response.status_code == 200
    assert "E-Mail-Adresse" in error_summary(response)
    assert kept_entries(response) == {**FEEDBACK, "email": email}
    assert not BarrierReport.objects.exists()


@pytest.mark.parametrize("field", ["name", "email", "page_address", "message", "website"])
def test_no_payload_in_any_field_gives_a_500_or_loses_a_report(client, feedback_url, field):
    """Every POST is either refused with the entries shown again, or stored (and mailed)."""
    client.raise_request_exception = False
    for number, payload in enumerate(PAYLOADS):
        stored_before = BarrierReport.objects.count()
        at = MORNING + dt.timedelta(hours=2 * number)  # a fresh throttling window each time
        response = send(client, feedback_url, {**FEEDBACK, field: payload}, at=at)
        assert response.status_code in (200, 302), (payload[:30], response.status_code)
        stored = BarrierReport.objects.count() - stored_before
        if response.status_code == 200:
            assert stored == 0 and soup_of(response).select_one("#error-summary")
        elif field != "website":  # the honeypot: spam is dropped quietly
            assert stored == 1, payload[:30]
    reports = BarrierReport.objects.all()
    assert all(report.mailed_at for report in reports)
    assert len(mail.outbox) == reports.count()


def test_one_form_token_sends_one_report(client, feedback_url):
    """The attack: one anti-bot token reused for 200 posts. One report, 199 refusals."""
    with time_machine.travel(MORNING, tick=False) as clock:
        token = token_of(client.get(feedback_url))
        clock.shift(10)
        answers = [
            client.post(feedback_url, {**FEEDBACK, "token": token}, REMOTE_ADDR=f"198.51.100.{n}")
            for n in range(200)
        ]
    assert [a.status_code for a in answers] == [302] + [200] * 199
    assert BarrierReport.objects.count() == 1 and len(mail.outbox) == 1
    assert "Dieses Formular wurde schon gesendet" in error_summary(answers[1])
    assert kept_entries(answers[1]) == FEEDBACK


def test_a_refused_sender_sends_again_with_the_form_shown_to_them(client, feedback_url):
    """Nothing lost for an honest sender who sent a form twice (e.g. with the back button)."""
    first = send(client, feedback_url, FEEDBACK)
    with time_machine.travel(MORNING + dt.timedelta(seconds=20), tick=False):
        again = {**FEEDBACK, "message": "Und der Kontrast im Menü ist zu gering."}
        shown = client.post(feedback_url, {**again, "token": first.wsgi_request.POST["token"]})
    assert shown.status_code == 200 and kept_entries(shown) == again
    token = token_of(shown)
    resent = send(client, feedback_url, again, at=MORNING + dt.timedelta(minutes=1), token=token)
    assert resent.status_code == 302
    assert sorted(r.message for r in BarrierReport.objects.all()) == sorted(
        [FEEDBACK["message"], again["message"]]
    )


def test_an_address_sends_a_few_reports_per_window(client, feedback_url, settings):
    settings.PRESSROOM_FEEDBACK_PER_ADDRESS = 3
    minute = dt.timedelta(minutes=1)
    honest = [send(client, feedback_url, FEEDBACK, at=MORNING + n * minute) for n in range(3)]
    assert [r.status_code for r in honest] == [302, 302, 302]
    flood = send(client, feedback_url, FEEDBACK, at=MORNING + 4 * minute)
    assert flood.status_code == 429
    assert error_summary(flood) == (
        "Bitte korrigieren Sie Folgendes Von Ihrer Verbindung wurden in kurzer Zeit viele "
        "Meldungen gesendet. Ihre Angaben bleiben erhalten: Bitte senden Sie das Formular in "
        "60 Minuten noch einmal."
    )
    assert kept_entries(flood) == FEEDBACK
    other = send(client, feedback_url, FEEDBACK, at=MORNING + 5 * minute, address="203.0.113.7")
    assert other.status_code == 302  # another address is not held back
    later = send(client, feedback_url, FEEDBACK, at=MORNING + 61 * minute)
    assert later.status_code == 302  # the next window
    assert BarrierReport.objects.count() == 5 and len(mail.outbox) == 5


def test_behind_a_proxy_the_address_comes_from_its_header(client, feedback_url, settings):
    settings.PRESSROOM_FEEDBACK_PER_ADDRESS = 1
    settings.PRESSROOM_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    with time_machine.travel(MORNING, tick=False) as clock:
        tokens = [token_of(client.get(feedback_url)) for _ in range(3)]
        clock.shift(10)
        answers = [
            client.post(
                feedback_url,
                {**FEEDBACK, "token": token},
                REMOTE_ADDR="10.0.0.1",  # the proxy
                HTTP_X_FORWARDED_FOR=f"forged, 192.0.2.{last}",
            ).status_code
            for token, last in zip(tokens, (1, 2, 1), strict=True)
        ]
    assert answers == [302, 302, 429]
