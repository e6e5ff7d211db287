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

        with headless_chromium() as browser:
            for target, path in SHOTS.items():
                browser.get(base + path)
                height = browser.execute_script("return document.body.scrollHeight")
                browser.set_window_size(1280, min(max(height, 800), 4000))
                browser.save_screenshot(str(ROOT / target))
                print(f"{target}: {base}{path}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
