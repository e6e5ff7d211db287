"""The photo lock: withheld gallery photos live where no web server serves them.

A photo of a gallery whose release time is ahead, or of a release scheduled to go live later, is
moved out of the image model's storage into the locked storage (the `pressroom_locked` entry of
STORAGES, else the folder PRESSROOM_LOCKED_MEDIA_ROOT, by default `pressroom-locked` beside
MEDIA_ROOT); its renditions are deleted. Until the time nothing public has the bytes: not the
media URL, no rendition, not Wagtail's images API. Editors see the photos through signed preview
URLs only (preview_photos).

From the time on, the first request that needs a photo moves it back: its release page, the API,
a media URL that the web server hands to `serve_media`, or the purge command run by cron. No job
is needed for correctness; the job only makes it happen without a visitor.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from .embargo import GALLERY, galleries, images_of, protect_gallery_images

try:  # Wagtail 7.1+
    from wagtail.permissions import policy_registry
except ImportError:  # Wagtail 7.0
    policy_registry = None

STORAGE_ALIAS = "pressroom_locked"


def image_policy():
    """Wagtail's permission policy of the image model (collection permissions)."""
    if policy_registry is not None:
        return policy_registry.get_by_type(get_image_model())
    from wagtail.images import permissions  # its policy is set when the app is ready

    return permissions.permission_policy


def locked_root() -> Path:
    configured = getattr(settings, "PRESSROOM_LOCKED_MEDIA_ROOT", None)
    return Path(configured or Path(settings.MEDIA_ROOT).parent / "pressroom-locked")


def locked_storage():
    """Where locked photos are kept: STORAGES["pressroom_locked"] or a private folder."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    return FileSystemStorage(location=locked_root())


def _lock_model():
    from .models import PhotoLock

    return PhotoLock


def wanted_locks(page, now: dt.datetime) -> dict[int, dt.datetime]:
    """image id → until when: the photos of `page` (as given, e.g. a revision) to lock now."""
    scheduled = page.go_live_at if page.go_live_at and not page.live else None
    wanted = {}
    for gallery in galleries(page.body):
        until = max(filter(None, [gallery.release_at, scheduled]), default=None)
        if until is None or until <= now:
            continue
        for image in images_of(gallery):
            wanted[image.pk] = max(until, wanted.get(image.pk, until))
    return wanted


def _delete_renditions(image):
    for rendition in image.renditions.all():
        rendition.file.storage.delete(rendition.file.name)
    image.renditions.all().delete()


def move(name: str, source, target) -> str:
    """Move a file between storages; returns its name in the target (the same unless taken)."""
    if not source.exists(name):
        return name
    new_name = name
    if not target.exists(name):
        with source.open(name, "rb") as content:
            new_name = target.save(name, content)
    source.delete(name)
    return new_name


def lock_image(image, page, until: dt.datetime):
    """Lock one photo for `page` until `until`: original to the locked storage, renditions gone."""
    PhotoLock = _lock_model()
    with transaction.atomic():
        lock = PhotoLock.objects.select_for_update().filter(image=image).first()
        if lock is not None:
            if lock.page_id == page.pk and lock.until != until:
                lock.until = until
                lock.save(update_fields=["until"])
            return lock
        image.get_file_size()  # stored now: the download link states it while the file is away
        lock = PhotoLock.objects.create(
            image=image, page_id=page.pk, until=until, file_name=image.file.name
        )
        move(image.file.name, image.file.storage, locked_storage())
        _delete_renditions(image)
    return lock


def restore(lock):
    """Give a lock's photo back to the public storage (or drop it, if the image is gone).
    Connected to the lock's post_delete, so deleting a lock in any way releases its photo."""
    image = get_image_model().objects.filter(pk=lock.image_id).first()
    locked = locked_storage()
    if image is None:
        locked.delete(lock.file_name)
        return
    new_name = move(lock.file_name, locked, image.file.storage)
    if new_name != image.file.name:
        image.file.name = new_name
        image.save(update_fields=["file"])


def unlock(queryset) -> int:
    """Release the locks of `queryset` (rows locked against a parallel release)."""
    released = 0
    with transaction.atomic():
        for lock in queryset.select_for_update():
            lock.delete()  # post_delete → restore()
            released += 1
    return released


def release_due(now: dt.datetime | None = None, **filters) -> int:
    """Release every lock whose time has come (optionally only those matching `filters`)."""
    due = _lock_model().objects.filter(until__lte=now or timezone.now(), **filters)
    return unlock(due) if due.exists() else 0  # a page view: one plain query, no transaction


def block_types(raw_body) -> set[str]:
    """The top-level block types of a stored StreamField body (a JSON string or a list)."""
    if isinstance(raw_body, str):
        raw_body = json.loads(raw_body or "[]")
    return {block.get("type") for block in raw_body or ()}


def may_need_sync(release_id, revision_content: dict, stored_body, holds_locks=None) -> bool:
    """False when neither the new revision nor the stored page (its raw body) has a gallery and
    the release holds no lock (`holds_locks`, when the caller knows it): syncing would change
    nothing (an import of text releases skips it)."""
    bodies = [revision_content.get("body"), stored_body]
    if any(GALLERY in block_types(body) for body in bodies):
        return True
    if holds_locks is None:
        holds_locks = holds_locks_query(release_id).exists()
    return holds_locks


def holds_locks_query(release_id):
    return _lock_model().objects.filter(page_id=release_id)


def sync(release, newest=None, now: dt.datetime | None = None) -> None:
    """Make the locks of a release match what its live content (`release`, as stored) and its
    newest revision (`newest`, by default the latest revision's object) need."""
    if not release.pk:
        return
    now = now or timezone.now()
    newest = newest or release.get_latest_revision_as_object()
    protect_gallery_images(newest)  # unguessable names, before anything can be withheld
    wanted = {}
    for content in [newest, release] if release.live else [newest]:
        for image_id, until in wanted_locks(content, now).items():
            wanted[image_id] = max(until, wanted.get(image_id, until))
    PhotoLock = _lock_model()
    unlock(PhotoLock.objects.filter(page_id=release.pk).exclude(image_id__in=wanted))
    for image in get_image_model().objects.filter(pk__in=wanted):
        lock_image(image, release, wanted[image.pk])


def public_items(items, now: dt.datetime | None = None, locks: dict | None = None) -> list:
    """The gallery items a visitor may see now: their photos' due locks released first, a
    photo still locked (for another release) or deleted left out. One query when none is due,
    none when `locks` (lock_times() of at least these photos) is given."""
    now = now or timezone.now()
    items = [item for item in items if item["image"] is not None]
    if locks is None:
        locks = lock_times([item["image"] for item in items])
    if any(until <= now for until in locks.values()):
        release_due(now, image_id__in=list(locks))
    return [item for item in items if locks.get(item["image"].pk, now) <= now]


def active_locks(now: dt.datetime | None = None):
    return _lock_model().objects.filter(until__gt=now or timezone.now())


def without_locked(images, now: dt.datetime | None = None):
    """An image queryset without the photos locked at `now`."""
    return images.exclude(pk__in=active_locks(now).values("image_id"))


def locks_of(images) -> dict:
    """image id → its lock, for those of `images` that are locked."""
    locks = _lock_model().objects.filter(image_id__in=[image.pk for image in images])
    return {lock.image_id: lock for lock in locks}


def lock_times(images) -> dict:
    """image id → until when it is locked, for those of `images` that are locked."""
    locks = _lock_model().objects.filter(image_id__in=[image.pk for image in images])
    return dict(locks.values_list("image_id", "until"))


def lock_of(image):
    return _lock_model().objects.filter(image_id=image.pk).first()


def open_original(image):
    """The original's bytes, wherever they are now (for the signed editor preview)."""
    lock = lock_of(image)
    if lock is not None:
        return locked_storage().open(lock.file_name, "rb")
    return image.file.storage.open(image.file.name, "rb")
