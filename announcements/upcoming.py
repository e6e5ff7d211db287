"""What is still under embargo: scheduled releases and withheld galleries, soonest first."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from wagtail.models import Revision

from . import embargo, rules


@dataclass
class Upcoming:
    at: datetime
    kind: str  # "release" or "gallery"
    page: object
    detail: str  # the gallery heading, or "" for a release
    photos: int = 0


def upcoming_releases(user=None, now=None) -> list[Upcoming]:
    """Everything with a release time ahead that `user` may edit (all when user is None)."""
    from .models import PressReleasePage

    now = now or timezone.now()
    items = []
    scheduled = Revision.page_revisions.filter(
        approved_go_live_at__gt=now,
        content_type__model="pressreleasepage",
        content_type__app_label="pressroom_announcements",
    ).select_related("content_type")
    for revision in scheduled:
        page = revision.content_object.specific
        items.append(Upcoming(revision.approved_go_live_at, "release", page, ""))
    withheld = PressReleasePage.objects.live().filter(galleries_release_until__gt=now)
    for page in withheld:
        for gallery in embargo.galleries(page.body):
            if rules.is_withheld(gallery.release_at, now):
                photos = len(gallery["images"])
                items.append(
                    Upcoming(gallery.release_at, "gallery", page, gallery["heading"], photos)
                )
    if user is not None:
        items = [item for item in items if item.page.permissions_for_user(user).can_edit()]
    return sorted(items, key=lambda item: item.at)
