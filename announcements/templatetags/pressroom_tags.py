from django import template
from django.templatetags.static import static
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, Site

import pressroom_time_markup as time_markup

from .. import page_cache, rules
from ..links import safe_href

register = template.Library()


@register.simple_tag
def datetime_tag(value):
    """A date and time as `<time datetime>` in the site's zone: “18. Juli 2018, 14:30 Uhr” in
    German, “18 July 2018, 14:30” in English."""
    local = timezone.localtime(rules.ensure_aware(value))
    # Translators: Django date format of a release's date and time (see Django's “date” filter).
    readable = dateformat.format(local, _("j F Y, H:i"))
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), readable)


register.filter("dates_in_time", time_markup.template_filter, needs_autoescape=True)


@register.simple_tag
def pressroom_styles():
    """Our stylesheet, for the <head> of any base template (also a host site's own)."""
    return format_html('<link rel="stylesheet" href="{}">', static("pressroom/pressroom.css"))


@register.simple_tag(takes_context=True)
def pressroom_footer(context):
    """What other apps put into our base template's footer: the HTML each function registered
    with the Wagtail hook "pressroom_footer" returns for the template context."""
    return format_html_join(
        "\n", "{}", ((fn(context),) for fn in hooks.get_hooks("pressroom_footer"))
    )


@register.simple_tag(takes_context=True)
def pressroom_index_links(context, index):
    """Links other apps offer on a press index (e.g. the mailing list's subscribe page): the
    (link text, URL) pair each function registered with the Wagtail hook "pressroom_index_links"
    returns for the index and the request, or None for no link."""
    request = context.get("request")
    links = (fn(index, request) for fn in hooks.get_hooks("pressroom_index_links"))
    return [link for link in links if link]


@register.filter
def safe_url(url):
    """A URL field's value if it is a web, mail or phone address; "" otherwise (javascript:…)."""
    return safe_href(url)


@register.filter
def tel_href(phone):
    """“+49 89 1234-5678” → “tel:+498912345678”."""
    return "tel:" + "".join(
        character for character in phone if character.isdigit() or character == "+"
    )


@register.inclusion_tag("announcements/includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": None, "request": context.get("request")}
    ancestors = page.get_ancestors().filter(depth__gte=2).live()  # titles and URLs only
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


def site_home(request):
    """The site's home page in the active language, looked up once per request."""
    if request is None:
        return None
    if not hasattr(request, "_pressroom_home"):
        site = Site.find_for_request(request)
        request._pressroom_home = site.root_page.localized if site else None
    return request._pressroom_home


def per_site_and_language(request, name, compute):
    """`compute()` remembered per site, language and cache generation."""
    from django.utils.translation import get_language

    site = Site.find_for_request(request) if request else None
    if site is None:
        return compute()
    return page_cache.remember(f"{name}:{site.pk}:{get_language()}", compute, request)


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")

    def compute():
        home = site_home(request)
        return home.get_url(request) if home else "/"

    return per_site_and_language(request, "home-url", compute)


@register.inclusion_tag("pressroom/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")

    def compute():
        home = site_home(request)
        if home is None:
            return []
        pages = home.get_children().live().in_menu()
        return [
            {"title": page.title, "url": page.get_url(request), "path": page.path} for page in pages
        ]

    items = per_site_and_language(request, "main-menu", compute)
    current = context.get("page")
    return {"items": items, "current_path": getattr(current, "path", ""), "request": request}


@register.inclusion_tag("announcements/includes/release_meta.html", takes_context=True)
def release_meta(context, release):
    """JSON-LD, Open Graph and Twitter card meta of a release (photos only once released)."""
    from ..structured_data import json_ld, news_article

    request = context["request"]
    article = news_article(release, request)
    return {"release": release, "article": article, "json_ld": json_ld(article)}


@register.inclusion_tag("pressroom/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the site's other languages (Wagtail i18n translations)."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or not page.pk:
        return {"links": []}
    links = translation_links(page, request)
    return {"links": links if len(links) > 1 else []}


def translation_links(page, request) -> list[dict]:
    """The live translations of a page, worked out once per request (switcher and hreflang)."""
    known = getattr(request, "pressroom_translation_links", None)
    if known is not None and known[0] == page.pk:
        return known[1]
    links = []
    # Plain pages (no join of the page type's table): only their locale and URL are needed.
    translations = Page.objects.filter(translation_key=page.translation_key).live()
    for translation in translations.select_related("locale").order_by("path"):
        code = translation.locale.language_code
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translation.get_url(request),
                "current": translation.pk == page.pk,
            }
        )
    if request is not None:
        request.pressroom_translation_links = (page.pk, links)
    return links


@register.inclusion_tag("pressroom/includes/alternate_languages.html", takes_context=True)
def alternate_languages(context):
    """<link rel="alternate" hreflang> for search engines, from the same translations."""
    links, request = language_switcher(context)["links"], context.get("request")
    if request is not None:
        links = [{**link, "url": request.build_absolute_uri(link["url"])} for link in links]
    return {"links": links}


@register.simple_tag
def archive_query(filter_query, position=None, **more):
    """`?<filters>&page=2` (or `before=`/`after=`): a link within the archive's filters."""
    parts = [filter_query] if filter_query else []
    parts += [urlencode({**(position or {}), **more})] if (position or more) else []
    return "?" + "&".join(parts) if parts else "?"
