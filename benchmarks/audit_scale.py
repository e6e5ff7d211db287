"""Browser audits at scale: pages/s and peak memory of `audit_accessibility --engine axe` with
one local Chromium, N local Chromiums (both recycled every M pages), and a local Selenium Grid of
2 nodes × 2 sessions; memory in the first against the second half of the run; and the latency
of an audit on publish (publish → result stored by the running worker). One run, same pages,
same machine; the load average before and after each set-up is recorded with it.

    python benchmarks/audit_scale.py --pages 1000 --parallel 2 --no-latency

Memory is the resident set (VmRSS) of the audit process and all its descendants (Python,
chromedriver, Chromium), plus the Grid's processes (Java hub and nodes, their chromedrivers and
Chromiums) for the Grid; sampled every second; also split by kind (Python, browsers, JVMs).
RSS counts memory shared between Chromium's processes once per process; PSS (proportional set
size) shares it out and does not add up twice. "1st half" and "2nd half" are the peaks while
the first and the second half of the pages were audited: flat memory means the second is not
larger than the first.
Pages/s counts pages stored between the first and the last stored page (browser start-up not
included). The site is served by a threaded Django server inside this benchmark process (its
memory is not counted).
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, ROOT, machine, set_up_django, table  # noqa: E402
from benchmarks.pages import release_fields  # noqa: E402


def process_tree(root_pid) -> list[int]:
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
            except OSError:
                continue
    found, todo = [], [root_pid]
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    return found


def kind_of(pid) -> str:
    name = Path(f"/proc/{pid}/comm").read_text().strip()
    if name.startswith("python"):
        return "python"
    return "jvm" if name == "java" else "browsers"


def tree_memory_mib(*root_pids) -> dict:
    """RSS and PSS (MiB) of processes and all their descendants (Linux /proc): in all, and RSS
    by kind: Python, browsers (chromedriver, Chromium), JVMs (the Grid's hub and nodes)."""
    kb = {"rss": 0, "pss": 0, "python": 0, "browsers": 0, "jvm": 0}
    for pid in [pid for root in root_pids for pid in process_tree(root)]:
        try:
            kind = kind_of(pid)
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    kb["rss"] += int(line.split()[1])
                    kb[kind] += int(line.split()[1])
                elif line.startswith("Pss:"):
                    kb["pss"] += int(line.split()[1])
        except OSError:
            continue
    return {name: round(value / 1024, 1) for name, value in kb.items()}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def generated_pages(count):
    """`count` releases with a paragraph and a link each under one index."""
    from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage

    index = PressReleaseIndexPage.objects.live().first()
    issuer = Issuer.objects.first()
    body = [("paragraph", '<p>Mehr unter <a href="https://example.org/">example.org</a>.</p>')]
    for number in range(count):
        release = PressReleasePage(**release_fields(issuer, f"skala-{number}", body))
        index.add_child(instance=release)


def audit(base_url, pages, *options, grid_pid=None):
    """One audit_accessibility run; returns pages/s, peak and sampled memory."""
    from accessibility.models import AuditedPage, AuditRun

    command = [sys.executable, "manage.py", "audit_accessibility", "--engine", "axe"]
    command += ["--base-url", base_url, "--fail-on", "never", "--output", os.devnull, *options]
    env = {**os.environ, "PRESSROOM_AUDIT_ON_PUBLISH": "0"}
    latest = AuditRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    load_before = load_average()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    samples, done = [], threading.Event()
    roots = [process.pid] + ([grid_pid] if grid_pid else [])

    def sample():
        while not done.is_set():
            memory = tree_memory_mib(*roots)
            stored = AuditedPage.objects.filter(run__pk__gt=latest, audited_at__isnull=False)
            samples.append((stored.count(), memory))
            time.sleep(1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    run = AuditRun.objects.filter(pk__gt=latest).get()
    stamps = sorted(run.pages.values_list("audited_at", flat=True))
    seconds = (stamps[-1] - stamps[0]).total_seconds()
    during = [s for s in samples if 0 < s[0] < pages]  # browsers started, not yet closed
    halves = {
        "1st half": [m for n, m in during if n < pages / 2],
        "2nd half": [m for n, m in during if n >= pages / 2],
    }

    def peak(memories, name):
        return max((m[name] for m in memories), default=0)

    memories = [m for _n, m in samples]
    return {
        "pages": len(stamps),
        "pages_per_second": round((len(stamps) - 1) / seconds, 2),
        "seconds": round(seconds),
        **{f"peak_{name}_mib": peak(memories, name) for name in ("rss", "pss")},
        **{f"peak_rss_mib_{name}": peak(memories, name) for name in ("python", "browsers", "jvm")},
        **{
            f"peak_{name}_mib_{half}": peak(memories_, name)
            for half, memories_ in halves.items()
            for name in ("rss", "pss")
        },
        "load_average_before_after": [load_before, load_average()],
        "complete": run.finished_at is not None,
    }


def publish_latency(base_url, repeat=3):
    """Seconds from publishing a release to its audit stored by an idle, running worker."""
    from django.conf import settings
    from django.utils import timezone

    from accessibility.models import AuditRun
    from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage

    settings.PRESSROOM_AUDIT_ON_PUBLISH, settings.PRESSROOM_AUDIT_BASE_URL = True, base_url + "/"
    command = [sys.executable, "manage.py", "db_worker", "--backend", "background"]
    command += ["--no-reload", "--no-startup-delay", "--interval", "0.1"]
    worker = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    index = PressReleaseIndexPage.objects.live().first()
    issuer = Issuer.objects.first()
    body = [("paragraph", "<p>Gemessen.</p>")]
    latencies = []
    try:
        for number in range(repeat):
            release = PressReleasePage(**release_fields(issuer, f"latenz-{number}", body))
            index.add_child(instance=release)
            published = timezone.now()
            release.save_revision().publish()
            run = AuditRun.objects.get(kind=AuditRun.PUBLISH, page=release)
            deadline = time.monotonic() + 300
            while not AuditRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"run {run.pk} not finished after 300 s")
                time.sleep(0.1)
            run.refresh_from_db()
            latencies.append(round((run.finished_at - published).total_seconds(), 1))
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        settings.PRESSROOM_AUDIT_ON_PUBLISH = False
    return {"pages_per_publish": run.pages.count(), "seconds": latencies}


def grid(nodes, sessions):
    from tests.mail_server import free_port

    port = free_port()
    command = [sys.executable, "scripts/selenium_grid.py", "--nodes", str(nodes)]
    command += ["--sessions", str(sessions), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert "ready" in process.stdout.readline()
    return process, f"http://127.0.0.1:{port}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--parallel", type=int, default=2, help="N local browsers")
    parser.add_argument("--recycle", type=int, default=50, help="M pages per browser")
    parser.add_argument("--latency-only", action="store_true", help="only the publish latency")
    parser.add_argument("--no-latency", action="store_true", help="no publish latency")
    options = parser.parse_args()
    os.environ["PRESSROOM_AUDIT_ON_PUBLISH"] = "0"
    set_up_django()
    from django.db import connection

    from accessibility.runner import live_page_targets, local_server

    connection.close()  # SQLite: wait for the worker's short write locks instead of failing
    connection.settings_dict.setdefault("OPTIONS", {})["timeout"] = 60
    # Write transactions take the lock at once (a read upgraded later fails at once instead).
    connection.settings_dict["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
    demo = len(live_page_targets("http://x/"))
    generated_pages(max(0, options.pages - demo))
    recycle = ["--recycle", str(options.recycle)]
    results = {"machine": machine(), "recycle_every": options.recycle}
    with local_server() as base_url:
        if options.latency_only:
            print("publish → stored audit:", publish_latency(base_url))
            return
        pages = len(live_page_targets(base_url))
        results["pages"] = pages
        runs = {
            "1 local browser": ["--parallel", "1", *recycle],
            f"{options.parallel} local browsers": ["--parallel", str(options.parallel), *recycle],
        }
        for name, arguments in runs.items():
            print(f"== {name} ==", flush=True)
            results[name] = audit(base_url, pages, *arguments)
            print(json.dumps(results[name]), flush=True)
        print("== Grid 2 nodes × 2 sessions ==", flush=True)
        process, url = grid(2, 2)
        try:
            arguments = ["--grid", url, "--parallel", "4", *recycle]
            results["Grid 2×2, 4 sessions"] = grid_result = audit(
                base_url, pages, *arguments, grid_pid=process.pid
            )
            print(json.dumps(grid_result), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=60)
        if not options.no_latency:
            print("== audit on publish: latency ==", flush=True)
            results["publish_latency"] = publish_latency(base_url)
    print(report(results))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"audit_scale_{pages}.json").write_text(json.dumps(results, indent=2) + "\n")


def report(results) -> str:
    names = [name for name, row in results.items() if isinstance(row, dict) and "pages" in row]
    base = results["1 local browser"]["pages_per_second"]
    rows = [
        [
            name,
            results[name]["pages_per_second"],
            round(results[name]["pages_per_second"] / base, 2),
            results[name]["peak_rss_mib"],
            results[name]["peak_pss_mib"],
            results[name]["peak_rss_mib_python"],
            results[name]["peak_rss_mib_browsers"],
            results[name]["peak_rss_mib_jvm"],
            f"{results[name]['peak_rss_mib_1st half']} / {results[name]['peak_rss_mib_2nd half']}",
            f"{results[name]['peak_pss_mib_1st half']} / {results[name]['peak_pss_mib_2nd half']}",
            " → ".join(results[name]["load_average_before_after"]),
        ]
        for name in names
    ]
    headers = ["set-up", "pages/s", "× 1 browser", "peak RSS MiB", "peak PSS MiB"]
    headers += ["RSS Python", "RSS browsers", "RSS JVMs", "RSS 1st/2nd half", "PSS 1st/2nd half"]
    text = table([*headers, "load average"], rows)
    if "publish_latency" in results:
        text += f"\npublish → stored audit: {results['publish_latency']}"
    return text


if __name__ == "__main__":
    main()
