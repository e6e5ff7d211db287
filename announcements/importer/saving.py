"""Parsed releases → release pages: created or updated (matched by source), draft or live.

A new release is written with one page save: the page goes in as it will stay (live or draft),
its first revision is stored beside it and the page row points to it. Search and reference
indexing run once per batch (`Indexing`), not on every save.
"""

import hashlib
from contextlib import contextmanager, nullcontext
from io import BytesIO
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from .. import page_cache
from ..models import PressReleasePage
from .parsing import ParsedRelease


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stream_value(blocks):
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def taken_slugs(parent) -> set:
    """The slugs below `parent`: read once per import, then kept up to date by free_slug."""
    return set(parent.get_children().values_list("slug", flat=True))


def free_slug(title, taken: set) -> str:
    """A slug from `title` that no sibling has (`taken`, to which it is added)."""
    base = slugify(title)[:70] or "pressemitteilung"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def needs_photos(parsed: ParsedRelease) -> bool:
    """A gallery placeholder for photos still to come: such a release waits as a draft."""
    return any(kind == "image_gallery" and not value["images"] for kind, value in parsed.blocks)


def edited_since_import(page) -> bool:
    """Import revisions have no user; a revision by a person means an editor changed the page."""
    latest = page.latest_revision
    return latest is not None and latest.user_id is not None


def fill(page, parsed, issuer, source, digest):
    page.title = parsed.title
    page.release_date = parsed.release_date
    page.dateline = parsed.dateline
    page.issuer = issuer
    page.lead = parsed.lead
    page.body = stream_value(parsed.blocks)
    page.issuer_release_url = parsed.issuer_release_url
    page.legacy_source = source
    page.legacy_fingerprint = digest
    page.import_review_note = "\n".join(parsed.review_notes)


def known_sources(parent) -> dict:
    """{source: fingerprint} of the releases already imported below `parent`."""
    pages = PressReleasePage.objects.child_of(parent).exclude(legacy_source="")
    return dict(pages.values_list("legacy_source", "legacy_fingerprint"))


@transaction.atomic(savepoint=False)  # inside the caller's transaction: all or nothing anyway
def save_release(
    parsed, parent, issuer, source, digest, publish, keep_edits="skip", new=False, slugs=None
):
    """(outcome, page, live): outcome "created", "updated", "unchanged", "skipped (edited)" or
    "draft revision (edited)"; all or nothing per release.

    A page an editor changed since its import is never overwritten: it is skipped, or with
    keep_edits="revision" the new import becomes a draft revision beside the editor's version.
    new=True: the caller knows that nothing was imported from `source` yet. `slugs`: the slugs
    taken below `parent`, kept by a caller that saves many releases (else read here)."""
    pages = PressReleasePage.objects.child_of(parent)
    existing = None if new else pages.filter(legacy_source=source).first()
    go_live = publish and not needs_photos(parsed)
    if existing is None:
        slugs = taken_slugs(parent) if slugs is None else slugs
        page = create(parsed, parent, issuer, source, digest, go_live, slugs)
        return "created", page, go_live
    if existing.legacy_fingerprint == digest:
        return "unchanged", existing, existing.live
    edited = edited_since_import(existing)
    if edited and keep_edits != "revision":
        return "skipped (edited)", existing, existing.live
    fill(existing, parsed, issuer, source, digest)
    revision = existing.save_revision(clean=True)
    if edited:
        return "draft revision (edited)", existing, existing.live
    if go_live:
        revision.publish()
    return "updated", existing, existing.live or go_live


# Read from the database by the importer (the parent, its locale, the issuer) or set by Wagtail,
# and the tree fields that add_child sets: a new page's check need not ask about them.
CHECKED_ELSEWHERE = ["content_type", "locale", "index_page", "issuer", "path", "depth"]


def create(parsed, parent, issuer, source, digest, go_live, slugs):
    page = PressReleasePage(locale_id=parent.locale_id, slug=free_slug(parsed.title, slugs))
    page.index_page = parent  # known: the page's save need not look it up
    fill(page, parsed, issuer, source, digest)
    page.draft_title = page.title
    # Checked as Wagtail checks a live page (full_clean), in steps and 6 queries fewer: the
    # fields before the INSERT, a draft's too (a value the database would refuse is a clear
    # error, not a crash), without asking whether the known relations exist; the slug among
    # its siblings by the save (Wagtail checks a draft's title and slug); for a page to
    # publish, the release's rules across fields once add_child has placed it. Not asked: the
    # uniqueness of the tree path and translation key the save makes (the database's
    # constraints hold them). The page goes in as a draft and is made live in the UPDATE
    # below. All in the caller's transaction: a page that fails is not kept.
    page.live, page.has_unpublished_changes = False, True
    page.clean_fields(exclude=CHECKED_ELSEWHERE)
    parent.add_child(instance=page)  # the one save
    if go_live:
        page.clean_release()  # the slug was checked by the save (minimal_clean), just now
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = timezone.now()
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = revision
    page.live_revision = revision if go_live else None
    page.latest_revision_created_at = revision.created_at
    Page.objects.filter(pk=page.pk).update(  # all on Page's table: one UPDATE, no SELECT
        live=page.live,
        has_unpublished_changes=page.has_unpublished_changes,
        first_published_at=page.first_published_at,
        last_published_at=page.last_published_at,
        latest_revision=revision,
        live_revision=page.live_revision,
        latest_revision_created_at=revision.created_at,
        draft_title=page.title,
    )
    if go_live:  # the page's own save has logged "wagtail.create"
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=PressReleasePage, instance=page, revision=revision)
    return page


def audits_in_one_run():
    """With the accessibility app's audit on publish: the whole import audited as one run."""
    if not apps.is_installed("accessibility"):
        return nullcontext()
    from accessibility.on_publish import one_run  # an optional app: imported only if installed

    return one_run()


class Indexing:
    """Search and reference indexing of imported pages, in batches instead of on every save."""

    def __init__(self, batch=200):
        self.batch, self.pending = batch, {}

    @contextmanager
    def deferred(self):
        post_save.disconnect(post_save_signal_handler, sender=PressReleasePage)
        try:
            with (
                disable_reference_index_auto_update(),
                page_cache.one_invalidation(),
                audits_in_one_run(),
            ):
                yield self
            self.flush()
        finally:
            post_save.connect(post_save_signal_handler, sender=PressReleasePage)

    def add(self, page):
        self.pending[page.pk] = page
        if len(self.pending) >= self.batch:
            self.flush()

    @transaction.atomic  # one commit per batch
    def flush(self):
        if not self.pending:
            return
        pages = list(PressReleasePage.objects.filter(pk__in=self.pending))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(PressReleasePage, pages)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
        self.pending.clear()


def add_gallery(parsed: ParsedRelease, downloads):
    """Photos downloaded from the old page → Wagtail images and a gallery at the end of the body.

    `downloads` is [(Photo, bytes or None)]. The old alt text becomes the image's description
    and the photo's alternative text; a photo without one is imported all the same, its
    alternative text says that it is missing and the release gets a review note."""
    items = []
    for photo, data in downloads:
        name = unquote(urlsplit(photo.url).path.rsplit("/", 1)[-1]) or "foto.jpg"
        if data is None or not is_image(data):
            parsed.review_notes.append(
                _("Photo %(url)s could not be downloaded or read.") % {"url": photo.url}
            )
            continue
        if not photo.alt:
            parsed.review_notes.append(
                _("Photo “%(name)s” had no alternative text: describe what it shows.")
                % {"name": name}
            )
        image = get_image_model()(
            title=(photo.alt or photo.caption or name)[:255],
            description=photo.alt[:255],
            file=ImageFile(BytesIO(data), name=name),
        )
        image.save()
        items.append(
            {
                "image": image,
                "alt_text": photo.alt[:300] or _("Alternative text missing (imported)")[:300],
                "caption": (photo.caption or photo.alt or name)[:500],
                "credit": photo.credit[:200] or _("unknown (imported)"),
            }
        )
        if not photo.credit:
            parsed.review_notes.append(
                _("Photo “%(name)s” had no credit: enter the photographer.") % {"name": name}
            )
    if items:
        heading = "Photos" if parsed.language == "en" else "Fotos"
        parsed.blocks.append(
            ("image_gallery", {"heading": heading, "release_at": None, "images": items})
        )
    return len(items)


def is_image(data: bytes) -> bool:
    try:
        with PILImage.open(BytesIO(data)) as picture:
            picture.verify()
    except Exception:  # Pillow raises many kinds for a file that is no image
        return False
    return True
