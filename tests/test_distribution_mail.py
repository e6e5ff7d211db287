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
from distribution.models import AccreditedJournalist, Delivery, Mailing, PreRelease, Subscriber
from tests.conftest import berlin, gallery_block
from tests.mail_server import header, run_worker_here

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
EMBARGO_TIME = "25. November 2030, 18:00 Uhr"
QUOTE = {"text": "Wir sind bereit.", "speaker": "Dr. Eva Muster", "role": "Ministerin"}


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Digitales", slug="digitales")


def confirmed_subscriber(index, email):
    return Subscriber.objects.create(
        index=index, email=email, language="de", confirmed_at=timezone.now()
    )


def release_mails(smtp, subject):
    return [m for m in smtp.recorder.messages if header(m, "Subject") == subject]


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
def test_opt_in_release_mail_and_one_click_unsubscribe(
    client, smtp, press_index, make_release, topic
):
    response = subscribe(client, press_index, "leser@example.org", topics=[topic.pk])
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="leser@example.org")
    assert subscriber.confirmed_at is None
    [confirmation] = smtp.recorder.to("leser@example.org")
    assert "Pressemitteilungen" in header(confirmation, "Subject")
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
    [mail] = release_mails(smtp, "Neues Bürgerportal")
    assert header(mail, "Subject") == "Neues Bürgerportal"
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
    unsubscribe = header(mail, "List-Unsubscribe").strip("<>")
    assert unsubscribe == links["Von dieser Liste abmelden"]
    assert (
        unsubscribe.startswith("http")
        and header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    )
    one_click = client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()  # erased with the subscriber

    make_release(slug="danach", title="Nach der Abmeldung", topics=[topic])
    run_worker_here()
    assert "Nach der Abmeldung" not in [header(m, "Subject") for m in smtp.recorder.messages]
    assert release.pk  # the release itself stays


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_deliveries_retried_with_backoff_then_recorded(
    smtp, settings, press_index, make_release
):
    settings.PRESSROOM_MAIL_RETRY_SECONDS = 60
    for name in ["spaeter", "unbekannt", "gut"]:
        confirmed_subscriber(press_index, f"{name}@example.org")
    smtp.recorder.refuse["spaeter@example.org"] = ["451 4.3.0 Try again later"]
    smtp.recorder.refuse["unbekannt@example.org"] = ["550 5.1.1 No such user"]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        make_release(slug="eins", title="Mitteilung mit Umwegen")
        run_worker_here()
        assert smtp.recorder.recipients() == ["gut@example.org"]
        later = Delivery.objects.get(email="spaeter@example.org")
        assert (later.status, later.attempts) == (Delivery.PENDING, 1)
        assert later.next_attempt_at == start + dt.timedelta(seconds=60)
        unknown = Delivery.objects.get(email="unbekannt@example.org")
        assert unknown.status == Delivery.FAILED and "550" in unknown.error

        traveller.shift(dt.timedelta(seconds=30))  # not yet due
        run_worker_here()
        assert len(smtp.recorder.messages) == 1
        traveller.shift(dt.timedelta(seconds=31))
        run_worker_here()
    assert sorted(smtp.recorder.recipients()) == ["gut@example.org", "spaeter@example.org"]
    later.refresh_from_db()
    assert (later.status, later.attempts) == (Delivery.SENT, 2)
    assert Mailing.objects.get().finished_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pre_release_under_embargo_to_accredited_journalists(
    client, smtp, press_index, issuer, photo
):
    AccreditedJournalist.objects.create(
        name="Ida Presse", outlet="Tagblatt", email="ida@example.org"
    )
    confirmed_subscriber(press_index, "leser@example.org")
    go_live = berlin(2030, 11, 25, 18, 0)
    send_at = berlin(2030, 11, 25, 9, 0)
    with time_machine.travel(berlin(2030, 11, 24, 12, 0), tick=False) as traveller:
        release = PressReleasePage(
            title="Haushalt 2031",
            slug="haushalt",
            dateline="München",
            lead="Der Entwurf steht.",
            issuer=issuer,
            release_date=go_live,
            go_live_at=go_live,
            body=[("paragraph", "<p>Zahlen folgen.</p>"), gallery_block(photo)],
        )
        press_index.add_child(instance=release)
        release.save_revision().publish()
        pre = PreRelease(release=release, send_at=send_at)
        pre.full_clean()
        pre.save()
        run_worker_here()
        assert smtp.recorder.messages == []  # not before its time

        traveller.move_to(send_at + dt.timedelta(minutes=1))
        run_worker_here()
        [mail] = smtp.recorder.messages
        assert mail["To"] == "ida@example.org"
        assert header(mail, "Subject") == f"Sperrfrist: {EMBARGO_TIME} – Haushalt 2031"
        html = mail.get_body(("html",)).get_content()
        soup = BeautifulSoup(html, "html.parser")
        first = soup.main.p
        assert first.get_text(" ", strip=True).startswith(f"Sperrfrist: {EMBARGO_TIME}")
        assert first.time["datetime"] == "2030-11-25T18:00:00+01:00"
        assert soup.find("img") is None  # no photo address that works before the time
        assert "Die Fotos sind auf der Seite der Mitteilung verfügbar ab" in soup.get_text()
        assert links_in(mail)[f"Die Mitteilung auf unserer Website (online ab {EMBARGO_TIME})"]
        assert "Zahlen folgen." in mail.get_body(("plain",)).get_content()
        assert audit_html(html, rule_ids=MAIL_RULES).findings == []
        assert client.get("/presse/haushalt/").status_code == 404  # the public site: nothing yet
        delivery = Delivery.objects.get()
        assert delivery.journalist.email == "ida@example.org" and delivery.sent_at is not None

        traveller.move_to(go_live + dt.timedelta(minutes=1))
        call_command("publish_scheduled")
        run_worker_here()
    subjects = {m["To"]: header(m, "Subject") for m in smtp.recorder.messages}
    assert subjects == {
        "ida@example.org": f"Sperrfrist: {EMBARGO_TIME} – Haushalt 2031",
        "leser@example.org": "Haushalt 2031",
    }
    [public] = smtp.recorder.to("leser@example.org")
    images = BeautifulSoup(public.get_body(("html",)).get_content(), "html.parser")("img")
    assert [img["alt"] for img in images] == ["Die Ministerin schneidet ein Band durch."]
    assert images[0]["src"].startswith("http://testserver/")
