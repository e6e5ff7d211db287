from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from . import photo_lock
from .embargo import galleries, images_of


def photo_problems(images, user, release_pk, collection) -> list[str]:
    """Why these gallery photos may not be used by `user` in release `release_pk`, if at all:
    a photo locked for another release, not choosable by the user (Wagtail's collection
    permissions) or outside the issuer's photo collection."""
    policy = photo_lock.image_policy()
    locks = photo_lock.locks_of(images)
    problems = []
    for image in images:
        lock = locks.get(image.pk)
        if lock is not None and lock.page_id != release_pk:
            problems.append(_("“%(title)s” is withheld for another release.") % {"title": image})
        elif not policy.user_has_permission_for_instance(user, "choose", image):
            problems.append(_("You may not use the photo “%(title)s”.") % {"title": image})
        elif collection is not None and not image.collection.path.startswith(collection.path):
            problems.append(
                _("“%(title)s” is not in the issuer's photo collection “%(collection)s”.")
                % {"title": image, "collection": collection}
            )
    return problems


class PressReleaseForm(WagtailAdminPageForm):
    """Below an index bound to one issuer, a release can only have that issuer; galleries take
    only photos the editor may choose, from the issuer's collection, not withheld elsewhere."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is None and self.instance.pk:
            parent_page = self.instance.get_parent()
        required = getattr(parent_page.specific, "issuer", None) if parent_page else None
        if required is not None and "issuer" in self.fields:
            self.fields["issuer"].queryset = self.fields["issuer"].queryset.filter(pk=required.pk)
            if not self.initial.get("issuer"):
                self.initial["issuer"] = required.pk

    def clean(self):
        cleaned_data = super().clean()
        body, issuer = cleaned_data.get("body"), cleaned_data.get("issuer")
        if body is None or self.for_user is None:
            return cleaned_data
        images = [image for gallery in galleries(body) for image in images_of(gallery)]
        collection = getattr(issuer, "photo_collection", None)
        problems = photo_problems(images, self.for_user, self.instance.pk, collection)
        if problems:
            error = StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(problem) for problem in problems])
            )
            self.add_error("body", error)
        return cleaned_data
