from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .upcoming import upcoming_releases


class UpcomingReleasesView(WagtailAdminTemplateMixin, TemplateView):
    """Admin → Reports → Embargoes: what goes public when."""

    template_name = "announcements/admin/upcoming.html"
    page_title = _("Embargoes")
    header_icon = "time"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = upcoming_releases(self.request.user)
        return context
