"""Erklärung zur Barrierefreiheit: required items, the audit section, and the feedback form."""

import datetime as dt

import django
import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from accessibility.findings import AuditResult, Finding
from accessibility.results import store_run
from legal_pages import rules
from legal_pages.models import BarrierReport

from . import legal
from .helpers import soup_of

TODAY = dt.date(2026, 11, 25)


def errors(**changes):
    values = {
        "status": rules.PARTIALLY,
        "reasons": [rules.DISPROPORTIONATE_BURDEN],
        "method": rules.SELF_ASSESSMENT,
        "third_party_name": "",
        "prepared_on": dt.date(2026, 3, 1),
        "reviewed_on": dt.date(2026, 3, 1),
        "today": TODAY,
    }
    values.update(changes)
    return set(rules.statement_errors(*values.values()))


def test_a_complete_statement_has_no_errors():
    assert errors() == set()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"reasons": []}, "non_accessible_content"),
        ({"reasons": [rules.OUT_OF_SCOPE]}, "non_accessible_content"),
        ({"status": rules.NOT, "reasons": []}, "non_accessible_content"),
        ({"status": rules.FULLY}, "conformance_status"),
        ({"method": rules.THIRD_PARTY}, "third_party_name"),
        ({"prepared_on": dt.date(2026, 12, 1), "reviewed_on": dt.date(2026, 12, 1)}, "prepared_on"),
        ({"reviewed_on": dt.date(2026, 2, 1)}, "last_reviewed_on"),
    ],
    ids=[
        "partial-without-items",
        "partial-with-only-out-of-scope",
        "not-compliant-without-items",
        "fully-with-barriers",
        "third-party-unnamed",
        "prepared-in-future",
        "reviewed-before-prepared",
    ],
)
def test_statement_rules_name_the_field_to_fix(changes, field):
    assert field in errors(**changes)


def test_fully_compliant_without_items_is_fine():
    assert errors(status=rules.FULLY, reasons=[]) == set()
    assert errors(status=rules.FULLY, reasons=[rules.OUT_OF_SCOPE]) == set()


def test_statement_page_validates_on_save(home):
    with pytest.raises(ValidationError) as error:
        legal.statement(home, non_accessible_content=[])
    assert "non_accessible_content" in error.value.message_dict


def test_statement_shows_every_required_section(client, home):
    soup = soup_of(client.get(legal.statement(home).url))
    assert [h.get_text() for h in soup.select("main h2")] == [
        "Wie barrierefrei ist diese Website?",
        "Nicht barrierefreie Inhalte",
        "Ergebnisse unserer automatischen Prüfung",
        "Erstellung dieser Erklärung",
        "Barriere melden",
        "Durchsetzungsverfahren",
    ]
    main = soup.select_one("main").get_text(" ", strip=True)
    assert "teilweise" in main
    assert "Alte PDF-Dateien" in main and "unverhältnismäßige Belastung" in main
    assert "1. März 2026" in main
    assert soup.select_one("#statement-preparation + p time")["datetime"] == "2026-03-01"
    assert "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz" in main
    assert soup.select_one("main a[href='https://www.schlichtungsstelle-bgg.de/']")
    assert soup.select_one("main a[href='/barrierefreiheit/feedback/']")


def finding(rule_id, wcag, selector="img"):
    return Finding("axe", rule_id, "serious", wcag, selector, "help")


def test_statement_tells_the_latest_audit_run_in_plain_language(client, home):
    old = [AuditResult("http://x/old/", "axe", [finding("label", "3.3.2")])]
    with time_machine.travel(legal.berlin_noon(dt.date(2026, 11, 10)), tick=False):
        store_run("old run", old)
    results = [
        AuditResult("http://x/a/", "axe", [finding("image-alt", "1.1.1")], "axe-core 4.10.2"),
        AuditResult(
            "http://x/b/",
            "axe",
            [finding("image-alt", "1.1.1"), finding("region", "best-practice")],
        ),
        AuditResult("http://x/c/", "static", []),
    ]
    with time_machine.travel(legal.berlin_noon(dt.date(2026, 11, 20)), tick=False):
        store_run("site", results)
    section = soup_of(client.get(legal.statement(home).url)).select_one("#statement-audit").parent
    text = section.get_text(" ", strip=True)
    assert "Am 20. November 2026 haben wir 3 Seiten automatisch geprüft." in text
    problems = [li.get_text(" ", strip=True) for li in section.select(".open-problems li")]
    assert problems == [
        "Einige Bilder oder Bedienelemente haben keine Textalternative. (2 Seiten)",
        "Weitere Probleme, die über die gesetzlichen Anforderungen hinausgehen. (1 Seite)",
    ]
    assert "Beschriftung" not in text  # the older run's finding is not open any more


def test_statement_without_a_stored_run_says_so(client, home):
    section = soup_of(client.get(legal.statement(home).url)).select_one("#statement-audit").parent
    assert "Es wurde noch keine automatische Prüfung gespeichert." in section.get_text()


def test_statement_can_leave_out_the_audit_section(client, home):
    page = legal.statement(home, show_audit_results=False)
    assert soup_of(client.get(page.url)).select_one("#statement-audit") is None


# Feedback form

FEEDBACK = {
    "name": "Erika Muster",
    "email": "erika@example.org",
    "page_address": "https://www.example.org/presse/",
    "message": "Das Foto auf der Startseite hat keinen Alternativtext.",
}


@pytest.fixture
def feedback_url(home):
    return legal.statement(home).url + "feedback/"


def open_form(client, url):
    soup = soup_of(client.get(url))
    return soup, soup.select_one("input[name=token]")["value"]


def send(client, url, data, wait=5):
    """Open the form, wait `wait` seconds like a person, and send it."""
    start = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _soup, token = open_form(client, url)
        clock.shift(wait)
        return client.post(url, {**data, "token": token})


def test_feedback_form_labels_every_field(client, feedback_url):
    soup, _token = open_form(client, feedback_url)
    for name in ("name", "email", "page_address", "message"):
        field = soup.select_one(f"[name={name}]")
        assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert soup.select_one("[name=email]")["autocomplete"] == "email"
    assert soup.select_one("[name=website]").find_parent("div").has_attr("hidden")


def test_feedback_is_stored_and_mailed(client, feedback_url):
    response = send(client, feedback_url, FEEDBACK)
    assert response.status_code == 302 and response["Location"].endswith("/feedback/sent/")
    report = BarrierReport.objects.get()
    assert (report.email, report.message) == (FEEDBACK["email"], FEEDBACK["message"])
    assert report.mailed_at is not None
    [message] = mail.outbox
    assert message.to == ["barrierefreiheit@example.org"]
    assert message.reply_to == ["erika@example.org"]
    assert FEEDBACK["message"] in message.body
    thanks = soup_of(client.get(response["Location"]))
    assert thanks.h1.get_text() == "Vielen Dank für Ihre Meldung"


def test_bad_input_shows_an_error_summary_linked_to_the_fields(client, feedback_url):
    response = send(client, feedback_url, {**FEEDBACK, "email": "erika@", "message": ""})
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Fehler: ")
    summary = soup.select_one("#error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    links = {a["href"]: a.get_text() for a in summary.select("a")}
    assert set(links) == {"#id_email", "#id_message"}
    email = soup.select_one("#id_email")
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"].split()
    assert soup.select_one("#id_email_error").get_text(strip=True).startswith("Fehler:")
    assert soup.select_one("#id_name")["value"] == "Erika Muster"  # nothing typed is lost
    assert not BarrierReport.objects.exists() and not mail.outbox


def test_honeypot_feedback_is_dropped_quietly(client, feedback_url):
    response = send(client, feedback_url, {**FEEDBACK, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not BarrierReport.objects.exists() and not mail.outbox


def test_a_form_sent_faster_than_a_person_can_is_shown_again_with_the_text(client, feedback_url):
    soup = soup_of(send(client, feedback_url, FEEDBACK, wait=1))
    assert "Bitte prüfen Sie Ihre Angaben" in soup.select_one("#error-summary").get_text()
    assert soup.select_one("#id_message").get_text().strip() == FEEDBACK["message"]
    assert not BarrierReport.objects.exists()


def test_a_forged_token_is_rejected(client, feedback_url):
    response = client.post(feedback_url, {**FEEDBACK, "token": "forged"})
    assert soup_of(response).select_one("#error-summary")
    assert not BarrierReport.objects.exists()


def test_feedback_is_kept_when_mail_fails(client, feedback_url, settings):
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    if django.VERSION >= (6, 1):
        settings.MAILERS = {
            "default": {"BACKEND": smtp, "OPTIONS": {"host": "127.0.0.1", "port": 9}}
        }
    else:
        settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = smtp, "127.0.0.1", 9
    assert send(client, feedback_url, FEEDBACK).status_code == 302
    report = BarrierReport.objects.get()
    assert report.mailed_at is None
