"""Parsed releases → release pages: created or updated (matched by source), draft or live."""

import hashlib

from django.db import transaction
from django.utils.text import slugify
from wagtail.rich_text import RichText

from ..models import PressReleasePage
from .parsing import ParsedRelease


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stream_value(blocks):
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def free_slug(parent, title, own_pk=None):
    base = slugify(title)[:70] or "pressemitteilung"
    slug, number = base, 1
    siblings = parent.get_children().exclude(pk=own_pk) if own_pk else parent.get_children()
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def save_release(parsed: ParsedRelease, parent, issuer, source: str, digest: str, publish: bool):
    """(what happened, page): "created", "updated" or "unchanged"; all or nothing per release."""
    existing = PressReleasePage.objects.child_of(parent).filter(legacy_source=source).first()
    if existing is not None and existing.legacy_fingerprint == digest:
        return "unchanged", existing
    page = existing or PressReleasePage(locale=parent.locale)
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
    if existing is None:
        page.slug = free_slug(parent, parsed.title)
        page.live = False
        parent.add_child(instance=page)
    revision = page.save_revision(clean=True)
    if publish and not needs_photos(parsed):
        revision.publish()
    return ("updated" if existing else "created"), page


def needs_photos(parsed: ParsedRelease) -> bool:
    """A gallery placeholder from a photo hint has no photos yet: such a release stays a draft."""
    return any(kind == "image_gallery" and not value["images"] for kind, value in parsed.blocks)
