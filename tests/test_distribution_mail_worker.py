"""Sending at go-live by the worker process: never before, never twice, also after a kill."""

import datetime as dt
import signal
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from announcements.models import PressReleasePage
from distribution.models import Delivery, Mailing, Subscriber
from tests.mail_server import header, run_worker, wait_for, worker


def subscribers(index, count, language="de"):
    Subscriber.objects.bulk_create(
        Subscriber(
            index=index,
            email=f"{language}-leser{n}@example.org",
            language=language,
            confirmed_at=timezone.now(),
            consent_version="test",
            key=f"key-{language}-{n}",
        )
        for n in range(count)
    )
    return [f"{language}-leser{n}@example.org" for n in range(count)]


def scheduled_release(press_index, issuer, go_live_at):
    release = PressReleasePage(
        title="Geplante Mitteilung",
        slug="geplant",
        dateline="München",
        lead="Kommt später.",
        issuer=issuer,
        release_date=go_live_at,
        go_live_at=go_live_at,
    )
    press_index.add_child(instance=release)
    release.save_revision().publish()
    return PressReleasePage.objects.get(pk=release.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sent_at_go_live_by_the_scheduler_never_before(client, smtp, press_index, issuer):
    readers = subscribers(press_index, 3)
    subscribers(press_index, 2, language="en")  # an English list: a German release is not theirs
    go_live = timezone.now() + dt.timedelta(hours=2)
    release = scheduled_release(press_index, issuer, go_live)
    assert not release.live

    # Scheduling sends Wagtail's page_published signal already: nothing may go out.
    call_command("publish_scheduled")
    run_worker(smtp.port)
    assert smtp.recorder.messages == []
    assert client.get(release.url_path.replace("/home", "", 1)).status_code == 404

    with time_machine.travel(go_live + dt.timedelta(minutes=1)):
        call_command("publish_scheduled")
    release.refresh_from_db()
    assert release.live
    run_worker(smtp.port)
    assert sorted(smtp.recorder.recipients()) == sorted(readers)
    assert {header(m, "Subject") for m in smtp.recorder.messages} == {"Geplante Mitteilung"}

    # Publishing an edit later sends nothing again.
    release.save_revision().publish()
    run_worker(smtp.port)
    assert len(smtp.recorder.messages) == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_worker_restarted_nobody_gets_it_twice(smtp, press_index, make_release):
    readers = subscribers(press_index, 120)
    smtp.recorder.delay = 0.03  # a slow server: the kill lands in the middle of a batch
    make_release(slug="jetzt", title="Mitteilung für alle")
    mailing = Mailing.objects.get(release__slug="jetzt")

    process = worker(smtp.port, PRESSROOM_MAIL_BATCH_SIZE="25")
    wait_for(lambda: len(smtp.recorder.messages) >= 40)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    before_restart = len(smtp.recorder.messages)
    assert before_restart < len(readers)

    call_command("resume_mailings", "--stale-after", "0")
    run_worker(smtp.port, PRESSROOM_MAIL_BATCH_SIZE="25")

    received = Counter(smtp.recorder.recipients())
    assert max(received.values()) == 1  # nobody twice
    statuses = Counter(mailing.deliveries.values_list("status", flat=True))
    uncertain = set(
        mailing.deliveries.filter(status=Delivery.UNCERTAIN).values_list("email", flat=True)
    )
    assert statuses[Delivery.SENT] + statuses[Delivery.UNCERTAIN] == len(readers)
    assert len(uncertain) <= 1  # at most the one mail the worker was handing over
    assert set(received) | uncertain == set(readers)  # nobody lost without a record
    print(f"killed after {before_restart} mails; after restart: {dict(statuses)}")
