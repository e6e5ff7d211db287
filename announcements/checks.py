"""System checks of the photo lock: no public endpoint or folder may hand out locked photos."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

from . import photo_lock
from .images_api import ImagesAPIViewSet


def view_classes(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from view_classes(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            cls = getattr(pattern.callback, "cls", None)
            if cls is not None:
                yield cls


@register(Tags.security, Tags.urls)
def check_images_api(app_configs, **kwargs):

    unlocked = {
        cls
        for cls in view_classes(get_resolver().url_patterns)
        if issubclass(cls, WagtailImagesAPIViewSet)
        and not issubclass(cls, (ImagesAPIViewSet, ImagesAdminAPIViewSet))  # admin: behind login
    }
    return [
        Warning(
            f"The images API endpoint {cls.__module__}.{cls.__name__} lists withheld gallery "
            "photos (title, file name, download_url).",
            hint="Register announcements.images_api.ImagesAPIViewSet instead: it leaves them out.",
            id="pressroom_announcements.W001",
        )
        for cls in sorted(unlocked, key=lambda cls: cls.__qualname__)
    ]


def inside(path, folder) -> bool:
    return bool(folder) and Path(path).resolve().is_relative_to(Path(folder).resolve())


@register(Tags.security)
def check_locked_storage(app_configs, **kwargs):
    if photo_lock.STORAGE_ALIAS in settings.STORAGES:
        return []
    root = photo_lock.locked_root()
    public = [getattr(settings, "MEDIA_ROOT", ""), getattr(settings, "STATIC_ROOT", "")]
    if any(inside(root, folder) for folder in public):
        return [
            Error(
                f"Locked photos would be kept in {root}, inside a folder the web server serves.",
                hint="Set PRESSROOM_LOCKED_MEDIA_ROOT to a folder outside MEDIA_ROOT and "
                "STATIC_ROOT, or configure STORAGES['pressroom_locked'].",
                id="pressroom_announcements.E001",
            )
        ]
    return []


@register(Tags.security)
def check_image_form(app_configs, **kwargs):
    from django.utils.module_loading import import_string

    from .image_forms import LockedImageForm

    base = getattr(settings, "WAGTAILIMAGES_IMAGE_FORM_BASE", "")
    if base and issubclass(import_string(base), LockedImageForm):
        return []
    return [
        Warning(
            "The image library's edit form cannot save the details of a locked photo.",
            hint='Set WAGTAILIMAGES_IMAGE_FORM_BASE = "announcements.image_forms.LockedImageForm" '
            "(or a subclass of it).",
            id="pressroom_announcements.W002",
        )
    ]
