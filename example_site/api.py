"""Wagtail API v2: pages, and images without the photos locked until a release time."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from announcements.images_api import ImagesAPIViewSet
from announcements.search_terms import search_words

MAX_OFFSET = 1_000_000


class SafeQueryMixin:
    """Any query string gives an answer or a 400, never a 500."""

    def initialize_request(self, request, *args, **kwargs):
        if "search" in request.GET:
            request.GET = request.GET.copy()
            request.GET["search"] = search_words(request.GET["search"])
            if not request.GET["search"]:
                del request.GET["search"]
        return super().initialize_request(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_values(request.GET)  # every view: listing, detail and find


def check_values(query):
    """A BadRequestError for values Wagtail or the database cannot take."""
    for name, values in query.lists():
        if any("\x00" in value for value in values):
            raise BadRequestError(f"{name}: NUL characters are not allowed")
    if query.get("search_operator", "and") not in ("and", "or"):
        raise BadRequestError("search_operator must be 'and' or 'or'")
    offset = query.get("offset", "0")
    if offset.isdigit() and int(offset) > MAX_OFFSET:
        raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")


class PressroomPagesAPIViewSet(SafeQueryMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, safe for any query string."""


class PressroomImagesAPIViewSet(SafeQueryMixin, ImagesAPIViewSet):
    """Images without the photos locked until a release time, safe for any query string."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PressroomPagesAPIViewSet)
api_router.register_endpoint("images", PressroomImagesAPIViewSet)
