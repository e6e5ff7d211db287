"""The production settings under attack (issue #20): CSP and Permissions-Policy on every page,
public pages and Wagtail's admin working under the CSP in Chromium, and the login lockout.

One server for the module: `manage.py runserver` with the production settings (over HTTP), a
fresh SQLite database with the demo content, in a subprocess of its own.
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from accessibility.browser import headless_chromium

from .helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "pressroom-demo-production"
PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


EDIT_LINKS = "return [...document.querySelectorAll(\"a[href*='/edit/']\")].map((a) => a.href)"


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    var = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.production_over_http",
        "DJANGO_SECRET_KEY": os.urandom(32).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "PRESSROOM_VAR_DIR": str(var),
        "PRESSROOM_DEMO_PASSWORD": PASSWORD,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput", "-v0")
    manage("load_demo")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/", timeout=5)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


def directives(header):
    """A CSP header as {directive: sources} (django-csp writes them in no fixed order)."""
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def headers_of(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers


def site_paths(server):
    """The home page, the pages it links to, and the feeds and search of the press archive."""
    with urllib.request.urlopen(server + "/", timeout=30) as response:
        soup = BeautifulSoup(response.read(), "html.parser")
    paths = {"/"} | {
        a["href"].split("#")[0] for a in soup.select("a[href^='/']") if a["href"] != "/"
    }
    with urllib.request.urlopen(server + "/sitemap.xml", timeout=30) as response:
        sitemap = response.read().decode()
    paths |= {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    archive = next(path for path in sorted(paths) if path.endswith("/pressemitteilungen/"))
    return sorted(paths) + [archive + "?q=%22", archive + "feed/rss/", archive + "feed/atom/"]


def test_every_answer_carries_the_csp_and_permissions_policy(production_server):
    paths = site_paths(production_server) + ["/api/v2/pages/", "/sitemap.xml"]
    paths += paths[:3]  # again: now from the page cache
    assert len(paths) >= 15
    for path in paths:
        headers = headers_of(production_server + path)
        assert directives(headers["Content-Security-Policy"]) == directives(PUBLIC_CSP), path
        assert "camera=()" in headers["Permissions-Policy"].split(", ")
        assert headers["X-Frame-Options"] == "DENY"
    admin = directives(headers_of(production_server + "/admin/login/")["Content-Security-Policy"])
    assert admin == {
        **directives(PUBLIC_CSP),
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-ancestors": ["'self'"],
    }


def visit(browser, url):
    browser.get(url)
    return browser.execute_script("return window.__cspViolations")


def log_in(browser, server, username, password):
    browser.get(server + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    submit = browser.find_element(By.CSS_SELECTOR, "form [type=submit]")
    submit.click()
    WebDriverWait(browser, 30).until(staleness_of(submit))


def test_public_pages_and_the_admin_work_under_the_csp(production_server):
    server = production_server
    with headless_chromium() as browser:
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": VIOLATIONS})
        blocked = {path: visit(browser, server + path) for path in site_paths(server)}
        log_in(browser, server, "admin", PASSWORD)
        assert browser.find_elements(By.CSS_SELECTOR, "[data-side-panel], #main, main")
        assert "/admin/login/" not in browser.current_url
        admin_pages = [
            "/admin/",
            "/admin/pages/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/reports/accessibility/",
            "/admin/snippets/",
            "/admin/users/",
        ]
        blocked |= {path: visit(browser, server + path) for path in admin_pages}
        browser.get(server + "/admin/pages/")
        edit = browser.execute_script(EDIT_LINKS)
        assert edit, "no page to edit"
        blocked[edit[-1]] = visit(browser, edit[-1])
        assert browser.find_elements(By.CSS_SELECTOR, "form#page-edit-form")
    violations = {where: found for where, found in blocked.items() if found}
    assert not violations, "\n".join(f"{w}: {f}" for w, f in violations.items())
    assert len(blocked) >= 15


def test_the_login_locks_after_five_wrong_passwords(production_server):
    with headless_chromium() as browser:
        for attempt in range(5):
            log_in(browser, production_server, "admin", f"wrong-{attempt}")
            assert "/admin/login/" in browser.current_url
        log_in(browser, production_server, "admin", PASSWORD)  # right, but too late
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "/admin/login/" in browser.current_url
        assert "too many" in text.lower() or "gesperrt" in text.lower(), text[:300]
