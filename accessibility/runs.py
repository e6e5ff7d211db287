"""Runs stored page by page: every page of a run is written down first, and each page's findings
are stored the moment it is audited. A run that was killed goes on where it stopped
(`audit_accessibility --resume RUN_ID`, or by itself: `resume_audits` queues every abandoned
run): no page stored twice, none lost. N pages are audited at a time, each by its own browser
(local Chromiums or Grid sessions), recycled every M pages; a page whose browser failed goes
back to the others."""

import logging
import queue
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict
from datetime import timedelta

from django.db import close_old_connections, connections, transaction
from django.db.models import Q
from django.utils import timezone

from . import conf
from .browser import grid_has_free_slot
from .feed_audit import audit_feed, is_feed
from .findings import AuditResult, Finding
from .html_tools import parse
from .models import AuditedPage, AuditFinding, AuditRun
from .runner import fetch_document, local_server
from .static import audit_soup, site_facts

logger = logging.getLogger(__name__)
ROUNDS = 3  # a page is tried by up to three browsers before it is left for a later resume


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
            audited_at=timezone.now(), engines=",".join(sorted({r.engine for r in results}))
        )
        if not claimed:
            return False
        AuditRun.objects.filter(pages__pk=audited_page_id).update(heartbeat_at=timezone.now())
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
        audited_by = page.engines.split(",") if page.engines else engines
        by_engine = {engine: [] for engine in audited_by}
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
        """The page's results; a feed (RSS, Atom) gets the feed audit only: no browser opens it."""
        results = []
        if "static" in self.engines:
            body, content_type = fetch_document(url)
            if is_feed(content_type, body):
                return [audit_feed(body, url)]
            results.append(audit_soup(parse(body), url, None, self.profile, self.site))
        if self.axe is not None:
            results.append(self.axe.audit(url))
        return results

    def recover(self, alone: bool) -> bool:
        """After a failure: the browser if it still answers, else a fresh one if one is to be
        had; False: this worker stops. On a Grid a worker that is not alone stops when no slot is
        free (its node died, and the hub holds the dead session for minutes): the others audit
        its pages."""
        if self.axe is None or self.axe.answers():
            return True
        if self.axe.grid_url and not alone and not grid_has_free_slot(self.axe.grid_url):
            return False
        try:
            self.axe.restart_browser()
        except Exception:
            logger.exception("No new browser")
            return False
        return True


def run_facts(run, address) -> dict:
    """The static engine's facts across all HTML pages of the run, fetched one at a time."""
    urls = run.pages.order_by("pk").values_list("url", flat=True).iterator()
    return site_facts(
        (url, parse(body))
        for url in urls
        for body, content_type in [fetch_document(address(url))]
        if not is_feed(content_type, body)
    )


def beat(run):
    """A sign of life of the run (see abandoned())."""
    AuditRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())


def abandoned(now, stale_after: float):
    """Unfinished runs without a sign of life for stale_after seconds: the process that audited
    them died (kill -9, a crash, a reboot). A run waiting in the queue is not abandoned."""
    cutoff = now - timedelta(seconds=stale_after)
    return AuditRun.objects.filter(finished_at__isnull=True).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )


@contextmanager
def served(run):
    """address(url) for the run: its own local server again (at another port) for a run of
    this site that had one, else None (the stored addresses)."""
    if not run.options.get("local_server"):
        yield None
        return
    with local_server() as base:
        yield lambda path: base + path


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
    address(url) maps a stored URL to where it is served now (a new local server on resume).
    A page whose audit failed goes back to the queue for another browser, ROUNDS times."""
    address = address or (lambda url: url)
    parallel = parallel or conf.get("PRESSROOM_AUDIT_PARALLEL")
    grid_url = grid_url or conf.get("PRESSROOM_AUDIT_GRID_URL")
    recycle_every = recycle_every or conf.get("PRESSROOM_AUDIT_RECYCLE_PAGES")
    engines, profile = run.options["engines"], run.options["profile"]
    beat(run)
    todo = pending(run)
    site = run_facts(run, address) if todo and "static" in engines else {}
    beat(run)
    work = queue.SimpleQueue()
    for item in todo:
        work.put(item)
    total, done, seen, lock = len(todo), [0], {}, threading.Lock()
    failures, working = Counter(), [min(parallel, total)]

    def failed(item, auditor) -> bool:
        """Give the page back (or leave it for a resume); True if this worker goes on."""
        logger.warning("Not audited: %s", item[1], exc_info=True)
        with lock:
            failures[item] += 1
            if failures[item] < ROUNDS:
                work.put(item)
            else:
                logger.error("Left for a resume of run %s: %s", run.pk, item[1])
            alone = working[0] == 1
        return auditor.recover(alone)

    def work_off():
        try:
            with PageAuditor(engines, profile, site, grid_url, recycle_every, language) as a:
                audit_pages(a)
        finally:
            with lock:
                working[0] -= 1

    def audit_pages(auditor):
        while True:
            try:
                audited_page_id, url = item = work.get_nowait()
            except queue.Empty:
                return
            try:
                results = auditor.audit(address(url))
            except Exception:
                if failed(item, auditor):
                    continue
                return
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
        threads = [threading.Thread(target=in_thread) for _ in range(working[0])]
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
