"""Wagtail's images API without the photos that are locked now (see photo_lock)."""

from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

from . import photo_lock


class ImagesAPIViewSet(WagtailImagesAPIViewSet):
    """Register this one, not Wagtail's, where a site offers an images API: listing, detail,
    `download_url` and `meta` then know nothing of a withheld photo until its time."""

    def get_queryset(self):
        photo_lock.release_due()
        return photo_lock.without_locked(super().get_queryset())
