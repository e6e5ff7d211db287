"""Audit throughput of both engines on the demo site, and memory over 1,000 audited pages.

The static engine is measured on HTML already fetched (the checker alone): page by page in one
process (wall and CPU time), and all rounds' pages as one run (audit_pages) in one and in 2
processes, as the command does for many pages; the axe engine loads each page over HTTP in one
reused headless Chromium, as the audit command does.
"""

import os
import time
import tracemalloc
from pathlib import Path

STATIC_ROUNDS = 40
AXE_ROUNDS = 3
MEMORY_PAGES = 1_000


def tree_rss_mib(root_pid) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except OSError:
                continue
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def run() -> dict:
    from accessibility.axe import AxeAuditor
    from accessibility.registry import PRESSROOM
    from accessibility.runner import fetch, live_page_targets, local_server
    from accessibility.static import audit_html, audit_pages

    with local_server() as base_url:
        targets = live_page_targets(base_url)
        pages = [(target.url, fetch(target.url)) for target in targets]

        audit_html(pages[0][1], url=pages[0][0], profile=PRESSROOM)  # loads the language model
        started, cpu_started = time.perf_counter(), time.process_time()
        static_findings = 0
        for _round in range(STATIC_ROUNDS):
            for url, html in pages:
                static_findings += len(audit_html(html, url=url, profile=PRESSROOM).findings)
        static_seconds = time.perf_counter() - started
        static_cpu_seconds = time.process_time() - cpu_started
        # One run of all rounds' pages (a run with repeated pages has site-wide findings: the
        # same title on several pages), in one and in two processes.
        run_rates, run_findings = {}, {}
        for processes in (1, 2):
            started = time.perf_counter()
            results = audit_pages(pages * STATIC_ROUNDS, PRESSROOM, processes=processes)
            run_rates[processes] = len(results) / (time.perf_counter() - started)
            run_findings[processes] = [
                (r.url, f.rule_id, f.selector) for r in results for f in r.findings
            ]

        # Memory in a separate pass: tracing slows the checker down several times.
        tracemalloc.start()
        for number in range(MEMORY_PAGES):
            url, html = pages[number % len(pages)]
            audit_html(html, url=url, profile=PRESSROOM)
        _current, static_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        with AxeAuditor() as auditor:
            auditor.audit(targets[0].url)  # warm-up: browser start is not throughput
            started = time.perf_counter()
            axe_findings = 0
            for _round in range(AXE_ROUNDS):
                for target in targets:
                    result = auditor.audit(target.url)
                    axe_findings += len(result.findings)
            axe_seconds = time.perf_counter() - started
            axe_version = result.engine_version
            peak_rss, started = 0.0, time.perf_counter()
            for number in range(MEMORY_PAGES):
                auditor.audit(targets[number % len(targets)].url)
                if number % 50 == 0:
                    peak_rss = max(peak_rss, tree_rss_mib(os.getpid()))
            memory_seconds = time.perf_counter() - started
            peak_rss = max(peak_rss, tree_rss_mib(os.getpid()))

    static_audits, axe_audits = STATIC_ROUNDS * len(pages), AXE_ROUNDS * len(targets)
    static_rate = static_audits / static_seconds
    axe_rate = axe_audits / axe_seconds
    return {
        "demo_pages": len(pages),
        "static": {
            "audits": static_audits,
            "seconds": round(static_seconds, 3),
            "pages_per_second": round(static_rate, 1),
            "pages_per_cpu_second": round(static_audits / static_cpu_seconds, 1),
            "findings": static_findings,
            "one_run_pages_per_second_1_process": round(run_rates[1], 1),
            "one_run_pages_per_second_2_processes": round(run_rates[2], 1),
            "one_run_same_findings_1_and_2_processes": run_findings[1] == run_findings[2],
            f"peak_traced_memory_mib_{MEMORY_PAGES}_pages": round(static_peak / 2**20, 2),
        },
        "axe": {
            "audits": axe_audits,
            "seconds": round(axe_seconds, 3),
            "pages_per_second": round(axe_rate, 2),
            "engine": axe_version,
            "findings": axe_findings,
            f"peak_rss_mib_{MEMORY_PAGES}_pages_python_and_browser": peak_rss,
            f"seconds_{MEMORY_PAGES}_pages": round(memory_seconds, 1),
        },
        "static_vs_axe_ratio": round(static_rate / axe_rate, 1),
    }
