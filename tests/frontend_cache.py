"""A Wagtail frontend-cache backend that records what it is asked to purge (for tests)."""

from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
