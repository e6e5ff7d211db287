"""The subscribe form and pages (accessible, spam-protected, rate-limited) and the admin."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accessibility.static import audit_html
from announcements.models import PressReleasePage, Topic
from distribution import links
from distribution.models import AccreditedJournalist, Delivery, Mailing, Subscriber
from distribution.sending import erase_old_records

NOW = timezone.now()


@pytest.fixture(autouse=True)
def in_menu(press_index):
    """The site's main menu (a <nav>) lists the press index, as on a real site."""
    press_index.show_in_menus = True
    press_index.save()


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Digitales", slug="digitales")


def form_page(client, index, prefix=""):
    response = client.get(f"{prefix}/presseverteiler/{index.pk}/")
    return response, BeautifulSoup(response.content, "html.parser")


def send(client, index, traveller, seconds=5, **fields):
    _, soup = form_page(client, index)
    traveller.shift(dt.timedelta(seconds=seconds))
    data = {
        "language": "de",
        "website": "",
        "token": soup.find("input", {"name": "token"})["value"],
    }
    return client.post(f"/presseverteiler/{index.pk}/", {**data, **fields})


def test_press_index_links_its_subscribe_page(client, press_index):
    index = BeautifulSoup(client.get(press_index.url).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in index.select(".feeds a")}
    assert list(links) == ["RSS-Feed", "Atom-Feed", "Pressemitteilungen per E-Mail"]
    page = client.get(links["Pressemitteilungen per E-Mail"])
    assert BeautifulSoup(page.content, "html.parser").find("input", {"name": "email"})


def test_subscribe_page_is_accessible(client, press_index, topic):
    response, soup = form_page(client, press_index)
    assert response.status_code == 200
    assert audit_html(response.content).findings == []
    email = soup.find("input", {"name": "email"})
    assert soup.find("label", {"for": email["id"]}).get_text(strip=True).startswith("Ihre E-Mail")
    legends = [legend.get_text(strip=True) for legend in soup("legend")]
    assert legends == ["Themen", "Herausgeber", "Sprache der Mitteilungen"]
    honeypot = soup.find("input", {"name": "website"})
    assert honeypot.find_parent(attrs={"aria-hidden": "true"}) and honeypot["tabindex"] == "-1"
    english, soup = form_page(client, press_index, prefix="/en")
    assert soup.html["lang"] == "en" and soup.find("input", {"value": "en"}).has_attr("checked")


def test_too_fast_and_invalid_show_the_error_summary(client, press_index):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = send(client, press_index, traveller, seconds=1, email="keine-adresse")
    assert response.status_code == 400
    summary = BeautifulSoup(response.content, "html.parser").find(id="error-summary")
    assert "Bitte prüfen Sie Ihre Angaben" in summary.get_text()
    assert summary.find("a", href="#id_email")
    assert audit_html(response.content).findings == []
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_honeypot_looks_successful_but_stores_nothing(client, press_index):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = send(client, press_index, traveller, email="bot@example.org", website="x")
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_rate_limit_per_address(client, settings, press_index):
    settings.PRESSROOM_MAIL_RATE_LIMIT = 2
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        codes = [
            send(client, press_index, traveller, email="a@example.org").status_code
            for _ in range(3)
        ]
    assert codes == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_confirmation_link_expires_and_unconfirmed_entries_are_erased(client, press_index):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        send(client, press_index, traveller, email="spaet@example.org")
        subscriber = Subscriber.objects.get()
        url = links.url("", "confirm", links.SUBSCRIBER, subscriber.key, "de")
        traveller.shift(dt.timedelta(days=8))
        assert client.post(url).status_code == 404
        assert erase_old_records(timezone.now()) == 1
    assert not Subscriber.objects.exists()


def test_manage_page_changes_the_lists(client, press_index, topic):
    subscriber = Subscriber.objects.create(
        index=press_index, email="l@example.org", language="de", confirmed_at=timezone.now()
    )
    url = links.url("", "manage", links.SUBSCRIBER, subscriber.key, "de")
    response = client.post(url, {"language": "en", "topics": [topic.pk]})
    assert "Ihre Auswahl wurde gespeichert." in response.content.decode()
    assert audit_html(response.content).findings == []
    subscriber.refresh_from_db()
    assert subscriber.language == "en" and not subscriber.all_releases
    assert subscriber.consent_lists["topics"] == ["Digitales"]
    assert client.get(url[:-2] + "x/").status_code == 404  # a forged link


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_list_search_export_counts_and_erase(admin_client, press_index, make_release, topic):
    for name in ["anna", "bert"]:
        subscriber = Subscriber.objects.create(
            index=press_index,
            email=f"{name}@example.org",
            language="de",
            confirmed_at=timezone.now(),
        )
    subscriber.topics.add(topic)
    mailing = Mailing.objects.get(release=make_release())  # made when it was published
    Delivery.objects.create(
        mailing=mailing, subscriber=subscriber, email=subscriber.email, status="sent"
    )
    base = "/admin/snippets/pressroom_distribution/subscriber/"
    listing = admin_client.get(base, {"q": "anna"}).content.decode()
    assert "anna@example.org" in listing and "bert@example.org" not in listing
    filtered = admin_client.get(base, {"topics": topic.pk}).content.decode()
    assert "bert@example.org" in filtered and "anna@example.org" not in filtered
    export = admin_client.get(base, {"export": "csv"})
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert sorted(row[0] for row in rows[1:]) == ["anna@example.org", "bert@example.org"]

    counts = admin_client.get("/admin/mailing-list/counts/").content.decode()
    counts_soup = BeautifulSoup(counts, "html.parser")
    row = counts_soup.find("th", string="Thema: Digitales").find_next("td")
    assert row.get_text() == "1"

    log = admin_client.get("/admin/snippets/pressroom_distribution/delivery/").content.decode()
    assert "bert@example.org" in log
    response = admin_client.post(f"{base}delete/{subscriber.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="bert@example.org").exists()
    assert not Delivery.objects.exists()  # delete = erase, the send log included


def test_editor_admits_a_journalist(admin_client):
    response = admin_client.post(
        "/admin/snippets/pressroom_distribution/accreditedjournalist/add/",
        {"name": "Ida Presse", "outlet": "Tagblatt", "email": "ida@example.org"},
    )
    assert response.status_code == 302
    journalist = AccreditedJournalist.objects.get()
    assert journalist.admitted_by.username == "admin"


def test_editor_schedules_a_pre_release_only_before_go_live(admin_client, press_index, issuer):
    go_live = timezone.localtime() + dt.timedelta(days=1)
    release = PressReleasePage(
        title="Geplant",
        slug="geplant",
        dateline="Ort",
        lead="Kurz.",
        issuer=issuer,
        go_live_at=go_live,
    )
    press_index.add_child(instance=release)
    release.save_revision().publish()
    url = "/admin/snippets/pressroom_distribution/prerelease/add/"
    late = (go_live + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(url, {"release": release.pk, "send_at": late})
    assert "Wählen Sie einen Zeitpunkt vor der Veröffentlichung." in response.content.decode()
    early = (go_live - dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M")
    assert admin_client.post(url, {"release": release.pk, "send_at": early}).status_code == 302
    pre_release = Mailing.objects.get(release=release)
    assert pre_release.kind == Mailing.EMBARGO
    assert timezone.localtime(pre_release.send_at).strftime("%Y-%m-%d %H:%M") == early
