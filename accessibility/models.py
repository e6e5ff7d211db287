"""Stored audit runs: what was checked, when, by which engines, and what was found."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .findings import LEVELS

IMPACT_CHOICES = [(level, level) for level in LEVELS]


class AuditRun(models.Model):
    SITE, PUBLISH, MANUAL = "site", "publish", "manual"
    KINDS = [
        (SITE, _("all live pages")),
        (PUBLISH, _("on publish")),
        (MANUAL, _("URLs, files or crawl")),
    ]

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default=MANUAL)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    engines = models.CharField(_("engines"), max_length=50)
    engine_versions = models.CharField(_("engine versions"), max_length=200, blank=True)
    target = models.CharField(_("audited"), max_length=500, help_text=_("Site, URLs or files."))
    disabled_rules = models.JSONField(_("disabled rules and why"), default=dict, blank=True)
    # How the run audits (engines, profile, base URL): what --resume needs to go on.
    options = models.JSONField(default=dict, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("published page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_at = models.DateTimeField(null=True, blank=True)
    # The run's last sign of life (started, a page stored, queued again): a run without one for
    # PRESSROOM_AUDIT_STALE_AFTER seconds was abandoned by a process that died (runs.abandoned).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility audit run")
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} – {self.target}"


class AuditedPage(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="pages")
    url = models.CharField(_("address"), max_length=2000)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # None while planned: a run stores each page with its findings as soon as it is audited.
    audited_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The engines that audited it, e.g. only "static" for a feed (no browser opens a feed).
    engines = models.CharField(_("engines"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("audited page")
        ordering = ["pk"]

    def __str__(self):
        return self.url


class AuditFinding(models.Model):
    audited_page = models.ForeignKey(AuditedPage, on_delete=models.CASCADE, related_name="findings")
    engine = models.CharField(_("engine"), max_length=20)
    rule_id = models.CharField(_("rule"), max_length=100, db_index=True)
    impact = models.CharField(_("impact"), max_length=20, choices=IMPACT_CHOICES, db_index=True)
    wcag = models.CharField(_("WCAG"), max_length=30)
    selector = models.TextField(_("element"))
    help = models.TextField(_("help"))
    html = models.TextField(blank=True)
    help_url = models.URLField(blank=True, max_length=500)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("accessibility finding")
        ordering = ["audited_page", "pk"]

    def __str__(self):
        return f"{self.rule_id} ({self.impact})"
