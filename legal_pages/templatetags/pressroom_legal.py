import re

from django import template

import pressroom_time_markup as time_markup

from .. import footer

register = template.Library()


@register.inclusion_tag("legal_pages/footer_links.html", takes_context=True)
def legal_footer(context):
    """The footer links of the site setting, in the active language: for any base template."""
    return {"links": footer.links_for(context.get("request"))}


@register.simple_tag(takes_context=True)
def legal_page(context, name):
    """The live page a footer link points to (in the current language), or None."""
    links = footer.setting(context.get("request"))
    return links.linked_pages().get(name) if links else None


@register.filter
def safe_url(url):
    """A URL field's value if a browser would open it as a web, mail or phone address or a path;
    "" otherwise (javascript:, data:, also when hidden by spaces or control characters)."""
    text = str(url or "").strip()
    probe = re.sub(r"[\x00-\x20\x7f]", "", text).lower()
    scheme = re.match(r"([a-z][a-z0-9+.\-]*):", probe)
    return text if not scheme or scheme.group(1) in ("http", "https", "mailto", "tel") else ""


@register.filter
def tel_href(phone):
    """“+49 89 1234-5678” → “tel:+498912345678”."""
    return "tel:" + "".join(
        character for character in phone if character.isdigit() or character == "+"
    )


register.filter("dates_in_time", time_markup.template_filter, needs_autoescape=True)
