"""Follow-up mails: a correction or the withdrawal of a release, sent when the editor chooses
"Publish and mail the correction or withdrawal", to everyone the release was sent to."""

from django.db import transaction

from . import tasks
from .models import Mailing


def about(release) -> tuple[str, object] | None:
    """What a follow-up of the live release tells: (kind, the newest correction or None)."""
    if release.withdrawn_at:
        return Mailing.WITHDRAWAL, None
    corrections = sorted(release.corrections.all(), key=lambda c: (c.corrected_at, c.pk))
    return (Mailing.CORRECTION, corrections[-1]) if corrections else None


def request(release, now) -> Mailing | None:
    """The editor chose to mail the correction or withdrawal just published: queue it, once.
    None when there is nothing new to mail (asking again for the same one sends nothing)."""
    follow_up = about(release)
    if follow_up is None:
        return None
    kind, correction = follow_up
    mailing, created = Mailing.objects.get_or_create(
        release=release, kind=kind, correction=correction, defaults={"send_at": now}
    )
    if not created:
        return None
    transaction.on_commit(lambda: tasks.schedule(mailing))
    return mailing
