"""Subscribers with their consent, the accredited list, mailings and the record of deliveries."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from announcements.models import (
    Correction,
    Issuer,
    PressReleaseIndexPage,
    PressReleasePage,
    Topic,
)


def new_key() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """One address subscribed to one press index, by topic and/or issuer (none: everything)."""

    index = models.ForeignKey(
        PressReleaseIndexPage,
        verbose_name=_("press index"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=10)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    issuers = models.ManyToManyField(
        Issuer, verbose_name=_("issuers"), blank=True, related_name="+"
    )
    all_releases = models.BooleanField(_("all releases"), default=True, editable=False)
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    # The consent proof (GDPR Art. 7 (1)): when it was asked for and confirmed, to which text
    # version and lists; the client address only when PRESSROOM_MAIL_STORE_IP_ADDRESS is set.
    requested_at = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    consent_version = models.CharField(_("consent text version"), max_length=50, editable=False)
    consent_lists = models.JSONField(_("lists consented to"), default=dict, editable=False)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, editable=False)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(fields=["index", "email"], name="pr_sub_once")]
        indexes = [models.Index(fields=["index", "language", "confirmed_at"])]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def list_names(self) -> dict:
        """What the subscriber chose, in words (stored as consent proof, shown when managing)."""
        return {
            "index": self.index.title,
            "language": self.language,
            "topics": sorted(topic.name for topic in self.topics.all()),
            "issuers": sorted(issuer.name for issuer in self.issuers.all()),
        }


class AccreditedJournalist(models.Model):
    """A member of the embargo list: admitted by an editor, never by signing up."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), unique=True)
    admitted_at = models.DateTimeField(_("admitted"), default=timezone.now, editable=False)
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admitted by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)

    panels = [FieldPanel("name"), FieldPanel("outlet"), FieldPanel("email")]

    class Meta:
        verbose_name = _("accredited journalist")
        verbose_name_plural = _("accredited journalists")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name


class Mailing(models.Model):
    """One release sent once to one list: at go-live to subscribers, or before it under embargo;
    or a follow-up (a correction, the withdrawal) to everyone who received the release."""

    RELEASE, EMBARGO = "release", "embargo"
    CORRECTION, WITHDRAWAL = "correction", "withdrawal"
    FOLLOW_UPS = (CORRECTION, WITHDRAWAL)
    KINDS = [
        (RELEASE, _("at go-live")),
        (EMBARGO, _("before go-live, under embargo")),
        (CORRECTION, _("follow-up: correction")),
        (WITHDRAWAL, _("follow-up: withdrawal")),
    ]

    release = models.ForeignKey(
        PressReleasePage,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=RELEASE)
    send_at = models.DateTimeField(
        _("send at"),
        default=timezone.now,
        help_text=_("When the accredited journalists receive the release; before its go-live."),
    )
    # A correction follow-up: the newest correction it announces (one follow-up per correction).
    correction = models.ForeignKey(
        Correction,
        verbose_name=_("correction"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, editable=False)

    panels = [
        PageChooserPanel("release", "pressroom_announcements.PressReleasePage"),
        FieldPanel("send_at"),
    ]

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "kind"],
                condition=~Q(kind="correction"),
                name="pr_mailing_once",
            ),
            models.UniqueConstraint(fields=["correction"], name="pr_follow_up_once"),
        ]
        ordering = ["-send_at"]

    def __str__(self):
        return f"{self.release.title} ({self.get_kind_display()})"

    def clean(self):
        if self.kind != self.EMBARGO or not self.release_id:
            return
        release = PressReleasePage.objects.get(pk=self.release_id)  # as stored now
        go_live = release.get_latest_revision_as_object().go_live_at
        if release.live or not go_live or go_live <= timezone.now():
            raise ValidationError(
                {"release": _("Only a release scheduled to go live later can be sent before.")}
            )
        if self.send_at >= go_live:
            raise ValidationError({"send_at": _("Choose a time before the release goes live.")})


class PreRelease(Mailing):
    """The editor's view of embargoed mailings ("vorab unter Sperrfrist versenden")."""

    class Meta:
        proxy = True
        verbose_name = _("pre-release under embargo")
        verbose_name_plural = _("pre-releases under embargo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = self.EMBARGO  # before the form validates it


class Delivery(models.Model):
    """One mail of one mailing to one address: the record of who got what and when."""

    PENDING, CLAIMED, SENDING, SENT, FAILED, UNCERTAIN = (
        "pending",
        "claimed",
        "sending",
        "sent",
        "failed",
        "uncertain",
    )
    STATUSES = [
        (PENDING, _("waiting")),
        (CLAIMED, _("in a batch")),
        (SENDING, _("being sent")),
        (SENT, _("sent")),
        (FAILED, _("failed")),
        (UNCERTAIN, _("uncertain (the worker stopped while sending)")),
    ]

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="deliveries"
    )
    # Erasing a subscriber or journalist erases their deliveries with them.
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.CASCADE)
    journalist = models.ForeignKey(AccreditedJournalist, null=True, on_delete=models.CASCADE)
    email = models.EmailField(_("email address"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True)
    sent_at = models.DateTimeField(_("sent"), null=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "email"], name="pr_delivery_once")
        ]
        indexes = [models.Index(fields=["mailing", "status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.email}: {self.mailing}"

    @property
    def recipient(self):
        return self.subscriber or self.journalist
