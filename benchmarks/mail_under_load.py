"""Publishing under sending load keeps the site responsive: the site's requests/s and latency
(wrk against gunicorn, page cache off: every request rendered) and the time an editor waits for
"Publish" in the admin (over HTTP), idle and while one worker sends a release to 10,000
subscribers through aiosmtpd on 127.0.0.1. Every figure of a run is a ratio to the idle one.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE <name>'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> python benchmarks/mail_under_load.py

Results: benchmarks/results/mail-under-load-<database>.json.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, machine, set_up_django, table  # noqa: E402
from benchmarks.http_load import Server, wrk  # noqa: E402

# Few connections: rendered pages take a few hundred ms each on a small machine, and latency
# should show the service time rather than a queue; slow answers still count (timeout 30 s).
WRK_CONNECTIONS, WRK_SECONDS, WRK_TIMEOUT, PUBLISHES = 4, 15, 30, 7
PASSWORD = "benchmark-only-password"


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


class Editor:
    """An editor in the Wagtail admin over HTTP: logs in, publishes new releases."""

    def __init__(self, server, index, issuer):
        from django.urls import reverse

        from tests.test_admin import release_form

        self.server, self.issuer, self.form, self.count = server, issuer, release_form, 0
        self.add_url = server.url(
            reverse(
                "wagtailadmin_pages:add",
                args=("pressroom_announcements", "pressreleasepage", index.pk),
            )
        )
        self.session = requests.Session()
        login = server.url(reverse("wagtailadmin_login"))
        self.session.get(login)
        credentials = {"username": "bench-editor", "password": PASSWORD}
        self.session.post(login, {**credentials, "csrfmiddlewaretoken": self.csrf()})

    def csrf(self):
        return self.session.cookies["csrftoken"]

    def publish(self) -> float:
        """Seconds from sending the editor's "Publish" to the admin's answer."""
        self.count += 1
        form = self.form(self.issuer, slug=f"last-{self.count}-{time.time_ns()}")
        form["csrfmiddlewaretoken"] = self.csrf()
        started = time.perf_counter()
        response = self.session.post(self.add_url, form, allow_redirects=False)
        seconds = time.perf_counter() - started
        assert response.status_code == 302, response.status_code  # published
        return seconds


def measure(server, paths, editor, counter) -> dict:
    """wrk on each page, then PUBLISHES publications; with the mails accepted meanwhile."""
    mails_before, result = counter.accepted, {"load": load_average()}
    for name, path in paths.items():
        result[name] = wrk(server.url(path), WRK_CONNECTIONS, WRK_SECONDS, timeout=WRK_TIMEOUT)
    publishes = [editor.publish() for _ in range(PUBLISHES)]
    result["publish_seconds"] = [round(s, 3) for s in publishes]
    result["publish_median_seconds"] = round(statistics.median(publishes), 3)
    result["mails_sent_meanwhile"] = counter.accepted - mails_before
    result["mails_sent_by_the_end"] = counter.accepted
    return result


def start_mailing(index, subscribers, smtp_port, counter):
    """One worker process, then the release to every subscriber; back once mails flow."""
    from benchmarks.mail_sending import draft_release, start_worker

    release = draft_release(index, "Eine Mitteilung an 10.000 Adressen", "an-alle")
    worker = start_worker(smtp_port)
    time.sleep(3)
    started = time.perf_counter()
    release.save_revision().publish()
    while counter.accepted < 200:  # the worker has written the recipients and is sending
        time.sleep(0.05)
    return worker, started


def ratio(busy, idle) -> float:
    return round(busy / max(idle, 1e-9), 2)


def main():
    subscribers = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    # Isolate the mailing: no accessibility audit on publish, every page request rendered.
    os.environ.update(PRESSROOM_AUDIT_ON_PUBLISH="0", PRESSROOM_PAGE_CACHE_OFF="1")
    set_up_django()
    from aiosmtpd.controller import Controller
    from django.contrib.auth import get_user_model
    from django.db import connection

    from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage
    from benchmarks.mail_sending import Counter, add_subscribers
    from tests.helpers import free_port

    index = PressReleaseIndexPage.objects.filter(locale__language_code="de").first()
    release = PressReleasePage.objects.live().child_of(index).first()
    paths = {"release_page": release.url, "index_page": index.url}
    # The editor publishes into an index nobody subscribed to: each publication queues its
    # (empty) mailing as usual, without adding 10,000 mails to the measured one.
    quiet = index.get_parent().add_child(
        instance=PressReleaseIndexPage(title="Ohne Abonnements", slug="ohne-abonnements")
    )
    get_user_model().objects.create_superuser("bench-editor", "bench@example.org", PASSWORD)
    add_subscribers(index, subscribers)
    counter, port = Counter(), free_port()
    smtp = Controller(counter, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        with Server() as server:
            editor = Editor(server, quiet, Issuer.objects.first())
            for path in paths.values():
                wrk(server.url(path), 10, 3)  # warm-up
            editor.publish()
            idle = measure(server, paths, editor, counter)
            worker, started = start_mailing(index, subscribers, port, counter)
            sending = measure(server, paths, editor, counter)
            while counter.accepted < subscribers:
                time.sleep(0.05)
            mailing_seconds = time.perf_counter() - started
            worker.terminate()
            worker.wait(timeout=60)
    finally:
        smtp.stop()
    ratios = {
        f"{name}_{key}": ratio(sending[name][key], idle[name][key])
        for name in paths
        for key in ("requests_per_second", "p50_ms", "p90_ms", "p99_ms")
    }
    ratios["publish_median_seconds"] = ratio(
        sending["publish_median_seconds"], idle["publish_median_seconds"]
    )
    results = {
        "machine": machine(),
        "database": connection.vendor,
        "subscribers": subscribers,
        "mails_accepted": counter.accepted,  # more than the subscribers would mean duplicates
        "mailing_seconds": round(mailing_seconds, 1),
        "wrk": {"connections": WRK_CONNECTIONS, "seconds": WRK_SECONDS, "timeout": WRK_TIMEOUT},
        "idle": idle,
        "sending": sending,
        "sending_vs_idle": ratios,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"mail-under-load-{connection.vendor}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    rows = []
    for name in paths:
        for key in ("requests_per_second", "p50_ms", "p90_ms", "p99_ms"):
            rows.append(
                [f"{name} {key}", idle[name][key], sending[name][key], ratios[f"{name}_{key}"]]
            )
    rows.append(
        [
            "publish (admin), median s",
            idle["publish_median_seconds"],
            sending["publish_median_seconds"],
            ratios["publish_median_seconds"],
        ]
    )
    print(table(["", "idle", "while sending", "sending / idle"], rows))
    print(
        f"mails sent during the measurement: {sending['mails_sent_meanwhile']}; "
        f"by its end {sending['mails_sent_by_the_end']} of {subscribers}"
    )
    print(f"idle: {idle['load']}\nsending: {sending['load']}")


if __name__ == "__main__":
    main()
