"""Mail a release when it goes live: Wagtail's page_published, also sent by publish_scheduled.

Wagtail sends page_published also when an editor schedules a release for later (the page is
not live then): only a release that is live counts, and only its first publication (an edit or
a re-publication sends nothing, and neither do imported releases).
"""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from announcements.models import PressReleasePage

from . import tasks
from .models import Mailing, PreRelease


def is_first_publication(release) -> bool:
    return (
        release.live
        and not release.legacy_source
        and release.first_published_at == release.last_published_at
    )


def mail_release(sender, instance, **kwargs):
    if not is_first_publication(instance):
        return
    mailing, created = Mailing.objects.get_or_create(release=instance, kind=Mailing.RELEASE)
    if created:
        transaction.on_commit(lambda: tasks.schedule(mailing))


def schedule_pre_release(sender, instance, **kwargs):
    """An editor's pre-release under embargo: queued for its time (again when it changes; the
    task sends only once, at the time then stored)."""
    if instance.started_at is None:
        transaction.on_commit(lambda: tasks.schedule(instance))


def connect():
    page_published.connect(mail_release, sender=PressReleasePage, dispatch_uid="pressroom-mail")
    post_save.connect(schedule_pre_release, sender=PreRelease, dispatch_uid="pressroom-premail")
