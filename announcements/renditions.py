"""Gallery renditions: one query for all photos of a page, created ahead when a release is
published, in two widths for `srcset` (phones load the small one)."""

import re
from html import escape

from django.core.files.storage import FileSystemStorage
from django.db.models import Prefetch, prefetch_related_objects
from django.template.defaultfilters import filesizeformat
from django.utils.encoding import filepath_to_uri
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from . import embargo, photo_lock
from .preview_photos import preview_photo_url

# The two widths of a gallery photo's srcset, and its sizes (the gallery grid's column).
GALLERY_SPECS = ("max-400x300", "max-800x600")
GALLERY_SIZES = "(min-width: 48em) 22rem, 100vw"
GALLERY_FILTERS = tuple(Filter(spec=spec) for spec in GALLERY_SPECS)
# The share image of Open Graph and JSON-LD: the first released photo.
SHARE_IMAGE_SPEC = "fill-1200x630"
SHARE_IMAGE_FILTER = Filter(spec=SHARE_IMAGE_SPEC)


def photo(item, img, download_url, download_label) -> dict:
    """What the gallery template shows of one photo, worked out in Python once (a template tag
    per photo costs ~1 ms; 100 photos add up). A dict: the template's quickest lookup. Its texts
    are escaped here, once, as Django's `escape` would (the template's own escaping of each
    value costs more than the rest of a photo); a template overriding ours prints them as
    they are."""
    return {
        "img": img,
        "caption": escaped(item["caption"]),
        "credit": escaped(item["credit"]),
        "download_url": escaped(download_url),
        "download_label": escaped(download_label),
    }


def escaped(text) -> SafeString:
    """Django's `escape` (html.escape, marked safe) without its check for lazy text, and
    SafeString without mark_safe's checks: 0.7 µs a text against 3 µs (`timeit`)."""
    return SafeString(escape(str(text)))


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
        found = (page, photo_lock.lock_times(images), rendition_rows(images))
        if request is not None:
            request.pressroom_page_photos = found
    return found[1], found[2]


def gallery_photos(request, page, gallery) -> list[dict]:
    """The released photos of a gallery, ready to show: no model instance, cache or database
    lookup per photo."""
    locks, rows = page_photos(request, page, gallery)
    items = photo_lock.public_items(gallery["images"], locks=locks)
    urls = rendition_url_maker(), url_maker(get_image_model()._meta.get_field("file").storage)
    label = label_maker()
    return [gallery_photo(item, rows, urls, label) for item in items]


def share_image_url(request, page, image) -> str:
    """The share image's address, from the page's rendition rows where it was made ahead."""
    _locks, rows = page_photos(request, page)
    found = rows.get((image.pk, SHARE_IMAGE_SPEC, SHARE_IMAGE_FILTER.get_cache_key(image)))
    return rendition_url_maker()(found[0]) if found else image.get_rendition(SHARE_IMAGE_SPEC).url


# A file name that URL quoting leaves as it is.
PLAIN_NAME = re.compile(r"[A-Za-z0-9_./-]*")


def url_maker(storage):
    """`storage.url`, or for Django's own file system storage the same address without
    urllib's parsing per file (30 µs each, three per photo; `tests/test_gallery_renditions.py`
    compares both on awkward names). Names with dot segments still go to `storage.url`."""
    if getattr(storage.url, "__func__", None) is not FileSystemStorage.url:
        return storage.url
    base = storage.base_url

    def url(name):
        path = (name if PLAIN_NAME.fullmatch(name) else filepath_to_uri(name)).lstrip("/")
        return base + path if "/." not in "/" + path else storage.url(name)

    return url


def rendition_url_maker():
    return url_maker(get_image_model().get_rendition_model()._meta.get_field("file").storage)


def rendition_rows(images) -> dict:
    """(image id, filter spec, focal point key) → (file name, width, height) of the images'
    gallery and share renditions."""
    model = get_image_model().get_rendition_model()
    rows = model.objects.filter(
        image__in=[image.pk for image in images], filter_spec__in=[*GALLERY_SPECS, SHARE_IMAGE_SPEC]
    ).values_list("image_id", "filter_spec", "focal_point_key", "file", "width", "height")
    return {row[:3]: row[3:] for row in rows}


def renditions_of(image, rows, url) -> list:
    """(url, width, height) of a photo's gallery renditions, from the rows where they are all
    there, else from Wagtail (which creates what is missing: only if nothing was made ahead)."""
    wanted = [rows.get((image.pk, f.spec, f.get_cache_key(image))) for f in GALLERY_FILTERS]
    if None in wanted:
        made = image.get_renditions(*GALLERY_SPECS).values()
        return [(rendition.url, rendition.width, rendition.height) for rendition in made]
    return [(url(name), width, height) for name, width, height in wanted]


def gallery_photo(item, rows, urls, label) -> dict:
    """`urls`: the rendition storage's and the original's url makers."""
    image = item["image"]
    renditions = renditions_of(image, rows, urls[0])
    srcset = ", ".join(f"{url} {width}w" for url, width, _height in renditions)
    url, width, height = renditions[0]
    img = SafeString(  # escaped here: format_html costs more than the rest of a photo
        f'<img src="{escape(url)}" srcset="{escape(srcset)}" sizes="{GALLERY_SIZES}" '
        f'width="{width}" height="{height}" alt="{escape(item["alt_text"])}" loading="lazy">'
    )
    return photo(item, img, urls[1](image.file.name), label(image))


def preview_photos(page, gallery) -> list[dict]:
    """The photos of a withheld gallery in an editor's preview: signed preview addresses (never
    public ones)."""
    label = label_maker()
    return [
        preview_photo(page, item, label) for item in gallery["images"] if item["image"] is not None
    ]


def preview_photo(page, item, label) -> dict:
    image = item["image"]
    src = preview_photo_url(page, image)
    img = SafeString(f'<img src="{escape(src)}" alt="{escape(item["alt_text"])}">')
    original = preview_photo_url(page, image, "original")
    return photo(item, img, original, label(image))


def label_maker():
    """The download link's text of a photo, for the photos of one gallery: translated once, and
    each pixel count and shown file size formatted once (photos of one shoot mostly share their
    size; file sizes show as e.g. "2,4 MB", which many photos share)."""
    text = _("Download in high resolution (%(width)s × %(height)s pixels, %(size)s)")
    formatted = {}

    def once(key, value, format):
        if key not in formatted:
            formatted[key] = format(value)
        return formatted[key]

    def label(image) -> str:
        size = image.get_file_size()
        return text % {
            "width": once(image.width, image.width, localize),
            "height": once(image.height, image.height, localize),
            "size": once(shown_size(size), size, filesizeformat),
        }

    return label


def shown_size(size: int) -> tuple:
    """What filesizeformat shows of `size` bytes: its unit, and the value rounded to one place."""
    unit = 0
    while size >= 1024 and unit < 5:
        size, unit = size / 1024, unit + 1
    return ("size", unit, round(size, 1))


def create_ahead(release) -> int:
    """Create the renditions (and the stored file size) of every released gallery photo of a
    release (on publish), so no visitor waits for them; withheld photos wait for their time."""
    if embargo.GALLERY not in photo_lock.block_types(list(release.body.raw_data)):
        return 0  # a release of text: its blocks need not be read
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
