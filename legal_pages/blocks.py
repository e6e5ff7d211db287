from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .rules import NON_ACCESSIBLE_REASONS, validate_caption_file, validate_video_file, video_type


class ProcessingActivityBlock(blocks.StructBlock):
    """One processing activity, with what Art. 13 (1) and (2) GDPR ask for."""

    name = blocks.CharBlock(label=_("Processing activity"), max_length=200)
    purpose = blocks.TextBlock(label=_("Purpose"))
    legal_basis = blocks.CharBlock(
        label=_("Legal basis"),
        max_length=300,
        help_text=_("E.g. “Art. 6 (1) (e) GDPR in conjunction with Art. 4 (1) BayDSG”."),
    )
    recipients = blocks.TextBlock(
        label=_("Recipients"), help_text=_("Who receives the data; “none” if nobody.")
    )
    retention = blocks.TextBlock(
        label=_("Storage period"), help_text=_("How long the data are kept, or the criteria.")
    )
    third_country_transfer = blocks.TextBlock(
        label=_("Transfer to third countries"),
        help_text=_("Whether data leave the EU/EEA, and on which safeguard; “none” if not."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Processing activity")
        template = "legal_pages/blocks/processing_activity.html"


class NonAccessibleContentBlock(blocks.StructBlock):
    """Content that is not accessible, why, and the accessible alternative (EU 2018/1523)."""

    content = blocks.TextBlock(
        label=_("Content"), help_text=_("What is not accessible, in words everyone understands.")
    )
    reason = blocks.ChoiceBlock(choices=NON_ACCESSIBLE_REASONS, label=_("Reason"))
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        help_text=_("Which requirement is not met, or why fixing it would be disproportionate."),
    )
    alternative = blocks.TextBlock(
        label=_("Accessible alternative"),
        required=False,
        help_text=_("How people can get this content another way, if there is one."),
    )

    class Meta:
        icon = "warning"
        label = _("Content that is not accessible")
        template = "legal_pages/blocks/non_accessible_content.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["reason_label"] = dict(NON_ACCESSIBLE_REASONS).get(value["reason"], "")
        return context


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in German Sign Language with captions and a transcript (BITV 2.0 § 4)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video file"),
        validators=[validate_video_file],
        help_text=_(
            "MP4 or WebM, at least 320 × 240 pixels and 25 frames per second; visitors can "
            "also download it."
        ),
    )
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        validators=[validate_caption_file],
        help_text=_("A .vtt file with the captions of what is signed."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Everything the video says, as text."),
    )

    class Meta:
        icon = "media"
        label = _("Sign language video")
        template = "legal_pages/blocks/sign_language_video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video_type"] = video_type(value["video"])
        return context
