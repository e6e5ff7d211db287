"""Public views: subscribe, confirm, manage, unsubscribe (also RFC 8058 one-click)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from announcements.models import PressReleaseIndexPage

from . import conf, links, subscriptions
from .forms import ListsForm, SubscribeForm
from .messages import confirmation_message
from .models import Subscriber


def root_url(request) -> str:
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def notice(request, title, text, status=200, **context):
    context.update(title=title, text=text)
    return render(request, "distribution/notice.html", context, status=status)


@never_cache
def subscribe(request, index_id):
    index = get_object_or_404(PressReleaseIndexPage.objects.live().public(), pk=index_id)
    initial = {"language": request.LANGUAGE_CODE}
    form = SubscribeForm(request.POST or None, index=index, initial=initial)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam:  # the honeypot was filled in: look as if it worked
            return redirect("pressroom_distribution:requested")
        client = request.META.get("REMOTE_ADDR", "")
        if subscriptions.over_rate_limit(form.cleaned_data["email"], "client:" + client):
            form.add_error(None, _("Too many requests. Please try again in an hour."))
            status = 429
        else:
            subscriber = subscriptions.request(index, form.cleaned_data, client, timezone.now())
            confirmation_message(subscriber, root_url(request)).send()
            return redirect("pressroom_distribution:requested")
    context = {"form": form, "index": index}
    context["consent_version"] = conf.get("PRESSROOM_MAIL_CONSENT_VERSION")
    return render(request, "distribution/subscribe.html", context, status=status)


def requested(request):
    return notice(
        request,
        _("Please check your inbox"),
        _(
            "We have sent you an email. Follow the link in it to confirm your subscription; "
            "until then you will receive nothing else from us."
        ),
    )


def recipient_or_404(token, purpose):
    found = links.read(token, purpose)
    recipient = subscriptions.find(*found) if found else None
    if recipient is None:
        raise Http404
    return recipient


@never_cache
def confirm(request, token):
    """GET shows a button, POST confirms: link scanners in mail systems only GET."""
    found = links.read(token, "confirm")
    subscriber = subscriptions.find(*found) if found else None
    if subscriber is None:
        return notice(
            request,
            _("This link has expired"),
            _("Please subscribe again; the confirmation link is valid for %(days)s days.")
            % {"days": conf.get("PRESSROOM_MAIL_CONFIRM_DAYS")},
            status=404,
        )
    if request.method == "POST":
        subscriptions.confirm(subscriber, timezone.now())
    if subscriber.is_confirmed:
        manage = links.url("", "manage", links.SUBSCRIBER, subscriber.key, request.LANGUAGE_CODE)
        return notice(
            request,
            _("Your subscription is confirmed"),
            _("You will receive our press releases by email from now on."),
            link=(manage, _("Manage your subscription")),
        )
    return notice(
        request,
        _("Confirm your subscription"),
        _("Confirm that you want to receive press releases at %(email)s.")
        % {"email": subscriber.email},
        button=_("Confirm subscription"),
    )


@never_cache
def manage(request, token):
    recipient = recipient_or_404(token, "manage")
    unsubscribe = reverse("pressroom_distribution:unsubscribe", args=[token])
    if not isinstance(recipient, Subscriber):
        context = {"recipient": recipient, "unsubscribe_url": unsubscribe}
        return render(request, "distribution/manage.html", context)
    initial = {
        "language": recipient.language,
        "topics": recipient.topics.all(),
        "issuers": recipient.issuers.all(),
    }
    form = ListsForm(request.POST or None, index=recipient.index, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriptions.change(recipient, form.cleaned_data, timezone.now())
        saved = True
    context = {"recipient": recipient, "form": form, "saved": saved}
    context["unsubscribe_url"] = unsubscribe
    return render(request, "distribution/manage.html", context, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without a form
@never_cache
def unsubscribe(request, token):
    found = links.read(token, "manage")
    if request.method == "POST":
        subscriptions.erase(subscriptions.find(*found) if found else None)
        return notice(
            request,
            _("You are unsubscribed"),
            _("Your address and your consent record have been erased. You will get no more mail."),
        )
    if not found or subscriptions.find(*found) is None:
        return notice(
            request, _("Already unsubscribed"), _("This address gets no mail from us."), 404
        )
    return notice(
        request,
        _("Unsubscribe"),
        _("Unsubscribe and erase your address from this list?"),
        button=_("Unsubscribe"),
    )
