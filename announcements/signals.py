"""Unguessable file names for uploaded images (PRESSROOM_PROTECT_IMAGE_FILE_NAMES)."""

from django.conf import settings
from django.db.models.signals import pre_save
from wagtail.images import get_image_model

from .embargo import has_protected_name, protected_file_name


def protect_new_image_file_name(sender, instance, **kwargs):
    """An upload's file name ("minister-18uhr.jpg") would make its URL guessable: replace it."""
    if not getattr(settings, "PRESSROOM_PROTECT_IMAGE_FILE_NAMES", True):
        return
    file = instance.file
    if file and not file._committed and not has_protected_name(file.name):
        file.name = protected_file_name(file.name)


def connect():
    pre_save.connect(
        protect_new_image_file_name, sender=get_image_model(), dispatch_uid="pressroom-image-name"
    )
