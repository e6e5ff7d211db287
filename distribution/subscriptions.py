"""Subscribing, confirming, changing and erasing: plain functions the views call."""

import hashlib

from django.core.cache import cache

from . import conf
from .models import AccreditedJournalist, Subscriber


def over_rate_limit(*values: str) -> bool:
    """Count a request per e-mail address and per client; True once one is over the limit.

    Only hashes are kept, and only for the window (PRESSROOM_MAIL_RATE_WINDOW seconds).
    """
    window, limit = conf.get("PRESSROOM_MAIL_RATE_WINDOW"), conf.get("PRESSROOM_MAIL_RATE_LIMIT")
    over = False
    for value in values:
        key = "pressroom-mail-rate:" + hashlib.sha256(value.lower().encode()).hexdigest()
        cache.add(key, 0, window)
        try:
            over = cache.incr(key) > limit or over
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
    return over


def set_lists(subscriber, data):
    subscriber.language = data["language"]
    subscriber.all_releases = not (data.get("topics") or data.get("issuers"))
    subscriber.save()
    subscriber.topics.set(data.get("topics") or [])
    subscriber.issuers.set(data.get("issuers") or [])


def request(index, data, client_address, now) -> Subscriber:
    """A sign-up: a new or still unconfirmed entry gets the lists and consent text it was asked
    with; a confirmed subscriber's lists stay as they are (changes need the manage link)."""
    subscriber = Subscriber.objects.filter(index=index, email__iexact=data["email"]).first()
    if subscriber is None:
        subscriber = Subscriber(index=index, email=data["email"])
    if subscriber.is_confirmed:
        return subscriber
    subscriber.requested_at = now
    subscriber.consent_version = conf.get("PRESSROOM_MAIL_CONSENT_VERSION")
    if conf.get("PRESSROOM_MAIL_STORE_IP_ADDRESS"):
        subscriber.ip_address = client_address
    set_lists(subscriber, data)
    return subscriber


def confirm(subscriber, now):
    """Double opt-in completed: keep the proof of what was consented to, and when."""
    if not subscriber.is_confirmed:
        subscriber.confirmed_at = now
        subscriber.consent_lists = subscriber.list_names()
        subscriber.save(update_fields=["confirmed_at", "consent_lists"])


def change(subscriber, data, now):
    set_lists(subscriber, data)
    subscriber.consent_lists = {**subscriber.list_names(), "changed_at": now.isoformat()}
    subscriber.save(update_fields=["consent_lists"])


def find(kind: str, key: str):
    model = Subscriber if kind == "s" else AccreditedJournalist
    return model.objects.filter(key=key).first()


def erase(recipient) -> None:
    """Unsubscribing erases the entry with its consent record and deliveries."""
    if recipient is not None:
        recipient.delete()
