"""Sending a mailing: who gets it, claiming batches, delivering, retries, recovery.

Idempotent and crash-safe: every recipient has one Delivery row per mailing (unique), claimed
by one batch at a time; a mail is marked "sending" (committed) before it goes to the server and
"sent" right after, so a worker killed in between leaves one row per worker "sending", which
recovery records as "uncertain" instead of sending it again. Nobody gets a release twice.
"""

import logging
import smtplib
import time
import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from . import conf
from .messages import MailContent, mail_connection
from .models import AccreditedJournalist, Delivery, Mailing, Subscriber

logger = logging.getLogger(__name__)
OPEN = [Delivery.PENDING, Delivery.CLAIMED, Delivery.SENDING]
RECEIVED = [Delivery.SENT, Delivery.UNCERTAIN]  # an uncertain mail may have arrived


def matching_subscribers(release, went_live):
    """Subscribers of the release's index and language whose lists it matches, confirmed when
    it went live (a worker that catches up later does not mail old releases to newcomers)."""
    topic_ids = list(release.topics.values_list("pk", flat=True))
    lists = Q(all_releases=True) | Q(issuers=release.issuer_id) | Q(topics__in=topic_ids)
    return (
        Subscriber.objects.filter(
            index_id=release.get_parent().pk,
            language=release.locale.language_code,
            confirmed_at__lte=went_live,
        )
        .filter(lists)
        .distinct()
    )


def received(release):
    """The send log's deliveries of the release itself (at go-live or under embargo)."""
    return Delivery.objects.filter(
        mailing__release=release,
        mailing__kind__in=[Mailing.RELEASE, Mailing.EMBARGO],
        status__in=RECEIVED,
    )


def follow_up_rows(mailing):
    """One delivery per address the release was sent to, as subscriber or accredited journalist
    (unsubscribing erased the others' send log)."""
    rows = {}
    people = received(mailing.release).values_list("email", "subscriber_id", "journalist_id")
    for email, subscriber_id, journalist_id in people.order_by("pk"):
        rows.setdefault(
            email,
            Delivery(
                mailing=mailing,
                email=email,
                subscriber_id=subscriber_id,
                journalist_id=journalist_id,
            ),
        )
    return list(rows.values())


def recipient_rows(mailing):
    if mailing.kind in Mailing.FOLLOW_UPS:
        return follow_up_rows(mailing)
    if mailing.kind == Mailing.EMBARGO:
        people = AccreditedJournalist.objects.values_list("pk", "email")
        return [Delivery(mailing=mailing, journalist_id=pk, email=email) for pk, email in people]
    people = matching_subscribers(mailing.release, mailing.send_at).values_list("pk", "email")
    return [Delivery(mailing=mailing, subscriber_id=pk, email=email) for pk, email in people]


def may_send(mailing, now) -> bool:
    """At go-live only when live; under embargo only at its time and while not yet live; a
    correction while live and not withdrawn; a withdrawal once withdrawn."""
    release = mailing.release
    if mailing.kind == Mailing.WITHDRAWAL:
        return release.withdrawn_at is not None
    if release.withdrawn_at:
        return False
    if mailing.kind == Mailing.EMBARGO:
        return mailing.send_at <= now and not release.live
    if mailing.kind == Mailing.CORRECTION:
        return release.live
    return release.live and not release.get_view_restrictions().exists()


def start(mailing_id: int, now) -> int:
    """Write down the recipients once (a second start adds nothing); returns how many."""
    mailing = Mailing.objects.select_related("release").get(pk=mailing_id)
    if mailing.started_at or not may_send(mailing, now):
        return 0
    Delivery.objects.bulk_create(recipient_rows(mailing), batch_size=1000, ignore_conflicts=True)
    Mailing.objects.filter(pk=mailing_id, started_at__isnull=True).update(started_at=now)
    erase_old_records(now)
    return mailing.deliveries.filter(status=Delivery.PENDING).count()


def due(mailing_id: int, now):
    return Delivery.objects.filter(
        mailing_id=mailing_id, status=Delivery.PENDING, next_attempt_at__lte=now
    )


def claim(mailing_id: int, now) -> tuple[str, list]:
    """Claim up to a batch of due deliveries for this worker (safe with several workers).

    The status condition of the UPDATE makes a claim exclusive on every database; PostgreSQL
    also skips rows another worker is claiming. (SQLite: no read-then-write transaction, which
    would fail at once with "database is locked" when two workers claim together.)
    """
    token = uuid.uuid4().hex
    rows = due(mailing_id, now).order_by("pk").values_list("pk", flat=True)
    size = conf.get("PRESSROOM_MAIL_BATCH_SIZE")
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(rows.select_for_update(skip_locked=True)[:size])
            due(mailing_id, now).filter(pk__in=ids).update(
                status=Delivery.CLAIMED, claim=token, claimed_at=now
            )
    else:
        ids = list(rows[:size])
        due(mailing_id, now).filter(pk__in=ids).update(
            status=Delivery.CLAIMED, claim=token, claimed_at=now
        )
    batch = Delivery.objects.filter(claim=token, status=Delivery.CLAIMED)
    return token, list(batch.select_related("subscriber", "journalist"))


def is_permanent(error: Exception) -> bool:
    if not isinstance(error, OSError):  # e.g. an address the server cannot take at all
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def record_failure(delivery, error, now):
    attempts = delivery.attempts + 1
    give_up = is_permanent(error) or attempts >= conf.get("PRESSROOM_MAIL_MAX_ATTEMPTS")
    delay = conf.get("PRESSROOM_MAIL_RETRY_SECONDS") * 2 ** (attempts - 1)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.FAILED if give_up else Delivery.PENDING,
        attempts=attempts,
        next_attempt_at=now + timedelta(seconds=delay),
        claim="",
        error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.warning("Delivery %s failed (attempt %s): %s", delivery.pk, attempts, error)


class Throttle:
    """At most PRESSROOM_MAIL_RATE_PER_SECOND mails per second from this worker (0: no limit)."""

    def __init__(self):
        rate = conf.get("PRESSROOM_MAIL_RATE_PER_SECOND")
        self.interval = 1 / rate if rate else 0
        self.next_at = time.monotonic()

    def wait(self):
        if self.interval:
            pause = self.next_at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self.next_at = max(self.next_at, time.monotonic()) + self.interval


def deliver(batch, token, content, throttle) -> int:
    sent = 0
    with mail_connection() as connection:
        for delivery in batch:
            message = content.message(delivery)
            marked = Delivery.objects.filter(pk=delivery.pk, claim=token, status=Delivery.CLAIMED)
            if not marked.update(status=Delivery.SENDING, claimed_at=timezone.now()):
                continue  # erased (unsubscribed) since the claim
            throttle.wait()
            try:
                connection.send_messages([message])
            except Exception as error:  # recorded, and the batch goes on
                record_failure(delivery, error, timezone.now())
                connection.close()  # the next message opens a fresh connection
            else:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1
                )
                sent += 1
    return sent


def send_batches(mailing_id: int) -> tuple[int, object]:
    """Send due deliveries batch by batch; returns (mails sent, when the next retry is due)."""
    recover(conf.get("PRESSROOM_MAIL_CLAIM_TIMEOUT"), timezone.now())
    mailing = Mailing.objects.select_related("release").get(pk=mailing_id)
    content, throttle, sent = MailContent(mailing), Throttle(), 0
    while True:
        token, batch = claim(mailing_id, timezone.now())
        if batch:
            sent += deliver(batch, token, content, throttle)
        elif not due(mailing_id, timezone.now()).exists():
            break  # (an empty claim with mails still due: another worker was faster)
    waiting = mailing.deliveries.filter(status=Delivery.PENDING)
    if not mailing.deliveries.filter(status__in=OPEN).exists():
        Mailing.objects.filter(pk=mailing_id, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
    return sent, waiting.aggregate(at=Min("next_attempt_at"))["at"]


def recover(stale_after: float, now) -> list[int]:
    """Release batches claimed longer ago than `stale_after` seconds (their worker died).

    Claimed mails not yet handed to the server go back to the queue; a mail that was being
    sent may or may not have arrived: it is recorded as uncertain, never sent again.
    Returns the mailings that still have mails to send.
    """
    cutoff = now - timedelta(seconds=stale_after)
    stale = Delivery.objects.filter(claimed_at__lt=cutoff)
    stale.filter(status=Delivery.CLAIMED).update(status=Delivery.PENDING, claim="")
    stale.filter(status=Delivery.SENDING).update(
        status=Delivery.UNCERTAIN, error="The worker stopped while this mail was being sent."
    )
    pending = Delivery.objects.filter(status=Delivery.PENDING, mailing__finished_at__isnull=True)
    return sorted(set(pending.values_list("mailing_id", flat=True)))


def erase_old_records(now) -> int:
    """Erase the record of deliveries after PRESSROOM_MAIL_LOG_DAYS and expired sign-ups."""
    log_cutoff = now - timedelta(days=conf.get("PRESSROOM_MAIL_LOG_DAYS"))
    confirm_cutoff = now - timedelta(days=conf.get("PRESSROOM_MAIL_CONFIRM_DAYS"))
    erased, _ = (
        Delivery.objects.filter(mailing__finished_at__lt=log_cutoff).exclude(status__in=OPEN)
    ).delete()
    unconfirmed, _ = Subscriber.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=confirm_cutoff
    ).delete()
    return erased + unconfirmed
