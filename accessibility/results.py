"""Storing audit results and reading the latest run: the API other apps use."""

from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from .findings import Finding
from .models import AuditedPage, AuditFinding, AuditRun


@transaction.atomic
def store_run(target: str, results, pages_by_url=None) -> AuditRun:
    """Store a run from AuditResult objects; pages_by_url links URLs to Wagtail pages."""
    pages_by_url = pages_by_url or {}
    engines = sorted({result.engine for result in results})
    versions = sorted({result.engine_version for result in results if result.engine_version})
    disabled = {}
    for result in results:
        disabled.update(result.disabled_rules)
    run = AuditRun.objects.create(
        engines=",".join(engines),
        engine_versions="; ".join(versions),
        target=target[:500],
        disabled_rules=disabled,
    )
    audited = {}
    for result in results:
        if result.url not in audited:
            audited[result.url] = AuditedPage.objects.create(
                run=run, url=result.url, page=pages_by_url.get(result.url)
            )
        AuditFinding.objects.bulk_create(
            AuditFinding(audited_page=audited[result.url], **asdict(finding))
            for finding in result.findings
        )
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def latest_run() -> AuditRun | None:
    """The most recent finished run, or None."""
    return (
        AuditRun.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-pk").first()
    )


def findings_of(run: AuditRun) -> list[Finding]:
    fields = ["engine", "rule_id", "impact", "wcag", "selector", "help", "html", "help_url"]
    return [
        Finding(**{name: getattr(row, name) for name in fields})
        for row in AuditFinding.objects.filter(audited_page__run=run)
    ]
