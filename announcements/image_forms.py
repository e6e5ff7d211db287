"""The image library's form for sites with the photo lock (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

from wagtail.images.forms import BaseImageForm

from . import photo_lock


class LockedImageForm(BaseImageForm):
    """While a photo is locked its file is elsewhere: the form leaves the file field out, so
    title, alt text, collection and tags can be edited and the file cannot be replaced."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and photo_lock.lock_of(self.instance) is not None:
            self.fields.pop("file", None)
