from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Issuer, PressReleaseIndexPage, PressReleasePage, Topic


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuers")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "short_name", "press_contact_email"]
    search_fields = ["name", "short_name"]


register_snippet(IssuerViewSet)


@hooks.register("register_admin_urls")
def register_announcement_admin_urls():
    from .preview_photos import serve_preview_photo
    from .views import UpcomingReleasesView

    return [
        path("pressroom/photos/<str:token>/", serve_preview_photo, name="pressroom_preview_photo"),
        path("reports/embargoes/", UpcomingReleasesView.as_view(), name="pressroom_embargoes"),
    ]


@hooks.register("pressroom_audit_on_publish_pages")
def feeds_changed_by(page):
    """For the accessibility audit on publish (when installed): a release or an index changes
    the first page of the index's RSS and Atom feeds."""
    page = page.specific_deferred
    index = page.get_parent().specific if isinstance(page, PressReleasePage) else page
    parts = index.get_url_parts() if isinstance(index, PressReleaseIndexPage) else None
    if not parts or not parts[2]:
        return []
    return [parts[2] + index.reverse_subpage(name) for name in ("rss", "atom")]


@hooks.register("register_reports_menu_item")
def register_embargo_menu_item():
    return MenuItem(_("Embargoes"), reverse("pressroom_embargoes"), icon_name="time", order=650)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("register_admin_viewset")
def register_release_listing():
    """Admin menu “Press releases”: every release, with date, issuer, status and embargo."""
    from wagtail.admin.ui.tables import Column, DateColumn
    from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
    from wagtail.admin.viewsets.pages import PageListingViewSet

    from .models import PressReleasePage

    class PressReleaseListing(PageListingViewSet):
        model = PressReleasePage
        icon = "doc-full"
        menu_label = _("Press releases")
        add_to_admin_menu = True
        menu_order = 240
        columns = [
            PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
            DateColumn("release_date", label=_("Release date"), sort_key="release_date"),
            Column("issuer", label=_("Issuer"), accessor="issuer", sort_key="issuer__name"),
            PageStatusColumn("status", label=_("Status"), sort_key="live"),
            Column("embargo", label=_("Embargo"), accessor="embargo_summary"),
        ]

    return PressReleaseListing("press_releases")


@hooks.register("construct_image_chooser_queryset")
def hide_photos_locked_for_others(images, request):
    """The chooser offers a withheld photo only to editors of the release it is withheld for."""
    from wagtail.models import Page

    from .photo_lock import active_locks

    foreign = [
        lock.image_id
        for lock in active_locks()
        if not Page.objects.get(pk=lock.page_id).permissions_for_user(request.user).can_edit()
    ]
    return images.exclude(pk__in=foreign)


@hooks.register("before_serve_document")
def withhold_documents_of_unpublished_releases(document, request):
    from django.http import Http404

    from .embargo import withheld_document

    if withheld_document(document, request.user):
        raise Http404
