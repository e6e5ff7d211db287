"""Release times: what is withheld now, until when, and how long a response may be cached.

Everything is decided at request time from the stored times (UTC in the database, naive
gallery times read in the site's zone), so photos appear on time without a cron job.
"""

import re
import uuid
from datetime import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

GALLERY = "image_gallery"
PROTECTED_NAME = re.compile(r"(^|/)pr-[0-9a-f]{32}\.[a-z0-9]+$")


def galleries(body):
    """The gallery values (GalleryValue) of a release body, in body order."""
    return [block.value for block in body if block.block_type == GALLERY]


def gallery_release_times(body) -> list[datetime]:
    """The release times of the galleries in a release body, in body order."""
    return [gallery.release_at for gallery in galleries(body) if gallery.release_at is not None]


def next_release_at(body, now: datetime | None = None) -> datetime | None:
    """The earliest gallery release time still ahead, or None when everything is released."""
    now = now or timezone.now()
    ahead = [moment for moment in gallery_release_times(body) if moment > now]
    return min(ahead, default=None)


def cache_seconds() -> int:
    return int(getattr(settings, "PRESSROOM_CACHE_SECONDS", 300))


def max_age(body, now: datetime | None = None) -> int:
    """Seconds a response showing `body` may be cached: never past the next release time."""
    now = now or timezone.now()
    upcoming = next_release_at(body, now)
    if upcoming is None:
        return cache_seconds()
    return max(0, min(cache_seconds(), int((upcoming - now).total_seconds())))


def images_of(gallery) -> list:
    return [item["image"] for item in gallery["images"] if item["image"] is not None]


def gallery_images(body) -> list:
    """Every image of every gallery in a body."""
    return [image for gallery in galleries(body) for image in images_of(gallery)]


def protected_file_name(name: str) -> str:
    """A random, unguessable file name in the same folder, keeping the extension."""
    path = PurePosixPath(name)
    return str(path.with_name(f"pr-{uuid.uuid4().hex}{path.suffix.lower()}"))


def has_protected_name(name: str) -> bool:
    return bool(PROTECTED_NAME.search(name))


def protect_image_file(image) -> bool:
    """Give an image's original an unguessable name and drop renditions named after the old one.

    Before this, anyone who knows the upload's file name could guess the original's URL and
    those of its renditions. Returns True when the file was renamed.
    """
    if not image.file or has_protected_name(image.file.name):
        return False
    storage = image.file.storage
    old_name = image.file.name
    with storage.open(old_name, "rb") as source:
        image.file.name = storage.save(protected_file_name(old_name), source)
    image.renditions.all().delete()  # deletes their files too
    image.save(update_fields=["file"])
    storage.delete(old_name)
    return True


def used_elsewhere(image, page) -> bool:
    """True when another page, snippet or setting refers to the image (Wagtail's reference
    index): its file name is known there already, and renaming the file would break their
    links and cached HTML."""
    references = ReferenceIndex.get_references_to(image).exclude(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    )
    return references.exists()


def protect_gallery_images(page) -> int:
    """Protect the file names of the gallery photos of a release that no other object uses;
    returns how many changed."""
    images = [image for image in gallery_images(page.body) if not used_elsewhere(image, page)]
    return sum(protect_image_file(image) for image in images)


def withheld_document(document, user) -> bool:
    """A document that only pages not yet public link to (a release before its go-live time, a
    draft) is withheld from everyone who may not edit one of them. Unused documents and those
    of live pages follow Wagtail's own rules (collection privacy)."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    pages = Page.objects.filter(
        pk__in=[int(pk) for pk in references.values_list("object_id", flat=True)]
    )
    if not pages or any(page.live for page in pages):
        return False
    return not any(page.permissions_for_user(user).can_edit() for page in pages)
