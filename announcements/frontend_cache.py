"""Wagtail's frontend cache (CDN purging) for releases: indexes, feeds, and photos on time."""

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from . import embargo


def enabled() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def purge_index_of(page):
    """Purge the index (archive and feeds) above a published or unpublished release."""
    from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

    from .models import PressReleasePage

    if not enabled() or not isinstance(page.specific_deferred, PressReleasePage):
        return
    index = page.get_parent()
    if index is not None:
        purge_page_from_cache(index.specific)


def releases_opened_between(start, end):
    """Live releases with a gallery whose release time lies in (start, end]."""
    from .models import PressReleasePage

    candidates = PressReleasePage.objects.live().filter(galleries_release_until__gt=start)
    return [
        release
        for release in candidates
        if any(start < moment <= end for moment in embargo.gallery_release_times(release.body))
    ]


def purge_opened_galleries(start, end=None) -> list:
    """Purge the pages (and their indexes) whose galleries opened in (start, end]."""
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    end = end or timezone.now()
    releases = releases_opened_between(start, end)
    if releases and enabled():
        indexes = {release.get_parent().specific for release in releases}
        purge_pages_from_cache([*releases, *indexes])
    return releases
