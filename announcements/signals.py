"""Signal handlers: unguessable image file names, photo locks, page-cache generations, CDN
purges."""

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache, photo_lock, renditions
from .embargo import has_protected_name, protected_file_name


def protect_new_image_file_name(sender, instance, **kwargs):
    """An upload's file name ("minister-18uhr.jpg") would make its URL guessable: replace it."""
    if not getattr(settings, "PRESSROOM_PROTECT_IMAGE_FILE_NAMES", True):
        return
    file = instance.file
    if file and not file._committed and not has_protected_name(file.name):
        file.name = protected_file_name(file.name)


def lock_photos_of_revision(sender, instance, created=False, **kwargs):
    """Every new revision of a release (admin, import, API, scheduler) re-decides its locks."""
    release_model = apps.get_model("pressroom_announcements", "PressReleasePage")
    if not created or not issubclass(instance.content_type.model_class() or object, release_model):
        return
    releases = release_model.objects.filter(pk=instance.object_id)
    locks = photo_lock.holds_locks_query(OuterRef("pk"))
    # The stored body and whether it holds locks in one query; the page itself only if needed.
    stored = releases.values_list("body", Exists(locks)).first()
    if stored is None or not photo_lock.may_need_sync(
        instance.object_id, instance.content, list(stored[0].raw_data), stored[1]
    ):
        return
    release = releases.first()
    if release is not None:
        photo_lock.sync(release, newest=instance.as_object())


def lock_photos_of_published(sender, instance, **kwargs):
    if isinstance(instance, apps.get_model("pressroom_announcements", "PressReleasePage")):
        revision = instance.latest_revision  # what sync() compares with the live content
        stored = list(instance.body.raw_data)
        if revision is None or photo_lock.may_need_sync(instance.pk, revision.content, stored):
            photo_lock.sync(instance)


def restore_locked_photo(sender, instance, **kwargs):
    photo_lock.restore(instance)


def invalidate_on_change(sender, created=False, **kwargs):
    """A new issuer, topic or footer-link setting shows nowhere until used: only changes count."""
    if created and sender is not Site:
        return
    page_cache.invalidate()


def invalidate_on_publishing(sender, instance, **kwargs):
    """A release: only its own pages and those showing it. Any other page: the whole site
    (a menu, a link list or another page type's listing may show it)."""
    from .models import PressReleasePage

    if issubclass(instance.specific_class, PressReleasePage):
        page_cache.invalidate_page_and_dependants(instance)
        if instance.live:
            renditions.create_ahead(instance.specific)
    else:
        page_cache.invalidate()


def follow_move(sender, instance, parent_page_after=None, **kwargs):
    """A moved release lists under its new index; every cached page may show it."""
    from .models import PressReleasePage

    if issubclass(instance.specific_class, PressReleasePage):
        PressReleasePage.objects.filter(pk=instance.pk).update(index_page=parent_page_after.pk)
    page_cache.invalidate()


def purge_index_of_release(sender, instance, **kwargs):
    """With Wagtail's frontend cache, a published release also purges its index and feeds."""
    from .frontend_cache import purge_index_of

    purge_index_of(instance)


def connect():
    post_save.connect(lock_photos_of_revision, sender=Revision, dispatch_uid="pressroom-lock-rev")
    page_published.connect(lock_photos_of_published, dispatch_uid="pressroom-lock-published")
    post_delete.connect(
        restore_locked_photo,
        sender=apps.get_model("pressroom_announcements", "PhotoLock"),
        dispatch_uid="pressroom-lock-restore",
    )
    pre_save.connect(
        protect_new_image_file_name, sender=get_image_model(), dispatch_uid="pressroom-image-name"
    )
    page_published.connect(invalidate_on_publishing, dispatch_uid="pressroom-cache-published")
    page_unpublished.connect(invalidate_on_publishing, dispatch_uid="pressroom-cache-unpublished")
    post_page_move.connect(follow_move, dispatch_uid="pressroom-cache-moved")
    post_delete.connect(page_cache.invalidate, sender=Page, dispatch_uid="pressroom-cache-page")
    senders = [Site, apps.get_model("pressroom_announcements", "Issuer")]
    senders.append(apps.get_model("pressroom_announcements", "Topic"))
    if apps.is_installed("legal_pages"):
        senders.append(apps.get_model("pressroom_legal_pages", "LegalLinks"))
    for sender in senders:
        uid = f"pressroom-cache-{sender._meta.label_lower}"
        post_save.connect(invalidate_on_change, sender=sender, dispatch_uid=uid + "-save")
        post_delete.connect(page_cache.invalidate, sender=sender, dispatch_uid=uid + "-delete")
    page_published.connect(purge_index_of_release, dispatch_uid="pressroom-purge-index")
    page_unpublished.connect(purge_index_of_release, dispatch_uid="pressroom-purge-index-unpub")
