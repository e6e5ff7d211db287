"""Leichte Sprache and Gebärdensprache (§ 4 BITV 2.0)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from ..blocks import SignLanguageVideoBlock
from .base import LegalPage, legal_text


class EasyLanguagePage(LegalPage):
    """The site explained in Leichte Sprache: content, navigation, accessibility."""

    about_site = legal_text(
        _("what is on this website"), _("Short sentences. One idea per sentence.")
    )
    navigation = legal_text(
        _("how to find your way"), _("Menu, search, footer links: where they are and what they do.")
    )
    accessibility = legal_text(
        _("accessibility"),
        _("What the statement on accessibility says, and how to report a barrier."),
    )
    further_content = legal_text(
        _("more in Leichte Sprache"), _("Links to further texts in Leichte Sprache."), blank=True
    )

    content_panels = [
        *LegalPage.content_panels,
        FieldPanel("about_site"),
        FieldPanel("navigation"),
        FieldPanel("accessibility"),
        FieldPanel("further_content"),
    ]
    template = "legal_pages/easy_language_page.html"
    page_description = _("The site explained in Leichte Sprache (§ 4 BITV 2.0).")

    class Meta:
        verbose_name = _("Leichte Sprache (Easy Language)")


class SignLanguagePage(LegalPage):
    """Videos in German Sign Language with captions and transcripts."""

    intro = models.TextField(
        _("introduction"), help_text=_("One or two sentences above the videos.")
    )
    videos = StreamField(
        [("video", SignLanguageVideoBlock())],
        verbose_name=_("videos"),
        min_num=1,
        help_text=_(
            "At least the site's content, how to navigate it and where the accessibility "
            "statement is (§ 4 BITV 2.0)."
        ),
    )

    content_panels = [*LegalPage.content_panels, FieldPanel("intro"), FieldPanel("videos")]
    required_streams = ("videos",)
    template = "legal_pages/sign_language_page.html"
    page_description = _("The site explained in German Sign Language (§ 4 BITV 2.0).")

    class Meta:
        verbose_name = _("Gebärdensprache (sign language)")
