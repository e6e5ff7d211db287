"""Gallery renditions: one query for all photos of a page, created ahead when a release is
published, in two widths for `srcset` (phones load the small one)."""

from dataclasses import dataclass
from html import escape

from django.db.models import Prefetch, prefetch_related_objects
from django.template.defaultfilters import filesizeformat
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from . import embargo, photo_lock

# The two widths of a gallery photo's srcset, and its sizes (the gallery grid's column).
GALLERY_SPECS = ("max-400x300", "max-800x600")
GALLERY_SIZES = "(min-width: 48em) 22rem, 100vw"
GALLERY_FILTERS = tuple(Filter(spec=spec) for spec in GALLERY_SPECS)
# The share image of Open Graph and JSON-LD: the first released photo.
SHARE_IMAGE_SPEC = "fill-1200x630"
SHARE_IMAGE_FILTER = Filter(spec=SHARE_IMAGE_SPEC)


@dataclass(frozen=True)
class GalleryPhoto:
    """What a gallery shows of one released photo, worked out in Python once: the `<img>` with
    its srcset and the download link (a template tag per photo costs ~1 ms; 100 photos add up)."""

    item: object  # the gallery item: alt text, caption, credit
    img: str
    original_url: str
    download_label: str = ""


def prefetch(images):
    """Attach the gallery renditions of `images` in one query (Wagtail then looks no further)."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=[*GALLERY_SPECS, SHARE_IMAGE_SPEC])
    )
    for image in images:  # a fresh look: an earlier prefetch may miss renditions made since
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))


def page_photos(request, page, gallery=None) -> tuple[dict, dict]:
    """The locks and the rendition rows of every gallery photo of `page` (else of `gallery`):
    two queries on the first look of a request (share image, then each gallery), kept on it."""
    found = getattr(request, "pressroom_page_photos", None)
    if found is None or found[0] is not page:
        body = getattr(page, "body", None)
        images = embargo.gallery_images(body) if body is not None else embargo.images_of(gallery)
        found = (page, photo_lock.locks_of(images), rendition_rows(images))
        if request is not None:
            request.pressroom_page_photos = found
    return found[1], found[2]


def gallery_photos(request, page, gallery) -> list[GalleryPhoto]:
    """The released photos of a gallery, ready to show: no model instance, cache or database
    lookup per photo."""
    locks, rows = page_photos(request, page, gallery)
    items = photo_lock.public_items(gallery["images"], locks=locks)
    return [gallery_photo(item, rows) for item in items]


def share_image_url(request, page, image) -> str:
    """The share image's address, from the page's rendition rows where it was made ahead."""
    _locks, rows = page_photos(request, page)
    found = rows.get((image.pk, SHARE_IMAGE_SPEC, SHARE_IMAGE_FILTER.get_cache_key(image)))
    return found[0] if found else image.get_rendition(SHARE_IMAGE_SPEC).url


def rendition_rows(images) -> dict:
    """(image id, filter spec, focal point key) → (url, width, height) of the images' gallery
    and share renditions."""
    model = get_image_model().get_rendition_model()
    storage = model._meta.get_field("file").storage
    rows = model.objects.filter(
        image__in=[image.pk for image in images], filter_spec__in=[*GALLERY_SPECS, SHARE_IMAGE_SPEC]
    ).values_list("image_id", "filter_spec", "focal_point_key", "file", "width", "height")
    return {row[:3]: (storage.url(row[3]), *row[4:]) for row in rows}


def renditions_of(image, rows) -> list:
    """(url, width, height) of a photo's gallery renditions, from the rows where they are all
    there, else from Wagtail (which creates what is missing: only if nothing was made ahead)."""
    wanted = [rows.get((image.pk, f.spec, f.get_cache_key(image))) for f in GALLERY_FILTERS]
    if None in wanted:
        made = image.get_renditions(*GALLERY_SPECS).values()
        return [(rendition.url, rendition.width, rendition.height) for rendition in made]
    return wanted


def gallery_photo(item, rows) -> GalleryPhoto:
    image = item["image"]
    renditions = renditions_of(image, rows)
    srcset = ", ".join(f"{url} {width}w" for url, width, _height in renditions)
    url, width, height = renditions[0]
    img = mark_safe(  # escaped here: format_html costs more than the rest of a photo
        f'<img src="{escape(url)}" srcset="{escape(srcset)}" sizes="{GALLERY_SIZES}" '
        f'width="{width}" height="{height}" alt="{escape(item["alt_text"])}" loading="lazy">'
    )
    return GalleryPhoto(item, img, image.file.url, download_label(image))


def preview_photo(item) -> GalleryPhoto:
    """A withheld photo in an editor's preview: the template links the signed preview address."""
    return GalleryPhoto(item, "", "", download_label(item["image"]))


def download_label(image) -> str:
    return _("Download in high resolution (%(width)s × %(height)s pixels, %(size)s)") % {
        "width": localize(image.width),
        "height": localize(image.height),
        "size": filesizeformat(image.get_file_size()),
    }


def create_ahead(release) -> int:
    """Create the renditions (and the stored file size) of every released gallery photo of a
    release (on publish), so no visitor waits for them; withheld photos wait for their time."""
    items = [
        item
        for gallery in embargo.galleries(release.body)
        if not gallery.is_withheld
        for item in gallery["images"]
    ]
    # Locked photos (another release's, or due now: released here first) never get renditions.
    images = [item["image"] for item in photo_lock.public_items(items)]
    prefetch(images)
    for image in images:
        image.get_renditions(*GALLERY_SPECS)
        image.get_file_size()  # stored once (the download link shows it), not on a visit
    if images:  # the share image of Open Graph and JSON-LD: the first released photo
        images[0].get_rendition(SHARE_IMAGE_SPEC)
    return len(images)
