"""A host site's URLs with Wagtail's own images API (for the photo-lock system check)."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.images.api.v2.views import ImagesAPIViewSet

router = WagtailAPIRouter("stockapi")
router.register_endpoint("images", ImagesAPIViewSet)
urlpatterns = [path("api/v2/", router.urls)]
