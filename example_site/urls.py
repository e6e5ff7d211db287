from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from announcements.views import serve_media

from .api import api_router

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap),
]

# Media: in production the web server serves MEDIA_ROOT and hands misses to this view (a photo
# whose release time has just come is released by that request); here Django serves it all.
urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media))

urlpatterns += i18n_patterns(
    path("presseverteiler/", include("distribution.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
