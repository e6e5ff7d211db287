"""Full-page cache for anonymous visitors of releases, indexes and feeds.

`PageCacheMiddleware` answers repeated anonymous GET requests from the Django cache (Redis when
configured) before Wagtail routes them. Only responses our pages mark are stored, for as long
as they say: a release never past its next gallery release time. Every publish, unpublish,
deletion or snippet change starts a new cache generation, so no visitor sees an old state.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pressroom:page-cache:generation"
CACHE_HEADER = "X-Pressroom-Cache"


def page_cache():
    return caches[getattr(settings, "PRESSROOM_PAGE_CACHE", "default")]


def generation(request=None) -> int:
    """The current cache generation; read once per request when a request is given."""
    if request is not None and hasattr(request, "_pressroom_generation"):
        return request._pressroom_generation
    current = page_cache().get_or_set(GENERATION_KEY, 1, timeout=None)
    if request is not None:
        request._pressroom_generation = current
    return current


def invalidate(**kwargs):
    """Start a new generation: every cached page is stale from now on."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def mark_cacheable(response, seconds: int):
    """`max-age` for everyone downstream, and for the middleware `seconds` from now (0: never).

    Kept as an absolute time: a copy of the response that another cache hands back later
    (it keeps its attributes) must not be stored again for the full `seconds`.
    """
    patch_cache_control(response, max_age=seconds)
    response.pressroom_cache_until = time.time() + seconds
    return response


def language_of(request) -> str:
    """The page language as the URL says it (i18n_patterns: a prefix, or the default)."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def cache_key(request) -> str:
    raw = "|".join([request.get_host(), language_of(request), request.get_full_path()])
    return f"pressroom:page:{generation(request)}:{hashlib.sha256(raw.encode()).hexdigest()}"


def is_cacheable_request(request) -> bool:
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


class PageCacheMiddleware:
    """Place right after SecurityMiddleware: a hit skips sessions, locale and the rest.

    The language comes from the URL, as with Wagtail's i18n_patterns; sites that choose the
    language by cookie or Accept-Language on the same URL must not use this middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            response, expires_at = stored
            remaining = int(expires_at - time.time())
            if remaining > 0:
                # Whoever caches this copy downstream must not keep it past the original limit.
                response["Cache-Control"] = ""
                patch_cache_control(response, max_age=remaining)
                response[CACHE_HEADER] = "hit"
                return response
        response = self.get_response(request)
        until = getattr(response, "pressroom_cache_until", 0)
        seconds = int(until - time.time())
        if seconds > 0 and response.status_code == 200 and not response.cookies:
            response[CACHE_HEADER] = "miss"
            cache.set(key, (response, until), timeout=seconds)
        return response


def remember(key: str, compute, request=None):
    """A value computed once per cache generation (e.g. the items of the main menu).

    Only for what every visitor sees alike and what changes only by publishing or by editing a
    setting: both start a new generation, so a stale value is never used.
    """
    from .embargo import cache_seconds

    return page_cache().get_or_set(
        f"pressroom:fragment:{generation(request)}:{key}", compute, timeout=cache_seconds()
    )
