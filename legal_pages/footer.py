"""The footer links of every page, kept in Django's default cache (one entry holding each
site's links in each language).

Working them out costs four queries and six page URLs per request; kept, one cache read. A
publish, unpublish, move or deletion of any page and a change of the footer setting or of a
site forget all kept footers (a legal page's address or translation may have changed).
`PRESSROOM_FOOTER_CACHE_SECONDS` (default 3600; 0: not kept) bounds how long a footer is kept
if a change bypasses Django's signals. A local-memory cache is not used: other processes would
keep their footers after a change.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import LegalLinks


def cache_seconds() -> int:
    return getattr(settings, "PRESSROOM_FOOTER_CACHE_SECONDS", 3600)


def _cache():
    cache = caches["default"]
    return None if isinstance(cache, LocMemCache) or not cache_seconds() else cache


KEY = "pressroom-legal-footer"  # {(site id, language): [(text, URL), …]}


def setting(request):
    """The footer setting of the request's site (cached on the request); None outside a site."""
    if request is None or Site.find_for_request(request) is None:
        return None
    return LegalLinks.for_request(request)


def work_out(request) -> list[tuple[str, str]]:
    """(link text, URL) of the footer links of the request's site in the active language."""
    links = setting(request)
    pages = links.links() if links else []
    return [(str(text), page.get_url(request)) for text, page in pages]


def links_for(request) -> list[tuple[str, str]]:
    cache, language = _cache(), translation.get_language()
    site = Site.find_for_request(request) if request is not None else None
    if cache is None or site is None or language not in dict(settings.LANGUAGES):
        return work_out(request)
    kept = cache.get(KEY) or {}
    links = kept.get((site.pk, language))
    if links is None:
        links = kept[site.pk, language] = work_out(request)
        cache.set(KEY, kept, cache_seconds())
    return links


def forget(**_kwargs) -> None:
    """Forget every kept footer now and once the change is committed (a request in between
    would keep the old links again)."""
    if _cache() is not None:
        _forget_now()
        transaction.on_commit(_forget_now)


def _forget_now():
    _cache().delete(KEY)


def connect() -> None:
    uid = "pressroom-legal-footer"
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=uid)
    post_delete.connect(forget, sender=Page, dispatch_uid=uid)  # sent for a page of any type
    for model in (LegalLinks, Site):
        post_save.connect(forget, sender=model, dispatch_uid=uid)
        post_delete.connect(forget, sender=model, dispatch_uid=uid)
