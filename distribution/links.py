"""Signed links: confirmation (expiring), managing and unsubscribing (until unsubscribed)."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from . import conf

SALT = "pressroom.distribution"
SUBSCRIBER, JOURNALIST = "s", "j"


def token(kind: str, key: str, purpose: str) -> str:
    return signing.dumps([kind, key], salt=f"{SALT}.{purpose}", compress=True)


def read(value: str, purpose: str) -> tuple[str, str] | None:
    """(kind, key) of a token made for `purpose`, or None; confirmation tokens expire."""
    max_age = conf.get("PRESSROOM_MAIL_CONFIRM_DAYS") * 86400 if purpose == "confirm" else None
    try:
        kind, key = signing.loads(value, salt=f"{SALT}.{purpose}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return kind, key


def url(root_url: str, view: str, kind: str, key: str, language: str) -> str:
    """An absolute link to one of our views in `language`."""
    purpose = "confirm" if view == "confirm" else "manage"
    with translation.override(language):
        path = reverse(f"pressroom_distribution:{view}", args=[token(kind, key, purpose)])
    return root_url.rstrip("/") + path
