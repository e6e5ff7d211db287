from django import template
from wagtail.models import Site

from ..models import LegalLinks

register = template.Library()


def _links(context):
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return LegalLinks.for_request(request)  # cached on the request


@register.inclusion_tag("legal_pages/footer_links.html", takes_context=True)
def legal_footer(context):
    from announcements.templatetags.pressroom_tags import per_site_and_language

    request = context.get("request")

    def compute():
        links = _links(context)
        pages = links.links() if links else []
        return [(str(text), page.get_url(request)) for text, page in pages]

    return {"links": per_site_and_language(request, "legal-footer", compute)}


@register.simple_tag(takes_context=True)
def legal_page(context, name):
    """The live page a footer link points to (in the current language), or None."""
    links = _links(context)
    return links.linked_pages().get(name) if links else None
