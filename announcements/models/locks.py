from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string
from wagtail.models import Page


class PhotoLock(models.Model):
    """A gallery photo kept in the locked storage until `until` (see announcements.photo_lock)."""

    image = models.OneToOneField(
        get_image_model_string(),
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        Page, verbose_name=_("release"), on_delete=models.CASCADE, related_name="+"
    )
    until = models.DateTimeField(_("locked until"), db_index=True)
    # The original's name in both storages: kept here so a deleted image's locked copy is found.
    file_name = models.CharField(max_length=255, editable=False)

    class Meta:
        verbose_name = _("locked photo")
        verbose_name_plural = _("locked photos")

    def __str__(self):
        return f"{self.image_id} until {self.until.isoformat()}"
