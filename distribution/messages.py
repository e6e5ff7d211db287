"""The mails: a release as multipart/alternative (plain text and accessible HTML) and the
confirmation mail. A release is rendered once per mailing; each recipient gets their links."""

from bs4 import BeautifulSoup
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from announcements import embargo, rules

from . import conf, links
from .models import Mailing

try:
    from django.core.mail import mailers  # Django 6.1
except ImportError:
    mailers = None

MANAGE, UNSUBSCRIBE = "__pressroom_manage_url__", "__pressroom_unsubscribe_url__"


def mail_connection():
    return mailers.default if mailers is not None else get_connection()


def readable(moment) -> str:
    """“25. November 2026, 18:00 Uhr” in the site's zone (the release page's format)."""
    return dateformat.format(timezone.localtime(moment), _("j F Y, H:i"))


def time_html(moment) -> str:
    local = timezone.localtime(moment)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), readable(local))


def absolute(html: str, root_url: str) -> str:
    """Links and images of rich text pointing at our site, made absolute for a mail."""
    soup = BeautifulSoup(html, "html.parser")
    for element, attribute in [("a", "href"), ("img", "src")]:
        for tag in soup.find_all(element, attrs={attribute: True}):
            if tag[attribute].startswith("/"):
                tag[attribute] = root_url + tag[attribute]
    return str(soup)


def as_text(html: str) -> str:
    """Rich text as plain text, every link followed by its address."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        link.replace_with(f"{link.get_text()} <{link['href']}>")
    paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all(["p", "li", "h2", "h3"])]
    return "\n\n".join(p for p in paragraphs if p) or soup.get_text(" ", strip=True)


def full_url(url: str, root_url: str) -> str:
    return root_url + url if url.startswith("/") else url


def gallery_data(gallery, root_url, opens_at, now):
    """A gallery for the mail: its photos if released, else from when they are available."""
    release_at = max(filter(None, [gallery.release_at, opens_at]), default=None)
    if release_at and release_at > now:
        return {
            "type": "gallery",
            "heading": gallery["heading"],
            "from": release_at,
            "from_text": readable(release_at),
        }
    images = []
    for item in gallery["images"]:
        if item["image"] is None:
            continue
        rendition = item["image"].get_rendition("max-800x600")
        images.append(
            {
                "src": full_url(rendition.url, root_url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": item["alt_text"],
                "caption": item["caption"],
                "credit": item["credit"],
                "original": full_url(item["image"].file.url, root_url),
            }
        )
    return {"type": "gallery", "heading": gallery["heading"], "images": images}


def body_data(release, root_url, opens_at, now) -> list[dict]:
    """The body's blocks as plain data both mail parts are written from."""
    blocks = []
    for block in release.body:
        value = block.value
        if block.block_type == "paragraph":
            html = absolute(expand_db_html(value.source), root_url)
            blocks.append({"type": "paragraph", "html": html, "text": as_text(html)})
        elif block.block_type == "quote":
            blocks.append({"type": "quote", **dict(value)})
        elif block.block_type == "related_link" and value.href:
            href = full_url(value.href, root_url)
            blocks.append({"type": "link", "text": value["text"], "href": href})
        elif block.block_type == embargo.GALLERY:
            blocks.append(gallery_data(value, root_url, opens_at, now))
    return blocks


def release_context(mailing, root_url, now) -> dict:
    """The release mail: the full text (under embargo with the time it opens)."""
    release = mailing.release
    opens_at = None
    if mailing.kind == Mailing.EMBARGO:
        opens_at = rules.ensure_aware(release.get_latest_revision_as_object().go_live_at)
    subject = release.title
    if opens_at:
        embargo_note = _("Embargo: %(time)s") % {"time": readable(opens_at)}
        subject = f"{embargo_note} – {release.title}"
    return {
        "subject": subject,
        "blocks": body_data(release, root_url, opens_at, now),
        "opens_at": opens_at,
        "opens_at_text": readable(opens_at) if opens_at else "",
        "why_this_mail": _("You receive this mail as an accredited journalist.")
        if opens_at
        else _("You receive this mail because you subscribed to our press releases."),
    }


def follow_up_context(mailing) -> dict:
    """A follow-up: every correction, newest first, or why the release was withdrawn."""
    release = mailing.release
    withdrawn = mailing.kind == Mailing.WITHDRAWAL
    subject = _("Withdrawn: %(title)s") if withdrawn else _("Correction: %(title)s")
    corrections = sorted(release.corrections.all(), key=lambda c: (c.corrected_at, c.pk))
    return {
        "subject": subject % {"title": release.title},
        "withdrawn": withdrawn,
        "release_date_html": time_html(release.release_date),
        "corrections": [
            {"note": c.note, "text": readable(c.corrected_at), "html": time_html(c.corrected_at)}
            for c in reversed(corrections)
        ],
        "why_this_mail": _("You receive this mail because we sent you this press release."),
    }


class MailContent:
    """A mailing's subject and both parts, rendered once, with placeholders for the links."""

    def __init__(self, mailing: Mailing, now=None):
        release = mailing.release
        self.language = release.locale.language_code
        self.root_url = release.get_site().root_url
        follow_up = mailing.kind in Mailing.FOLLOW_UPS
        with translation.override(self.language):
            context = {
                "release": release,
                "language": self.language,
                "release_url": release.get_full_url(),
                "release_date_text": readable(release.release_date),
                "manage_url": MANAGE,
                "unsubscribe_url": UNSUBSCRIBE,
                **(
                    follow_up_context(mailing)
                    if follow_up
                    else release_context(mailing, self.root_url, now or timezone.now())
                ),
            }
            self.subject = context["subject"]
            template = "follow_up" if follow_up else "release"
            self.text = render_to_string(f"distribution/mail/{template}.txt", context)
            self.html = render_to_string(f"distribution/mail/{template}.html", context)

    def message(self, delivery) -> EmailMultiAlternatives:
        recipient = delivery.subscriber or delivery.journalist
        kind = links.SUBSCRIBER if delivery.subscriber_id else links.JOURNALIST
        manage = links.url(self.root_url, "manage", kind, recipient.key, self.language)
        unsubscribe = links.url(self.root_url, "unsubscribe", kind, recipient.key, self.language)

        def fill(text):
            return text.replace(MANAGE, manage).replace(UNSUBSCRIBE, unsubscribe)

        message = EmailMultiAlternatives(
            self.subject,
            fill(self.text),
            to=[delivery.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": self.language,
            },
        )
        message.attach_alternative(fill(self.html), "text/html")
        return message


def confirmation_message(subscriber, root_url) -> EmailMultiAlternatives:
    """The double opt-in mail: nothing is sent to the address before this link is followed."""
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "language": subscriber.language,
            "lists": subscriber.list_names(),
            "confirm_url": links.url(
                root_url, "confirm", links.SUBSCRIBER, subscriber.key, subscriber.language
            ),
            "days": conf.get("PRESSROOM_MAIL_CONFIRM_DAYS"),
        }
        subject = _("Please confirm your subscription: %(index)s") % {
            "index": subscriber.index.title
        }
        context["subject"] = subject
        text = render_to_string("distribution/mail/confirm.txt", context)
        html = render_to_string("distribution/mail/confirm.html", context)
    message = EmailMultiAlternatives(subject, text, to=[subscriber.email])
    message.attach_alternative(html, "text/html")
    return message
