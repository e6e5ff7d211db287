"""The static checks on publish: rendering the page as visitors get it and listing problems."""

from django.conf import settings
from django.test import RequestFactory

from .static import audit_html


def audit_page(page, request=None):
    """The static audit of the page's rendered HTML, as an anonymous visitor would get it."""
    from django.contrib.auth.models import AnonymousUser

    path = page.get_url_parts(request)[2] if page.get_url_parts(request) else "/"
    visitor_request = RequestFactory().get(path, HTTP_HOST=page.get_site().hostname)
    visitor_request.user = AnonymousUser()
    response = page.specific.serve(visitor_request)
    if hasattr(response, "render"):
        response.render()
    return audit_html(response.content, url=path)


def blocks_publishing() -> bool:
    return bool(getattr(settings, "PRESSROOM_BLOCK_PUBLISH_ON_FINDINGS", False))
