from wagtail.admin.forms import WagtailAdminPageForm


class PressReleaseForm(WagtailAdminPageForm):
    """Below an index bound to one issuer, a release can only have that issuer."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is None and self.instance.pk:
            parent_page = self.instance.get_parent()
        required = getattr(parent_page.specific, "issuer", None) if parent_page else None
        if required is not None and "issuer" in self.fields:
            self.fields["issuer"].queryset = self.fields["issuer"].queryset.filter(pk=required.pk)
            if not self.initial.get("issuer"):
                self.initial["issuer"] = required.pk
