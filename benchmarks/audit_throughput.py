"""Audit throughput of both engines on the demo site, measured in one run.

Usage: make bench   (writes benchmarks/results/audit_throughput.json and prints a table)

The static engine is measured on HTML already fetched (the checker alone, one core); the axe
engine loads each page over HTTP in one reused headless Chromium, as the audit command does.
"""

import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_ROUNDS = 40
AXE_ROUNDS = 3


def main():
    sys.path.insert(0, str(ROOT))
    os.environ["PRESSROOM_VAR_DIR"] = tempfile.mkdtemp(prefix="pressroom-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)

    from accessibility.axe import AxeAuditor
    from accessibility.runner import fetch, live_page_targets, local_server
    from accessibility.static import audit_html

    with local_server() as base_url:
        targets = live_page_targets(base_url)
        pages = [(target.url, fetch(target.url)) for target in targets]

        started = time.perf_counter()
        static_findings = 0
        for _round in range(STATIC_ROUNDS):
            for url, html in pages:
                static_findings += len(audit_html(html, url=url).findings)
        static_seconds = time.perf_counter() - started

        # Memory in a separate pass: tracing slows the checker down several times.
        tracemalloc.start()
        for url, html in pages:
            audit_html(html, url=url)
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

    static_audits = STATIC_ROUNDS * len(pages)
    axe_audits = AXE_ROUNDS * len(targets)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "demo_pages": len(pages),
        "static": {
            "audits": static_audits,
            "seconds": round(static_seconds, 3),
            "pages_per_second": round(static_audits / static_seconds, 1),
            "peak_traced_memory_mib_one_round": round(static_peak / 2**20, 2),
            "findings": static_findings,
        },
        "axe": {
            "audits": axe_audits,
            "seconds": round(axe_seconds, 3),
            "pages_per_second": round(axe_audits / axe_seconds, 2),
            "engine": axe_version,
            "findings": axe_findings,
        },
    }
    results["static_vs_axe_ratio"] = round(
        results["static"]["pages_per_second"] / results["axe"]["pages_per_second"], 1
    )
    out = ROOT / "benchmarks" / "results" / "audit_throughput.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("| engine | audits | seconds | pages/s | findings |")
    print("| --- | --- | --- | --- | --- |")
    for engine in ("static", "axe"):
        row = results[engine]
        print(
            f"| {engine} | {row['audits']} | {row['seconds']} | {row['pages_per_second']} "
            f"| {row['findings']} |"
        )
    print(f"static is {results['static_vs_axe_ratio']}× faster than axe; written to {out}")


if __name__ == "__main__":
    main()
