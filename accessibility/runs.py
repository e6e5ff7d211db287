"""Runs stored page by page: every page of a run is written down first, and each page's findings
are stored the moment it is audited. A run that was killed goes on where it stopped
(`audit_accessibility --resume RUN_ID`): no page stored twice, none lost. N pages are audited at
a time, each by its own browser (local Chromiums or Grid sessions), recycled every M pages."""

import logging
import queue
import threading
from dataclasses import asdict

from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from . import conf
from .findings import AuditResult, Finding
from .html_tools import parse
from .models import AuditedPage, AuditFinding, AuditRun
from .runner import fetch
from .static import audit_soup, site_facts

logger = logging.getLogger(__name__)
ATTEMPTS = 2  # a page whose browser crashed is tried once more with a fresh browser


def plan(targets, *, engines, profile, target, kind=AuditRun.MANUAL, **fields) -> AuditRun:
    """Write down the run and its pages (none audited yet); each address once."""
    run = AuditRun.objects.create(
        kind=kind,
        engines=",".join(sorted(engines)),
        target=target[:500],
        options={"engines": list(engines), "profile": profile, **fields.pop("options", {})},
        **fields,
    )
    unique = {}
    for target_ in targets:
        unique.setdefault(target_.url, target_)
    AuditedPage.objects.bulk_create(
        (
            AuditedPage(run=run, url=t.url, page_id=t.page.pk if t.page is not None else None)
            for t in unique.values()
        ),
        batch_size=500,
    )
    return run


def store_page(audited_page_id: int, results) -> bool:
    """Store one page's results, unless that page is stored already; True if stored now."""
    with transaction.atomic():
        claimed = AuditedPage.objects.filter(pk=audited_page_id, audited_at__isnull=True).update(
            audited_at=timezone.now()
        )
        if not claimed:
            return False
        AuditFinding.objects.bulk_create(
            AuditFinding(audited_page_id=audited_page_id, **asdict(finding))
            for result in results
            for finding in result.findings
        )
    return True


def pending(run) -> list[tuple[int, str]]:
    return list(run.pages.filter(audited_at__isnull=True).order_by("pk").values_list("pk", "url"))


def version_of(run, engine: str) -> str:
    prefix = {"axe": "axe-core", "static": "pressroom static"}.get(engine, engine)
    return next((v for v in run.engine_versions.split("; ") if v.startswith(prefix)), "")


def results_of(run):
    """The stored findings of a run as AuditResults, one per page and engine, page by page."""
    engines = run.options.get("engines") or run.engines.split(",")
    for page in run.pages.filter(audited_at__isnull=False).prefetch_related("findings"):
        by_engine = {engine: [] for engine in engines}
        for finding in page.findings.all():
            by_engine.setdefault(finding.engine, []).append(
                Finding(**{name: getattr(finding, name) for name in Finding.__dataclass_fields__})
            )
        for engine, findings in by_engine.items():
            yield AuditResult(
                url=page.url,
                engine=engine,
                findings=findings,
                engine_version=version_of(run, engine),
                disabled_rules=run.disabled_rules if engine == "axe" else {},
            )


class PageAuditor:
    """Audits one page with the run's engines; holds one browser when axe is among them."""

    def __init__(self, engines, profile, site, grid_url=None, recycle_every=None, language=None):
        self.engines, self.profile, self.site = engines, profile, site
        self.axe = None
        if "axe" in engines:
            from .axe import AxeAuditor

            self.axe = AxeAuditor(language=language, grid_url=grid_url, recycle_every=recycle_every)

    def __enter__(self):
        if self.axe is not None:
            self.axe.__enter__()
        return self

    def __exit__(self, *exc_info):
        if self.axe is not None:
            self.axe.__exit__(*exc_info)

    def audit(self, url: str) -> list[AuditResult]:
        results = []
        if "static" in self.engines:
            results.append(audit_soup(parse(fetch(url)), url, None, self.profile, self.site))
        if self.axe is not None:
            for attempt in range(ATTEMPTS):
                try:
                    results.append(self.axe.audit(url))
                    break
                except Exception:
                    if attempt + 1 == ATTEMPTS:
                        raise
                    logger.warning("Browser failed on %s; retrying with a new one", url)
                    self.axe.restart_browser()
        return results


def run_facts(run, address) -> dict:
    """The static engine's facts across all pages of the run, fetched one page at a time."""
    urls = run.pages.order_by("pk").values_list("url", flat=True).iterator()
    return site_facts((url, parse(fetch(address(url)))) for url in urls)


def execute(
    run,
    *,
    parallel=None,
    grid_url=None,
    recycle_every=None,
    language=None,
    address=None,
    progress=None,
) -> AuditRun:
    """Audit the run's pending pages, `parallel` at a time; finish the run when none is left.
    address(url) maps a stored URL to where it is served now (a new local server on resume)."""
    address = address or (lambda url: url)
    parallel = parallel or conf.get("PRESSROOM_AUDIT_PARALLEL")
    grid_url = grid_url or conf.get("PRESSROOM_AUDIT_GRID_URL")
    recycle_every = recycle_every or conf.get("PRESSROOM_AUDIT_RECYCLE_PAGES")
    engines, profile = run.options["engines"], run.options["profile"]
    todo = pending(run)
    site = run_facts(run, address) if todo and "static" in engines else {}
    work = queue.SimpleQueue()
    for item in todo:
        work.put(item)
    total, done, seen, lock = len(todo), [0], {}, threading.Lock()

    def work_off():
        with PageAuditor(engines, profile, site, grid_url, recycle_every, language) as auditor:
            while True:
                try:
                    audited_page_id, url = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    results = auditor.audit(address(url))
                except Exception:
                    logger.exception("Not audited, left for --resume: %s", url)
                    continue
                for result in results:
                    result.url = url
                store_page(audited_page_id, results)
                with lock:
                    done[0] += 1
                    for result in results:
                        seen[result.engine_version] = result.disabled_rules
                    if progress:
                        progress(done[0], total, url)

    def in_thread():
        close_old_connections()
        try:
            work_off()
        finally:
            connections.close_all()  # this thread's own connections

    if total == 1 or (total and parallel <= 1):
        work_off()  # in this thread (and in its transaction, e.g. a test's)
    elif total:
        threads = [threading.Thread(target=in_thread) for _ in range(min(parallel, total))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return finish(run, seen)


def finish(run, seen) -> AuditRun:
    run.refresh_from_db()
    versions = {v for v in run.engine_versions.split("; ") if v} | {v for v in seen if v}
    run.engine_versions = "; ".join(sorted(versions))[:200]
    for disabled in seen.values():
        run.disabled_rules.update(disabled)
    if not run.pages.filter(audited_at__isnull=True).exists():
        run.finished_at = timezone.now()
    run.save(update_fields=["engine_versions", "disabled_rules", "finished_at"])
    return run
