"""Large audits: a run killed with SIGKILL goes on with --resume, or by itself through
resume_audits and the worker (no page stored twice, none lost); N browsers at once, recycled
browsers and Grid sessions find what one browser finds, also when a Grid node dies mid-run; the
crawler handles a site of 10,000+ pages."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import tracemalloc
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from accessibility.models import AuditedPage, AuditFinding, AuditRun
from tests.helpers import descendants
from tests.mail_server import ROOT, database_url, free_port, wait_for, worker
from tests.test_audit_background import EMPTY_LINK

PAGES = 10  # releases; with the home page and the index 12 pages


def audit_command(*args, **kwargs):
    """audit_accessibility as its own process on the test database (its own local server)."""
    return manage("audit_accessibility", "--fail-on", "never", *args, **kwargs)


def manage(*args, **kwargs):
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "manage.py", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, **kwargs)


def resume_audits():
    """What runs before the worker starts (make demo) and from cron, with no other worker."""
    process = manage("resume_audits", "--stale-after", "0", stdout=subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def kill_when_stored(process, count):
    """kill -9 once `count` pages are stored; returns the pages stored then."""
    stored = AuditedPage.objects.filter(audited_at__isnull=False)
    wait_for(lambda: stored.count() >= count, timeout=300)
    kill_with_orphans(process.pid)
    process.wait()
    return dict(stored.values_list("pk", "audited_at"))


def kill_with_orphans(pid):
    """kill -9 of a process; then of the chromedriver and Chromium it leaves behind."""
    orphans = descendants(pid)
    os.kill(pid, signal.SIGKILL)
    for orphan in orphans:
        with contextlib.suppress(ProcessLookupError):
            os.kill(orphan, signal.SIGKILL)


def assert_every_page_audited_once(run, releases, stored_before):
    """Complete, every page stored once, pages stored before a kill untouched, and each release
    with the findings its content calls for (a link without text on every second one)."""
    run.refresh_from_db()
    assert run.finished_at is not None
    after = dict(run.pages.values_list("pk", "audited_at"))
    assert len(after) == PAGES + 2 and all(after.values())  # none lost
    assert {pk: after[pk] for pk in stored_before} == stored_before  # none stored again
    found = findings_by_page(run)
    assert max(found.values()) == 1  # no finding stored twice
    engines = run.engines.split(",")
    for number, release in enumerate(releases):
        rules = {(engine, rule) for page, engine, rule, _s in found if page == release.pk}
        expected = {(engine, "link-name") for engine in engines} if number % 2 else set()
        assert {found for found in rules if found[1] == "link-name"} == expected


@pytest.fixture
def releases(make_release):
    """Every second release with a link without text (both engines find it)."""
    return [
        make_release(
            slug=f"mitteilung-{n}",
            title=f"Mitteilung {n}",
            body=[("paragraph", EMPTY_LINK if n % 2 else "<p>In Ordnung.</p>")],
        )
        for n in range(PAGES)
    ]


def findings_by_page(run):
    rows = AuditFinding.objects.filter(audited_page__run=run).values_list(
        "audited_page__page_id", "engine", "rule_id", "selector"
    )
    return Counter(rows)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_run_resumes_where_it_stopped(releases, tmp_path):
    report = tmp_path / "report.json"
    options = ["--engine", "all", "--format", "json", "--output", str(report)]
    before = kill_when_stored(audit_command(*options), 3)
    run = AuditRun.objects.get()
    assert run.finished_at is None and not report.exists()
    findings_before = AuditFinding.objects.filter(audited_page__in=before).count()
    planned = run.pages.count()
    assert planned == PAGES + 2 and 3 <= len(before) < planned

    resumed = audit_command("--resume", str(run.pk), *options)
    _out, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    assert f"{planned} pages, {planned - len(before)} to audit" in err

    run.refresh_from_db()
    assert run.finished_at is not None
    after = dict(run.pages.values_list("pk", "audited_at"))
    assert len(after) == planned and all(after.values())  # none lost
    assert {pk: after[pk] for pk in before} == before  # none stored again
    assert AuditFinding.objects.filter(audited_page__in=before).count() == findings_before
    urls = {result["url"] for result in json.loads(report.read_text())["results"]}
    assert urls == set(run.pages.values_list("url", flat=True))

    # The same pages audited in one go find the same: nothing lost or doubled by the kill.
    whole = audit_command("--engine", "all")
    whole.communicate(timeout=600)
    assert whole.returncode == 0
    assert findings_by_page(AuditRun.objects.latest("pk")) == findings_by_page(run)
    assert sum(findings_by_page(run).values()) > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_recycled_browsers_find_what_one_browser_finds(releases):
    one = audit_command("--engine", "axe", "--parallel", "1")
    one.communicate(timeout=600)
    two = audit_command("--engine", "axe", "--parallel", "2", "--recycle", "2")
    _out, err = two.communicate(timeout=600)
    assert one.returncode == two.returncode == 0, err
    first, second = AuditRun.objects.order_by("pk")
    assert second.pages.filter(audited_at__isnull=True).count() == 0
    assert findings_by_page(second) == findings_by_page(first)
    assert sum(findings_by_page(first).values()) > 0  # the comparison compares something


@pytest.fixture
def selenium_grid():
    """A real local Selenium Grid 4 (scripts/selenium_grid.py): hub and two nodes, one session
    each, Debian's chromedriver and Chromium."""
    port = free_port()
    command = [sys.executable, "scripts/selenium_grid.py", "--nodes", "2", "--sessions", "1"]
    grid = subprocess.Popen(
        [*command, "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert "Selenium Grid ready" in grid.stdout.readline()
        grid.url = f"http://127.0.0.1:{port}"
        yield grid
    finally:
        grid.terminate()
        grid.wait(timeout=60)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_grid_sessions_find_what_a_local_browser_finds(releases, selenium_grid):
    local = audit_command("--engine", "axe")
    local.communicate(timeout=600)
    grid = audit_command("--engine", "axe", "--grid", selenium_grid.url, "--parallel", "2")
    _out, err = grid.communicate(timeout=600)
    assert local.returncode == grid.returncode == 0, err
    first, second = AuditRun.objects.order_by("pk")
    assert second.pages.filter(audited_at__isnull=True).count() == 0
    assert findings_by_page(second) == findings_by_page(first)
    with urllib.request.urlopen(f"{selenium_grid.url}/status") as response:
        nodes = json.load(response)["value"]["nodes"]
    assert len(nodes) == 2 and all(node["availability"] == "UP" for node in nodes)


@pytest.fixture
def small_site(tmp_path):
    """A static site on a real HTTP server: robots.txt excludes /intern/; links spelled in
    several ways lead to the same pages."""
    pages = {
        "index.html": '<a href="seite.html#oben">1</a>'
        ' <a href="HTTP://127.0.0.1:{port}/seite.html">2</a>'
        ' <a href="intern/geheim.html">3</a> <a href="bild.png">4</a>'
        ' <a href="https://example.org/">5</a>',
        "seite.html": '<a href="./index.html">zurück</a> <a href="seite.html">hier</a>',
        "intern/geheim.html": "<p>nicht crawlen</p>",
        "robots.txt": "User-agent: *\nDisallow: /intern/\n",
        "bild.png": "",
    }
    port = free_port()
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text.replace("{port}", str(port)))
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/index.html"
    wait_for(lambda: _reachable(url))
    yield url
    server.terminate()
    server.wait()


def _reachable(url):
    try:
        urllib.request.urlopen(url).close()
        return True
    except OSError:
        return False


def test_crawl_keeps_to_robots_txt_the_host_and_each_address_once(small_site):
    from accessibility.runner import crawl

    base = small_site.removesuffix("index.html")
    assert [target.url for target in crawl(small_site, limit=50)] == [
        f"{base}index.html",
        f"{base}seite.html",
    ]
    assert all(target.html is None for target in crawl(small_site, limit=50))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_command_and_killed_worker_need_nobody_to_resume(releases):
    """kill -9 of the nightly command, then of the worker that took its run over: resume_audits
    (at worker start, from cron, from the next nightly run) queues the run, the worker ends it."""
    nightly = audit_command("--engine", "all")
    before = kill_when_stored(nightly, 3)
    run = AuditRun.objects.get()
    assert run.finished_at is None and 3 <= len(before) < PAGES + 2

    assert "Audit runs queued again: 1" in resume_audits()
    background = worker(free_port())  # the run had a local server: the worker starts its own
    before = kill_when_stored(background, len(before) + 2)
    run.refresh_from_db()
    assert run.finished_at is None and len(before) < PAGES + 2

    assert "Audit runs queued again: 1" in resume_audits()
    assert worker(free_port(), "--batch").wait(timeout=600) == 0
    assert_every_page_audited_once(run, releases, before)
    assert run.options["resumes"] == 2
    assert "Audit runs queued again: 0" in resume_audits()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_grid_node_killed_mid_run_the_other_node_audits_the_rest(releases, selenium_grid):
    nodes = [pid for pid in descendants(selenium_grid.pid) if b" node " in cmdline(pid)]
    grid = audit_command("--engine", "axe", "--grid", selenium_grid.url, "--parallel", "2")
    wait_for(lambda: AuditedPage.objects.filter(audited_at__isnull=False).count() >= 2, 300)
    kill_with_orphans(nodes[0])  # the Java node, then its chromedriver and Chromium
    _out, err = grid.communicate(timeout=600)
    assert grid.returncode == 0, err
    run = AuditRun.objects.get()
    assert "Not audited" in err  # a page of the dead node's session failed, another took it
    assert_every_page_audited_once(run, releases, {})


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return b""


SITE_PAGES = 10_200


@pytest.fixture
def generated_site():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "tests/generated_site.py", str(port), str(SITE_PAGES)], cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: _reachable(f"{base}/robots.txt"))
    yield base
    server.terminate()
    server.wait()


def test_crawl_of_10000_pages_fetches_each_once_and_keeps_only_addresses(generated_site):
    from accessibility.runner import crawl

    tracemalloc.start()
    targets = crawl(f"{generated_site}/seite/1", limit=20_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    with urllib.request.urlopen(f"{generated_site}/requests") as response:
        requests = json.load(response)

    urls = [target.url for target in targets]
    assert len(urls) == len(set(urls)) == SITE_PAGES  # each address once, however spelled
    assert set(urls) == {f"{generated_site}/seite/{k}" for k in range(1, SITE_PAGES + 1)}
    pages = {path: n for path, n in requests.items() if path.startswith("/seite/")}
    assert len(pages) == SITE_PAGES and set(pages.values()) == {1}  # each page fetched once
    assert not [path for path in requests if path.startswith("/intern/")]  # robots.txt
    assert all(target.html is None for target in targets)
    # Memory grows with the addresses, not the pages: far below what the pages weigh.
    served = SITE_PAGES * 3_600
    assert peak < served / 4, (peak, served)
