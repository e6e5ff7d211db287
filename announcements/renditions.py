"""Gallery renditions: one query for all photos of a page, created ahead when a release is
published, in two widths for `srcset` (phones load the small one)."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

from . import embargo, photo_lock
from .structured_data import SHARE_IMAGE_SPEC

# The widths of srcset_image max-{400x300,800x600} in image_gallery.html (sizes: the grid).
GALLERY_SPECS = ("max-400x300", "max-800x600")


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
