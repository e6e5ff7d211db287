"""schema.org NewsArticle JSON-LD and Open Graph data of a release. Only released photos."""

import json
from urllib.parse import urljoin

from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from . import embargo, photo_lock, renditions, rules
from .links import safe_href


def first_released_image(release, now=None, locks=None):
    released = (
        gallery
        for gallery in embargo.galleries(release.body)
        if not rules.is_withheld(gallery.release_at, now)
    )
    items = [item for gallery in released for item in gallery["images"]]
    public = photo_lock.public_items(items, now, locks)
    return next((item["image"] for item in public), None)


def share_image_url(release, request):
    locks, _rows = renditions.page_photos(request, release)
    image = first_released_image(release, locks=locks)
    if image is None:
        return None
    # On the site's own address, like canonical and og:url (not the host the request came in on);
    # a rendition already on another host (a CDN's storage) keeps its address.
    _site, root_url, _path = release.get_url_parts(request)
    return urljoin(root_url + "/", renditions.share_image_url(request, release, image))


def news_article(release, request) -> dict:
    issuer = release.issuer
    publisher = {"@type": "Organization", "name": issuer.name}
    if safe_href(issuer.website):
        publisher["url"] = safe_href(issuer.website)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "description": release.lead,
        "datePublished": timezone.localtime(release.release_date).isoformat(),
        "dateModified": timezone.localtime(release.date_modified).isoformat(),
        "url": release.get_full_url(request),
        "publisher": publisher,
        "author": publisher,
        "dateline": release.dateline,
        "inLanguage": translation.get_language(),
    }
    image = share_image_url(release, request)
    if image:
        data["image"] = [image]
    return data


JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data: dict) -> str:
    """The data as a <script> element; <, > and & escaped so no text can end the script early."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
