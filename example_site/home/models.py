from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from announcements.models import PressReleasePage


class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    template = "home/home_page.html"

    def latest_releases(self):
        return (
            PressReleasePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("issuer")
            .order_by("-release_date")[:3]
        )


class StandardPage(Page):
    """A plain page of text, e.g. the contact page."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    template = "home/standard_page.html"
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
