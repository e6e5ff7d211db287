"""Withheld gallery photos in editors' previews, behind login and page permissions.

A preview shows withheld photos through signed URLs under /admin/: anonymous visitors are sent
to the login (like every admin URL), people who may not edit the page get a 404, and the
response is never cached. The public page never links a withheld photo at all.
"""

from django.core import signing
from django.http import FileResponse, Http404
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page

SALT = "pressroom.announcements.preview-photo"
PREVIEW_SPEC = "max-800x600"
ORIGINAL = "original"
MAX_AGE = 24 * 3600  # a copied preview link stops working after a day


def preview_photo_url(page, image, spec=PREVIEW_SPEC) -> str:
    """Signed admin URL of a photo for a preview of `page` (or, unsaved, of its parent)."""
    owner = page.pk or page.get_parent().pk  # a preview in the create view: not saved yet
    token = signing.dumps({"page": owner, "image": image.pk, "spec": spec}, salt=SALT)
    return reverse("pressroom_preview_photo", args=[token])


def _can_preview(user, page_pk) -> bool:
    page = Page.objects.filter(pk=page_pk).first()
    if page is None:
        return False
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_add_subpage()


def serve_preview_photo(request, token):
    try:
        claim = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    if claim["spec"] not in (PREVIEW_SPEC, ORIGINAL) or not _can_preview(
        request.user, claim["page"]
    ):
        raise Http404
    image = get_image_model().objects.filter(pk=claim["image"]).first()
    if image is None:
        raise Http404
    file = image.file if claim["spec"] == ORIGINAL else image.get_rendition(claim["spec"]).file
    response = FileResponse(file.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response
