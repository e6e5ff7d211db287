import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import photo_lock
from .upcoming import upcoming_releases

PROTECTED_STEM = re.compile(r"pr-[0-9a-f]{32}")
DOCUMENTS = "documents/"


def serve_media(request, path):
    """MEDIA_URL for the files the web server does not have (nginx: `try_files $uri @django`).

    A photo whose release time has come is released by this very request, even when neither its
    page nor a job has run since. Then the file is sent by the web server
    (PRESSROOM_SENDFILE_HEADER, e.g. "X-Accel-Redirect", with PRESSROOM_SENDFILE_PREFIX) or, in
    development and in the example site, by Django. Locked photos are not in MEDIA_ROOT: 404.
    Documents are refused here: Wagtail's document view (/documents/<id>/<name>) is their only
    door, so that its permission and release checks cannot be walked around.
    """
    if path.startswith(DOCUMENTS):
        raise Http404  # documents only through Wagtail's document view, which checks them
    stem = PROTECTED_STEM.search(path)
    if stem:
        photo_lock.release_due(file_name__contains=stem.group())
    response = serve(request, path, document_root=settings.MEDIA_ROOT)  # 404 when missing
    header = getattr(settings, "PRESSROOM_SENDFILE_HEADER", "")
    if not header:
        return response
    response.close()
    sent = HttpResponse(content_type=response["Content-Type"])
    sent[header] = getattr(settings, "PRESSROOM_SENDFILE_PREFIX", "/internal-media/") + path
    return sent


class UpcomingReleasesView(WagtailAdminTemplateMixin, TemplateView):
    """Admin → Reports → Embargoes: what goes public when."""

    template_name = "announcements/admin/upcoming.html"
    page_title = _("Embargoes")
    header_icon = "time"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = upcoming_releases(self.request.user)
        return context
