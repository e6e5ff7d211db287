"""Mailing list: subscribe with double opt-in, the release mail at go-live, unsubscribe – all
through a real SMTP server (aiosmtpd) on 127.0.0.1 and the real task worker."""

import datetime as dt
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from accessibility.static import audit_html
from announcements.models import PressReleasePage, Topic
from distribution.models import Delivery, Mailing, Subscriber
from tests.conftest import berlin
from tests.mail_server import SmtpServer, run_worker, run_worker_here

# Rules about a web page's frame (skip link, navigation, footer landmark) do not apply to a mail.
MAIL_RULES = {
    "html-lang-valid",
    "document-title",
    "single-h1",
    "heading-order",
    "empty-heading",
    "img-alt",
    "link-name",
    "lead-markers-hidden",
    "link-text-url",
    "link-text-generic",
    "quote-speaker",
    "date-in-time-element",
}
QUOTE = {"text": "Wir sind bereit.", "speaker": "Dr. Eva Muster", "role": "Ministerin", "language": ""}


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        server.mail_settings(settings)
        yield server


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Digitales", slug="digitales")


def links_in(message):
    html = message.get_body(("html",)).get_content()
    return {a.get_text(" ", strip=True): a["href"] for a in BeautifulSoup(html, "html.parser")("a")}


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def subscribe(client, index, email, **choices):
    """Fill in the form as a person would: open it, wait a few seconds, send it."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        page = client.get(f"/presseverteiler/{index.pk}/")
        token = BeautifulSoup(page.content, "html.parser").find("input", {"name": "token"})
        traveller.shift(dt.timedelta(seconds=5))
        data = {"email": email, "language": "de", "token": token["value"], "website": ""}
        return client.post(f"/presseverteiler/{index.pk}/", {**data, **choices})


def confirm(client, smtp, email):
    confirmation = smtp.recorder.to(email)[-1]
    text = confirmation.get_body(("plain",)).get_content()
    url = path_of(re.search(r"https?://\S+/bestaetigen/\S+/", text).group())
    assert client.get(url).status_code == 200
    return client.post(url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_opt_in_release_mail_and_one_click_unsubscribe(client, smtp, press_index, make_release, topic):
    response = subscribe(client, press_index, "leser@example.org", topics=[topic.pk])
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="leser@example.org")
    assert subscriber.confirmed_at is None
    [confirmation] = smtp.recorder.to("leser@example.org")
    assert "Pressemitteilungen" in confirmation["Subject"]
    assert confirmation.get_body(("html",)).get_content().startswith("<!DOCTYPE html>")

    # Nothing is sent before the confirmation.
    make_release(slug="vorher", title="Vor der Bestätigung", topics=[topic])
    run_worker_here()
    assert len(smtp.recorder.to("leser@example.org")) == 1

    confirmed = confirm(client, smtp, "leser@example.org")
    assert "bestätigt" in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert subscriber.consent_version and subscriber.consent_lists["topics"] == ["Digitales"]
    assert subscriber.ip_address is None

    release = make_release(
        slug="bald",
        title="Neues Bürgerportal",
        topics=[topic],
        body=[("paragraph", "<p>Ab heute online.</p>"), ("quote", QUOTE)],
    )
    make_release(slug="anderes", title="Anderes Thema")  # no topic: not on this list
    run_worker_here()
    [mail] = [m for m in smtp.recorder.to("leser@example.org") if m["Subject"] != confirmation["Subject"]]
    assert mail["Subject"] == "Neues Bürgerportal"
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Ab heute online." in text and "„Wir sind bereit.“" in text
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "de"
    assert soup.h1.get_text() == "Neues Bürgerportal"
    assert soup.find("blockquote").get_text(strip=True) == "Wir sind bereit."
    assert [m.get_text() for m in soup.select("[aria-hidden=true]")] == ["+++ ", " +++"]
    assert audit_html(html, rule_ids=MAIL_RULES).findings == []

    # The links work: the release, managing, and RFC 8058 one-click unsubscribe.
    links = links_in(mail)
    assert client.get(path_of(links["Die Mitteilung auf unserer Website"])).status_code == 200
    manage = client.get(path_of(links["Abonnement verwalten"]))
    assert "leser@example.org" in manage.content.decode()
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert unsubscribe == links["Von dieser Liste abmelden"]
    assert unsubscribe.startswith("http") and mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()  # erased with the subscriber

    make_release(slug="danach", title="Nach der Abmeldung", topics=[topic])
    run_worker_here()
    assert "Nach der Abmeldung" not in [m["Subject"] for m in smtp.recorder.messages]
    assert release.pk  # the release itself stays
