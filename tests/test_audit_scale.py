"""Large audits: a run killed with SIGKILL goes on with --resume (no page stored twice, none
lost); N browsers at once and recycled browsers find what one browser finds."""

import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections import Counter

import pytest

from accessibility.models import AuditedPage, AuditFinding, AuditRun
from tests.mail_server import ROOT, database_url, free_port, wait_for
from tests.test_audit_background import EMPTY_LINK

PAGES = 10  # releases; with the home page and the index 12 pages


def audit_command(*args, **kwargs):
    """audit_accessibility as its own process on the test database (its own local server)."""
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "manage.py", "audit_accessibility", "--fail-on", "never", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, **kwargs)


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
    first = audit_command(*options)
    stored = AuditedPage.objects.filter(audited_at__isnull=False)
    wait_for(lambda: stored.count() >= 3, timeout=300)
    first.send_signal(signal.SIGKILL)
    first.wait()

    run = AuditRun.objects.get()
    assert run.finished_at is None and not report.exists()
    before = dict(run.pages.filter(audited_at__isnull=False).values_list("pk", "audited_at"))
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
        yield f"http://127.0.0.1:{port}"
    finally:
        grid.terminate()
        grid.wait(timeout=60)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_grid_sessions_find_what_a_local_browser_finds(releases, selenium_grid):
    local = audit_command("--engine", "axe")
    local.communicate(timeout=600)
    grid = audit_command("--engine", "axe", "--grid", selenium_grid, "--parallel", "2")
    _out, err = grid.communicate(timeout=600)
    assert local.returncode == grid.returncode == 0, err
    first, second = AuditRun.objects.order_by("pk")
    assert second.pages.filter(audited_at__isnull=True).count() == 0
    assert findings_by_page(second) == findings_by_page(first)
    with urllib.request.urlopen(f"{selenium_grid}/status") as response:
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
