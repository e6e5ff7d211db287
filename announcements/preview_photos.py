"""Withheld gallery photos in editors' previews, behind login, page and image permissions.

A preview shows withheld photos through signed URLs under /admin/: anonymous visitors are sent
to the login (like every admin URL); a photo is served only to someone who may edit the page and
either the photo is locked for that very page or they may choose the photo in the image library
(so an editor cannot preview another issuer's photo by putting its id into a gallery). The
response is never cached. The public page never links a withheld photo at all.
"""

from io import BytesIO

from django.core import signing
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page

from . import photo_lock
from .photo_lock import image_policy

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


def may_see_photo(user, page_pk, image) -> bool:
    """The photo is locked for this page, or free and choosable by the user; never a photo
    locked for another release."""
    lock = photo_lock.lock_of(image)
    if lock is not None:
        return lock.page_id == page_pk
    return image_policy().user_has_permission_for_instance(user, "choose", image)


def resized(image, spec) -> HttpResponse:
    """The preview size, made from the original in memory: nothing is stored anywhere."""
    width, height = (int(side) for side in spec.removeprefix("max-").split("x"))
    with photo_lock.open_original(image) as original:
        picture = PillowImage.open(original)
        picture.thumbnail((width, height))
        output = BytesIO()
        picture.convert("RGB").save(output, "JPEG", quality=85)
    return HttpResponse(output.getvalue(), content_type="image/jpeg")


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
    if image is None or not may_see_photo(request.user, claim["page"], image):
        raise Http404
    if claim["spec"] == ORIGINAL:
        response = FileResponse(photo_lock.open_original(image))
    else:
        response = resized(image, claim["spec"])
    response["Cache-Control"] = "private, no-store"
    return response
