"""Admin: subscribers (search, filter, CSV export, delete = erase), the accredited list,
pre-releases under embargo, the send log, the counts per list, the follow-up mail's publish
button and the subscribe link on the press index."""

from django.contrib import messages
from django.db.models import Count, Q
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage, Topic

from . import follow_ups, sending
from .models import AccreditedJournalist, Delivery, Mailing, PreRelease, Subscriber


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "index", "language", "requested_at", "confirmed_at"]
    list_filter = ["index", "topics", "issuers", "language"]
    list_export = ["email", "index", "language", "requested_at", "confirmed_at", "consent_version"]
    export_filename = "subscribers"
    search_fields = ["email"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "index",
        "language",
        "requested_at",
        "confirmed_at",
        "consent_version",
        "consent_lists",
        "ip_address",
    ]


class JournalistViewSet(SnippetViewSet):
    model = AccreditedJournalist
    icon = "group"
    menu_label = _("Accredited journalists")
    list_display = ["name", "outlet", "email", "admitted_at", "admitted_by"]
    search_fields = ["name", "outlet", "email"]
    search_backend_name = None


class PreReleaseViewSet(SnippetViewSet):
    model = PreRelease
    icon = "time"
    menu_label = _("Pre-releases under embargo")
    list_display = ["release", "send_at", "started_at", "finished_at"]

    def get_queryset(self, request):
        return PreRelease.objects.filter(kind=Mailing.EMBARGO).select_related("release")


class DeliveryViewSet(SnippetViewSet):
    model = Delivery
    icon = "mail"
    menu_label = _("Send log")
    list_display = ["email", "mailing", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "mailing"]
    search_fields = ["email"]
    search_backend_name = None
    list_export = ["email", "mailing", "status", "attempts", "sent_at", "error"]
    export_filename = "send-log"

    def get_queryset(self, request):
        return Delivery.objects.select_related("mailing__release").order_by("-pk")


class MailingListGroup(SnippetViewSetGroup):
    items = [SubscriberViewSet, JournalistViewSet, PreReleaseViewSet, DeliveryViewSet]
    menu_icon = "mail"
    menu_label = _("Mailing list")
    menu_order = 270


register_snippet(MailingListGroup)


@hooks.register("after_create_snippet")
def record_who_admitted(request, instance):
    if isinstance(instance, AccreditedJournalist) and instance.admitted_by_id is None:
        instance.admitted_by = request.user
        instance.save(update_fields=["admitted_by"])


class ListCountsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "distribution/admin/counts.html"
    page_title = _("Mailing list: counts")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = Subscriber.objects.filter(confirmed_at__isnull=False)
        context.update(
            indexes=[
                (index, confirmed.filter(index=index).count())
                for index in PressReleaseIndexPage.objects.all()
            ],
            topics=[(t, confirmed.filter(topics=t).count()) for t in Topic.objects.all()],
            issuers=[(i, confirmed.filter(issuers=i).count()) for i in Issuer.objects.all()],
            everything=confirmed.filter(all_releases=True).count(),
            unconfirmed=Subscriber.objects.filter(confirmed_at__isnull=True).count(),
            journalists=AccreditedJournalist.objects.count(),
            mailings=Mailing.objects.select_related("release").annotate(
                sent=Count("deliveries", filter=Q(deliveries__status=Delivery.SENT)),
                failed=Count("deliveries", filter=Q(deliveries__status=Delivery.FAILED)),
                uncertain=Count("deliveries", filter=Q(deliveries__status=Delivery.UNCERTAIN)),
                waiting=Count(
                    "deliveries", filter=Q(deliveries__status__in=["pending", "claimed"])
                ),
            )[:50],
        )
        return context


@hooks.register("register_admin_urls")
def register_counts_url():
    return [path("mailing-list/counts/", ListCountsView.as_view(), name="pressroom_mail_counts")]


@hooks.register("register_reports_menu_item")
def register_counts_menu_item():
    return MenuItem(
        _("Mailing list"), reverse("pressroom_mail_counts"), icon_name="mail", order=660
    )


FOLLOW_UP = "pressroom-follow-up"


class PublishWithFollowUpMenuItem(PublishMenuItem):
    """ "Publish and mail the correction or withdrawal": beside the plain "Publish" (the default,
    which mails nothing), on a live release that was mailed."""

    label = _("Publish and mail the correction or withdrawal")
    name = "action-publish-follow-up"
    template_name = "distribution/admin/publish_follow_up.html"
    icon_name = "mail"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, PressReleasePage)
            and page.live
            and super().is_shown(context)
            and sending.received(page).exists()
        )

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), "value": FOLLOW_UP}


@hooks.register("register_page_action_menu_item")
def register_follow_up_menu_item():
    return PublishWithFollowUpMenuItem(order=35)


@hooks.register("after_publish_page")
def mail_follow_up(request, page):
    """The editor chose the follow-up: queue it and say what happens."""
    if request.POST.get("action-publish") != FOLLOW_UP or not isinstance(page, PressReleasePage):
        return
    mailing = follow_ups.request(page, timezone.now())
    if mailing is None:
        messages.warning(
            request, gettext("No follow-up mail: no new correction or withdrawal to mail.")
        )
        return
    count = sending.received(page).values("email").distinct().count()
    messages.success(
        request,
        ngettext(
            "The follow-up mail goes to %(count)d recipient of the release.",
            "The follow-up mail goes to %(count)d recipients of the release.",
            count,
        )
        % {"count": count},
    )


@hooks.register("pressroom_index_links")
def subscribe_link(index, request):
    """The index's subscribe page, beside its feeds (none where our URLs are not included)."""
    try:
        url = reverse("pressroom_distribution:subscribe", args=[index.pk])
    except NoReverseMatch:
        return None
    return gettext("Press releases by email"), url
