"""Audit rules for the markup contracts of our own templates (release meta line, galleries,
quotes, lead markers). Registered into the accessibility audit from AnnouncementsConfig.ready()
when the accessibility app is installed; they run in the audit profile “pressroom”."""

import re

from django.utils.translation import gettext_lazy as _

from accessibility.html_tools import (
    closest,
    first_inside,
    is_hidden,
    main_region,
    select,
    strings_inside,
)
from accessibility.registry import PRESSROOM, rule

from .rules import RELEASE_DATE

LEAD_MARKERS = re.compile(r"\+\+\+")


@rule(
    "lead-markers-hidden",
    "1.3.1",
    "moderate",
    _("The “+++” markers of a lead must be hidden from screen readers (aria-hidden)."),
    profile=PRESSROOM,
)
def lead_markers_hidden(soup):
    for text in strings_inside(main_region(soup), LEAD_MARKERS):
        if not is_hidden(text.parent):
            yield text.parent, None


@rule(
    "quote-speaker",
    "1.3.1",
    "moderate",
    _(
        "A quote needs its speaker: <figure><blockquote>…</blockquote><figcaption>speaker"
        "</figcaption></figure>."
    ),
    profile=PRESSROOM,
)
def quote_speaker(soup):
    for quote in select(soup, "blockquote"):
        figure = closest(quote, "figure")
        caption = first_inside(figure, "figcaption") if figure else None
        if caption is None or not caption.get_text(strip=True):
            yield quote, None


META_CLASSES = {"release__meta", "release-teaser__meta"}


@rule(
    "release-date-in-time",
    "1.3.1",
    "minor",
    _('The date line of a release must mark its date up as <time datetime="…">.'),
    profile=PRESSROOM,
)
def release_date_in_time(soup):
    metas = [e for e in select(soup, "[class]") if META_CLASSES & set(e.get("class", []))]
    for meta in metas:
        for text in strings_inside(meta, RELEASE_DATE):
            if closest(text, "time") is None:
                yield text.parent, None


@rule(
    "gallery-withheld-notice",
    "1.3.1",
    "serious",
    _(
        "A gallery whose photos are not yet released must show a notice with the date and time, "
        "and no images."
    ),
    profile=PRESSROOM,
)
def gallery_withheld_notice(soup):
    for gallery in select(soup, "[data-gallery-state=withheld]"):
        notice = gallery.select_one(".gallery__notice")
        if notice is None or notice.find("time", datetime=True) is None or gallery.find("img"):
            yield gallery, None


@rule(
    "gallery-credit",
    "1.1.1",
    "moderate",
    _("Every photo of a released gallery needs a caption with a photo credit."),
    profile=PRESSROOM,
)
def gallery_credit(soup):
    for gallery in select(soup, "[data-gallery-state=released]"):
        for image in gallery.find_all("img"):
            figure = image.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            credit = caption.select_one(".gallery__credit") if caption else None
            if caption is None or credit is None or not credit.get_text(strip=True):
                yield image, None
