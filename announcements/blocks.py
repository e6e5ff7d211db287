from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from . import renditions, rules
from .links import normalise_links, safe_href

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    def to_python(self, value):
        return super().to_python(normalise_links(value))  # whatever the database holds

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "announcements/blocks/paragraph.html"
        help_text = _("Body text. Bold, italic, links and lists are available.")
        description = _("A paragraph of body text.")
        preview_value = (
            "<p>Die Staatsregierung hat heute beschlossen, alle Verwaltungsleistungen bis 2028 "
            "online anzubieten.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Quote"),
        help_text=_("The spoken words only, without quotation marks; the page adds them."),
    )
    speaker = blocks.CharBlock(
        label=_("Speaker"), max_length=200, help_text=_("Full name, e.g. “Dr. Anna Beispiel”.")
    )
    role = blocks.CharBlock(
        label=_("Role"),
        max_length=200,
        required=False,
        help_text=_("The speaker's office or function, e.g. “Minister of Digital Affairs”."),
    )
    language = blocks.CharBlock(
        label=_("Language of the quote"),
        max_length=35,
        required=False,
        validators=[rules.validate_language_code],
        help_text=_(
            "Only when the quote is in another language than the page: a code such as “en” or "
            "“fr”, so that screen readers pronounce it correctly."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "announcements/blocks/quote.html"
        description = _("A quote with speaker and role, marked up as a quotation.")
        preview_value = {
            "text": "Der Gang zum Amt wird die Ausnahme.",
            "speaker": "Dr. Anna Beispiel",
            "role": "Staatsministerin",
            "language": "",
        }


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Photo"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        validators=[rules.validate_alt_text],
        help_text=_("What the photo shows, for people who cannot see it. Not the file name."),
    )
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=500, help_text=_("Shown below the photo.")
    )
    credit = blocks.CharBlock(
        label=_("Credit"),
        max_length=200,
        help_text=_("Photographer or rights holder, e.g. “StMD / Max Mustermann”."),
    )

    class Meta:
        icon = "image"
        label = _("Photo")


class GalleryValue(blocks.StructValue):
    @property
    def release_at(self):
        return rules.ensure_aware(self.get("release_at"))

    @property
    def is_withheld(self):
        return rules.is_withheld(self.get("release_at"))


class ImageGalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=200, help_text=_("E.g. “Photos of the event”.")
    )
    release_at = blocks.DateTimeBlock(
        label=_("Photos available from"),
        required=False,
        help_text=_(
            "Leave empty to show the photos with the release. With a date and time, the page "
            "shows a notice until then and the photos from then on, without anyone republishing."
        ),
    )
    images = blocks.ListBlock(GalleryImageBlock(), min_num=1, label=_("Photos"))

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "announcements/blocks/image_gallery.html"
        description = _(
            "Photos with alternative text, caption and credit; optionally hidden until a "
            "release time."
        )
        value_class = GalleryValue

    def get_searchable_content(self, value):
        # Never indexed: a search hit on a caption would reveal withheld photos before their time.
        return []

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["gallery_view"] = gallery_view(
            value.is_withheld,
            getattr(request, "is_preview", False),
            getattr(request, "pressroom_preview_mode", ""),
        )
        page, view = context.get("page"), context["gallery_view"]
        if view == "photos":
            context["photos"] = renditions.gallery_photos(request, page, value)
        elif view == "notice":
            context["photos"] = []
        else:  # the editor's preview of withheld photos: signed preview addresses instead
            context["photos"] = renditions.preview_photos(page, value)
        return context


def gallery_view(withheld: bool, preview: bool, preview_mode: str) -> str:
    """How a gallery shows: "notice" (visitors before the time), "photos" (released),
    "embargoed_photos" (an editor's preview: photos with the embargo banner) or
    "released_preview" (the preview mode "after the release": photos, no banner, still private).
    """
    if not withheld:
        return "photos"
    if not preview or preview_mode == "public":
        return "notice"
    return "released_preview" if preview_mode == "released" else "embargoed_photos"


class RelatedLinkValue(blocks.StructValue):
    @cached_property
    def href(self):
        page = self.get("page")
        if page is not None:
            return page.url if page.live else None
        return safe_href(self.get("url")) or None


class RelatedLinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Link text"),
        max_length=200,
        validators=[rules.validate_link_text],
        help_text=_("Says where the link leads, e.g. “Programme of the conference”."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page on this site"), required=False, help_text=_("Either a page or a URL.")
    )
    url = blocks.URLBlock(
        label=_("Web address"), required=False, help_text=_("Either a page or a URL.")
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Choose a page on this site or enter a web address, not both."),
                        code="link_target",
                    )
                ]
            )
        return value

    class Meta:
        icon = "link"
        label = _("Related link")
        template = "announcements/blocks/related_link.html"
        description = _("A link to a page or website, with a text that says where it leads.")
        preview_value = {
            "text": "Programm der Konferenz",
            "page": None,
            "url": "https://example.org/",
        }
        value_class = RelatedLinkValue


class PressReleaseBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image_gallery = ImageGalleryBlock()
    related_link = RelatedLinkBlock()
