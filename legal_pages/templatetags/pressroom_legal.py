from django import template
from wagtail.models import Site

from ..models import LegalLinks

register = template.Library()


@register.inclusion_tag("legal_pages/footer_links.html", takes_context=True)
def legal_footer(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    links = LegalLinks.for_site(site).links() if site else []
    return {"links": links, "request": request}
