"""Snippets: issuers and topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Issuer(models.Model):
    """The body that issues press releases, e.g. a ministry, with its press contact."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("Full name, e.g. “Ministry of Digital Affairs”.")
    )
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("Abbreviation, e.g. “StMD”.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("The issuer's home page."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown next to the press contact."),
    )
    photo_collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("photo collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Galleries of this issuer's releases take photos from this collection (and its "
            "sub-collections) only. Give each issuer's editors permissions on their collection."
        ),
    )
    press_contact_name = models.CharField(
        _("press contact"),
        max_length=255,
        blank=True,
        help_text=_("Person or office journalists should contact, e.g. “Pressestelle”."),
    )
    press_contact_phone = models.CharField(
        _("press phone"), max_length=50, blank=True, help_text=_("E.g. “+49 89 1234-5678”.")
    )
    press_contact_email = models.EmailField(
        _("press email"), blank=True, help_text=_("E.g. “presse@example.org”.")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("photo_collection"),
            ],
            heading=_("Issuer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("press_contact_name"),
                FieldRowPanel(
                    [FieldPanel("press_contact_phone"), FieldPanel("press_contact_email")]
                ),
            ],
            heading=_("Press contact"),
        ),
    ]

    class Meta:
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_press_contact(self):
        return bool(self.press_contact_name or self.press_contact_phone or self.press_contact_email)


class Topic(models.Model):
    """A subject releases can be filtered and subscribed by, e.g. “Digitales”."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in addresses, e.g. “digitales”.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name
