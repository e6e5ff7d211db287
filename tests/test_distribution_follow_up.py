"""Follow-up mails for corrections and withdrawals, chosen by the editor when publishing: sent
to who received the release, through a real SMTP server (aiosmtpd) and the real task worker."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset

from accessibility.static import audit_html
from announcements.models import PressReleaseIndexPage, PressReleasePage
from distribution import follow_ups
from distribution.models import AccreditedJournalist, Delivery, Mailing, Subscriber
from tests.mail_server import header, run_worker_here
from tests.test_admin import add_url, release_form
from tests.test_distribution_mail import MAIL_RULES, links_in, path_of

TITLE = "Ministerin eröffnet Bürgerbüro"
BUTTON = "button[name=action-publish][value=pressroom-follow-up]"


def subscribe(index, *emails, language="de"):
    for email in emails:
        Subscriber.objects.create(
            index=index, email=email, language=language, confirmed_at=timezone.now()
        )


def edit(client, release, action, **changes):
    """Post the release's edit form as the editor sends it, pressing the button `action`."""
    existing = [
        {
            "id": c.pk,
            "corrected_at": f"{timezone.localtime(c.corrected_at):%Y-%m-%d %H:%M}",
            "note": c.note,
        }
        for c in release.corrections.all()
    ]
    new = changes.pop("new_corrections", [])
    form = release_form(
        release.issuer,
        corrections=inline_formset(existing + new, initial=len(existing)),
        **{"action-publish": action},
        **changes,
    )
    url = reverse("wagtailadmin_pages:edit", args=[release.pk])
    response = client.post(url, form, follow=True)
    assert response.status_code == 200
    return [str(m) for m in get_messages(response.wsgi_request)]


def mails_with(smtp, subject):
    return [m for m in smtp.recorder.messages if header(m, "Subject") == subject]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_correction_mailed_only_when_chosen_and_never_twice(
    client, editor_client, smtp, press_index, issuer
):
    subscribe(press_index, "anna@example.org", "ben@example.org")
    AccreditedJournalist.objects.create(name="Ida Presse", email="ida@example.org")
    response = editor_client.post(add_url(press_index), release_form(issuer))
    assert response.status_code == 302
    run_worker_here()
    assert sorted(smtp.recorder.recipients()) == ["anna@example.org", "ben@example.org"]
    subscribe(press_index, "spaet@example.org")  # subscribed after the release went out
    release = PressReleasePage.objects.get(slug="buergerbuero")

    # The editor sees the choice; the default "Publish" mails nothing.
    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[release.pk]))
    button = BeautifulSoup(page.content, "html.parser").select_one(BUTTON)
    assert button.get_text(strip=True) == "Veröffentlichen und Korrektur oder Rücknahme mailen"
    note = "Das Bürgerbüro öffnet am Dienstag, nicht am Montag."
    correction = {"corrected_at": "2026-03-29 09:30", "note": note}
    edit(editor_client, release, "publish", new_corrections=[correction])
    run_worker_here()
    assert len(smtp.recorder.messages) == 2
    assert not Mailing.objects.filter(kind=Mailing.CORRECTION).exists()

    # Chosen: everyone who received the release gets it, nobody else.
    messages = edit(editor_client, release, "pressroom-follow-up")
    assert "Die Folgemail geht an 2 Empfängerinnen und Empfänger der Mitteilung." in messages
    run_worker_here()
    subject = f"Korrektur: {TITLE}"
    mails = mails_with(smtp, subject)
    assert sorted(m["To"] for m in mails) == ["anna@example.org", "ben@example.org"]
    mail = mails[0]
    assert mail.get_content_type() == "multipart/alternative"
    assert header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    html = mail.get_body(("html",)).get_content()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "de" and soup.h1.get_text() == subject
    kind, intro = soup.select("article > p")[:2]
    assert kind.get_text(strip=True) == f"Pressemitteilung · {issuer.name}"
    assert intro.get_text(" ", strip=True) == (
        f"Wir haben unsere Pressemitteilung „{TITLE}“ vom 28. März 2026, 10:00 Uhr korrigiert."
    )
    assert intro.time["datetime"] == "2026-03-28T10:00:00+01:00"
    [heading] = soup.select("article h2:not(#press-contact-heading)")
    assert heading.get_text(" ", strip=True) == "Korrektur vom 29. März 2026, 09:30 Uhr"
    assert heading.find_next("p").get_text() == note
    assert audit_html(html, rule_ids=MAIL_RULES).findings == []
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Korrektur vom 29. März 2026, 09:30 Uhr:\n" + note in text
    link = links_in(mail)["Die korrigierte Mitteilung auf unserer Website"]
    assert link in text
    live = client.get(path_of(link)).content.decode()
    assert note in live  # the link leads to the corrected release

    # Choosing it again without a new correction sends nothing: nobody gets it twice.
    messages = edit(editor_client, release, "pressroom-follow-up")
    assert "Keine Folgemail: Es gibt keine neue Korrektur oder Rücknahme zu versenden." in messages
    run_worker_here()
    assert max(Counter(smtp.recorder.recipients()).values()) == 2  # the release, the correction
    log = Delivery.objects.filter(mailing__kind=Mailing.CORRECTION)
    assert sorted(log.values_list("email", "status")) == [
        ("anna@example.org", Delivery.SENT),
        ("ben@example.org", Delivery.SENT),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_withdrawal_in_the_release_language_to_who_received_it(client, smtp, home, issuer):
    english = Locale.objects.get(language_code="en")
    index = home.add_child(
        instance=PressReleaseIndexPage(title="Press", slug="press", locale=english)
    )
    subscribe(index, "reader@example.org", "gone@example.org", language="en")
    release = PressReleasePage(
        title="New citizens' office",
        slug="office",
        locale=english,
        release_date=timezone.now(),
        dateline="Munich",
        lead="The office opens on Monday.",
        issuer=issuer,
    )
    index.add_child(instance=release)
    release.save_revision().publish()
    run_worker_here()
    assert sorted(smtp.recorder.recipients()) == ["gone@example.org", "reader@example.org"]
    # The send log also says an accredited journalist had it under embargo.
    ida = AccreditedJournalist.objects.create(name="Ida Presse", email="ida@example.org")
    before = Mailing.objects.create(release=release, kind=Mailing.EMBARGO)
    Delivery.objects.create(mailing=before, journalist=ida, email=ida.email, status=Delivery.SENT)
    Subscriber.objects.get(email="gone@example.org").delete()  # unsubscribed since

    release = PressReleasePage.objects.get(pk=release.pk)
    release.withdrawn_at = timezone.now()
    release.withdrawal_reason = "The office stays closed until further notice."
    release.save_revision().publish()
    assert follow_ups.request(PressReleasePage.objects.get(pk=release.pk), timezone.now())
    run_worker_here()
    subject = "Withdrawn: New citizens' office"
    mails = mails_with(smtp, subject)
    assert sorted(m["To"] for m in mails) == ["ida@example.org", "reader@example.org"]
    html = mails[0].get_body(("html",)).get_content()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en" and soup.h1.get_text() == subject
    reason = soup.find("h2", string="Reason for the withdrawal").find_next("p")
    assert reason.get_text() == "The office stays closed until further notice."
    assert audit_html(html, rule_ids=MAIL_RULES).findings == []
    notice = client.get(path_of(links_in(mails[0])["The withdrawal notice on our website"]))
    assert "The office stays closed until further notice." in notice.content.decode()

    # Asked for again: nothing new, nobody gets it twice.
    assert follow_ups.request(PressReleasePage.objects.get(pk=release.pk), timezone.now()) is None
    run_worker_here()
    assert len(mails_with(smtp, subject)) == 2
