"""Storing audit results and reading the latest run: the API other apps use."""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .findings import disabled_rules_of, engine_versions
from .models import AuditedPage, AuditFinding, AuditRun


@transaction.atomic
def store_run(target: str, results, pages_by_url=None) -> AuditRun:
    """Store a run from AuditResult objects; pages_by_url links URLs to Wagtail pages."""
    pages_by_url = pages_by_url or {}
    run = AuditRun.objects.create(
        engines=",".join(sorted({result.engine for result in results})),
        engine_versions="; ".join(engine_versions(results)),
        target=target[:500],
        disabled_rules=disabled_rules_of(results),
    )
    audited = {}
    for result in results:
        if result.url not in audited:
            audited[result.url] = AuditedPage.objects.create(
                run=run,
                url=result.url,
                page=pages_by_url.get(result.url),
                audited_at=run.started_at,
            )
        AuditFinding.objects.bulk_create(
            AuditFinding(audited_page=audited[result.url], **asdict(finding))
            for finding in result.findings
        )
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def latest_run() -> AuditRun | None:
    """The most recent complete run of the site, URLs or files, or None. Runs on publish audit a
    few pages only and do not count: the statement and the report speak of whole runs."""
    runs = AuditRun.objects.filter(finished_at__isnull=False).exclude(kind=AuditRun.PUBLISH)
    return runs.order_by("-finished_at", "-pk").first()


@dataclass
class RunSummary:
    """A stored run as other apps see it, without touching our models."""

    finished_at: datetime
    pages: int  # audited pages
    engines: str  # with versions when known
    pages_by_criterion: dict[str, int]  # WCAG success criterion (or "best-practice") → pages


def run_summary(run: AuditRun | None = None) -> RunSummary | None:
    """The summary of `run` (default: the latest finished run), or None when there is none."""
    run = run or latest_run()
    if run is None:
        return None
    pages = defaultdict(set)
    # results an engine could not decide (“review”) are questions, not known problems
    findings = AuditFinding.objects.filter(audited_page__run=run).exclude(impact="review")
    for criteria, page_id in findings.values_list("wcag", "audited_page_id"):
        for criterion in criteria.split(","):
            pages[criterion.strip()].add(page_id)
    return RunSummary(
        finished_at=run.finished_at,
        pages=run.pages.count(),
        engines=run.engine_versions or run.engines,
        pages_by_criterion={criterion: len(ids) for criterion, ids in pages.items()},
    )
