"""Full-page cache for anonymous visitors of releases, indexes and feeds.

`PageCacheMiddleware` answers repeated anonymous GET requests from a cache every process shares
(Redis, Memcached, files, database; a per-process local-memory cache is refused by a system
check) before Wagtail routes them. Only responses our pages mark are stored, for as long as they
say: a release never past its next gallery release time.

Invalidation works per URL path: each path has a version token, and a stored copy is served
only while the path's version and the site-wide generation are the ones it was rendered under.
Publishing a release bumps its own paths and those of the pages that show it (its index with
the feeds, its ancestors, the translations); anything else (another page type, a snippet, a
setting, a deletion) starts a new site-wide generation. A hit costs one cache round trip.
"""

import hashlib
import re
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pressroom:page-cache:generation"
BULK = ContextVar("pressroom_bulk_invalidation", default=None)  # pages touched, in bulk work
CACHE_HEADER = "X-Pressroom-Cache"
MIDDLEWARE_PATH = "announcements.page_cache.PageCacheMiddleware"

# The query parameters our pages read and whose values form a small set: the archive's filters,
# page numbers and the release an older/newer page continues from. Any other parameter
# (tracking, typos, free-text search) is not cached.
CACHED_PARAMETERS = frozenset({"year", "month", "topic", "issuer", "page", "before", "after"})
PLAIN_VALUE = re.compile(r"[0-9A-Za-z_-]{1,60}")


def page_cache():
    return caches[getattr(settings, "PRESSROOM_PAGE_CACHE", "default")]


def is_per_process(cache) -> bool:
    """A cache each process keeps for itself: an invalidation in one never reaches the others."""
    return isinstance(cache, LocMemCache)


def check_shared_cache(**kwargs):
    """The middleware on a per-process cache serves stale pages: refuse to run."""
    if MIDDLEWARE_PATH not in settings.MIDDLEWARE or not is_per_process(page_cache()):
        return []
    alias = getattr(settings, "PRESSROOM_PAGE_CACHE", "default")
    return [
        checks.Error(
            f"The page cache uses the cache {alias!r}, a local-memory cache each process keeps "
            "for itself: a publish in one process (a second worker, publish_scheduled from "
            "cron) would not reach the pages cached by another, which serve stale pages.",
            hint=f"Point CACHES[{alias!r}] (or PRESSROOM_PAGE_CACHE) at a cache every process "
            "shares: Redis, Memcached, FileBasedCache or DatabaseCache; or remove "
            f"{MIDDLEWARE_PATH} from MIDDLEWARE. See docs/caching.md.",
            id="pressroom_announcements.E001",
        )
    ]


def new_token() -> str:
    return uuid.uuid4().hex[:16]


def path_key(path: str) -> str:
    return "pressroom:page-version:" + hashlib.sha256(path.encode()).hexdigest()


def versions(cache, keys: list[str], known: dict | None = None) -> dict:
    """The current tokens of `keys`, creating missing ones (a token evicted is a new token)."""
    found = dict(known) if known is not None else cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, new_token(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {key: found.get(key) for key in keys}


def generation(request=None) -> str:
    """The current site-wide generation; read once per request when a request is given."""
    if request is not None and hasattr(request, "_pressroom_generation"):
        return request._pressroom_generation
    current = versions(page_cache(), [GENERATION_KEY])[GENERATION_KEY]
    if request is not None:
        request._pressroom_generation = current
    return current


def invalidate(**kwargs):
    """Start a new site-wide generation: every cached page and fragment is stale from now on."""
    page_cache().set(GENERATION_KEY, new_token(), timeout=None)


def invalidate_paths(paths):
    """Only the copies cached under these URL paths (with any query string) are stale now."""
    page_cache().set_many({path_key(path): new_token() for path in set(paths)}, timeout=None)


def url_path_of(page, request=None) -> str | None:
    """A page's URL path as request.path_info has it: without the script prefix (cron has
    none, a request may)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    return parts[2].removeprefix(get_script_prefix().rstrip("/"))


def page_paths(page) -> list[str]:
    """The URL paths a page is served under (Wagtail's frontend-cache paths: an index's feeds)."""
    page_path = url_path_of(page)
    if page_path is None:
        return []
    return [page_path + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


@contextmanager
def one_invalidation():
    """Bulk work (an import of many releases): one new site-wide generation at the end instead
    of working out the dependants of every page published in between."""
    token = BULK.set([])
    try:
        yield
    finally:
        touched = BULK.get()
        BULK.reset(token)
        if touched:
            invalidate()


def invalidate_page_and_dependants(page):
    """A published or unpublished page, its translations (their language links) and the pages
    above it (an index lists it, the home page may show the latest): nothing else is touched."""
    touched = BULK.get()
    if touched is not None:
        touched.append(page.pk)
        return
    pages = [*page.get_translations(inclusive=True), *page.get_ancestors().filter(depth__gte=2)]
    invalidate_paths(path for each in pages for path in page_paths(each))


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


def normalised_query(request) -> str | None:
    """The query string as the cache knows it, or None when the request must not be cached.

    Empty values are dropped (an archive form sent without filters), the rest sorted; a
    parameter outside CACHED_PARAMETERS, a repeated one or an unusual value means: not cached.
    """
    pairs = []
    for name, values in request.GET.lists():
        values = [value for value in values if value != ""]
        if not values:
            continue
        if name not in CACHED_PARAMETERS or len(values) > 1 or not PLAIN_VALUE.fullmatch(values[0]):
            return None
        pairs.append(f"{name}={values[0]}")
    return "&".join(sorted(pairs))


def cache_key(request) -> str | None:
    query = normalised_query(request)
    if query is None:
        return None
    raw = "|".join([request.get_host(), language_of(request), request.path, query])
    return "pressroom:page:" + hashlib.sha256(raw.encode()).hexdigest()


def is_cacheable_request(request) -> bool:
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


def refuse_to_cache(request):
    """A page says its request is not worth a copy (a filter value it does not know, …)."""
    request.pressroom_no_cache = True


class PageCacheMiddleware:
    """Place right after SecurityMiddleware: a hit skips sessions, locale and the rest.

    The language comes from the URL, as with Wagtail's i18n_patterns; sites that choose the
    language by cookie or Accept-Language on the same URL must not use this middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request) if is_cacheable_request(request) else None
        if key is None:
            return self.get_response(request)
        cache = page_cache()
        version_keys = [GENERATION_KEY, path_key(request.path_info)]
        found = cache.get_many([key, *version_keys])  # one round trip for a hit
        current = versions(cache, version_keys, known=found)
        request._pressroom_generation = current[GENERATION_KEY]
        stored = found.get(key)
        if stored is not None:
            stored_versions, status, headers, content, expires_at = stored
            remaining = int(expires_at - time.time())
            if stored_versions == current and remaining > 0:
                # Whoever caches this copy downstream must not keep it past the original limit.
                headers = {**headers, "Cache-Control": f"max-age={remaining}", CACHE_HEADER: "hit"}
                return HttpResponse(content, status=status, headers=headers)
        # Versions read before rendering: a publish while rendering makes this copy stale.
        response = self.get_response(request)
        until = getattr(response, "pressroom_cache_until", 0)
        seconds = int(until - time.time())
        wanted = not getattr(request, "pressroom_no_cache", False) and not response.streaming
        if wanted and seconds > 0 and response.status_code == 200 and not response.cookies:
            response[CACHE_HEADER] = "miss"
            # Plain values, not the response object: a hit builds its answer without unpickling
            # a response and without any middleware's work.
            headers = {name: value for name, value in response.items() if name != CACHE_HEADER}
            stored = (current, response.status_code, headers, response.content, until)
            cache.set(key, stored, timeout=seconds)
        return response


def remember(key: str, compute, request=None, path=None):
    """A value computed once per cache generation (e.g. the items of the main menu), and with
    `path` once per version of that URL path (e.g. the month counts of an index).

    Only for what every visitor sees alike and what changes only by publishing or by editing a
    setting: both start a new generation, so a stale value is never used. Not remembered in a
    per-process cache, where another process's publish would not reach it.
    """
    from .embargo import cache_seconds

    cache = page_cache()
    if is_per_process(cache):
        return compute()
    version = generation(request)
    if path is not None:
        version += ":" + versions(cache, [path_key(path)])[path_key(path)]
    return cache.get_or_set(f"pressroom:fragment:{version}:{key}", compute, timeout=cache_seconds())
