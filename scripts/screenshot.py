"""Screenshots of the example site for the README and docs, taken by headless Chromium.

Usage: make screenshot   (loads the demo content into var/, starts the site on a free port)
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {
    "docs/screenshot-release.png": "/pressemitteilungen/120-neue-online-dienste/",
    "docs/screenshot-withheld-gallery.png": "/pressemitteilungen/tag-der-offenen-tuer/",
    "docs/screenshot-archive.png": "/pressemitteilungen/?topic=digitales",
    "docs/screenshot-statement.png": "/barrierefreiheit/",
}
# The editor guide's screenshots of the admin, logged in as the demo admin.
ADMIN_SHOTS = {
    "docs/admin-release-listing.png": "/admin/press_releases/",
    "docs/admin-embargoes.png": "/admin/reports/embargoes/",
    "docs/admin-release-editor.png": "/admin/pages/{release}/edit/",
    "docs/admin-accessibility-report.png": "/admin/reports/accessibility/",
    "docs/admin-reported-barriers.png": "/admin/snippets/pressroom_legal_pages/barrierreport/",
    "docs/admin-barrier-deadlines.png": "/admin/snippets/pressroom_legal_pages/barrierreport/"
    "?ordering=answer_due_on",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def shoot(browser, url, target, full=True):
    browser.set_window_size(1280, 900)
    browser.get(url)
    if full:
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(1280, min(max(height, 800), 4000))
    browser.save_screenshot(str(ROOT / target))
    print(f"{target}: {url}")


def log_in(browser, base, username, password):
    from selenium.webdriver.common.by import By

    browser.get(base + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    time.sleep(1)


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True)
    subprocess.run([*manage, "load_demo"], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([*manage, "runserver", "--noreload", f"127.0.0.1:{port}"])
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        import django

        django.setup()
        from accessibility.browser import headless_chromium
        from announcements.models import PressReleasePage
        from example_site.home.demo.loader import ensure_admin

        release = PressReleasePage.objects.get(slug="tag-der-offenen-tuer").pk
        username, password = ensure_admin()
        subprocess.run(
            [*manage, "audit_accessibility", "--base-url", base],
            check=False,
            stdout=subprocess.DEVNULL,
        )
        with headless_chromium() as browser:
            for target, path in SHOTS.items():
                shoot(browser, base + path, target)
            log_in(browser, base, username, password)
            for target, path in ADMIN_SHOTS.items():
                shoot(browser, base + path.format(release=release), target, full=False)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
