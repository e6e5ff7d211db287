"""Mailing-list benchmark: one release to 10,000 subscribers through a real SMTP server
(aiosmtpd on 127.0.0.1), with one and with two worker processes (`manage.py db_worker`).

Measures seconds from publishing to the last mail accepted, mails/s, and each worker's peak
memory (VmHWM). Run: `python benchmarks/mail_sending.py [subscribers]`; PostgreSQL with
DATABASE_URL, else SQLite. Results: benchmarks/results/mail.json.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, ROOT, machine, set_up_django, table  # noqa: E402


class Counter:
    """An aiosmtpd handler that only counts accepted messages (keeps the server light)."""

    def __init__(self):
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):
        self.accepted += 1
        return "250 OK"


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def send_once(index, workers: int, smtp_port: int, counter: Counter, subscribers: int) -> dict:
    from distribution.models import Delivery

    release = draft_release(index, f"Benchmark mit {workers} Worker(n)", f"benchmark-{workers}")
    processes = [start_worker(smtp_port) for _ in range(workers)]
    time.sleep(3)  # workers started and polling
    before, load_before = counter.accepted, os.getloadavg()[0]
    started = time.perf_counter()
    release.save_revision().publish()  # the mailing is queued on commit
    while counter.accepted - before < subscribers:
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    peaks = [peak_memory_mb(process.pid) for process in processes]
    for process in processes:
        process.terminate()
        process.wait(timeout=60)
    sent = Delivery.objects.filter(mailing__release=release, status=Delivery.SENT).count()
    return {
        "workers": workers,
        "mails": sent,
        "accepted_by_smtp_server": counter.accepted - before,  # more would mean duplicates
        "seconds": round(seconds, 1),
        "mails_per_second": round(sent / seconds, 1),
        "peak_memory_mb_per_worker": peaks,
        # The machine is shared: the 1-minute load average before and after the run.
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def draft_release(index, title: str, slug: str):
    """A saved, unpublished release below `index`: publishing it starts its mailing."""
    from announcements.models import Issuer, PressReleasePage

    release = PressReleasePage(
        title=title,
        slug=f"{slug}-{time.time_ns()}",
        dateline="München",
        lead="Eine Mitteilung an alle.",
        issuer=Issuer.objects.first(),
        body=[("paragraph", "<p>Ein Absatz mit <a href='https://example.org/'>Link</a>.</p>")],
    )
    index.add_child(instance=release)
    return release


def start_worker(smtp_port: int) -> subprocess.Popen:
    """A db_worker process of the "background" queue that mails through 127.0.0.1:smtp_port."""
    env = {**os.environ, "EMAIL_PORT": str(smtp_port), "PYTHONPATH": str(ROOT), "DJANGO_DEBUG": "0"}
    command = [sys.executable, "manage.py", "db_worker", "--backend", "background"]
    return subprocess.Popen([*command, "--interval", "0.1"], cwd=ROOT, env=env)


def add_subscribers(index, count: int) -> None:
    """`count` confirmed subscribers of `index`, in bulk."""
    from django.utils import timezone

    from distribution.models import Subscriber

    Subscriber.objects.bulk_create(
        (
            Subscriber(
                index=index,
                email=f"leser{n}@example.org",
                language="de",
                confirmed_at=timezone.now(),
                consent_version="benchmark",
            )
            for n in range(count)
        ),
        batch_size=1000,
    )


def main():
    subscribers = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    set_up_django()
    from aiosmtpd.controller import Controller
    from django.db import connection

    from announcements.models import PressReleaseIndexPage
    from tests.mail_server import free_port

    index = PressReleaseIndexPage.objects.filter(locale__language_code="de").first()
    add_subscribers(index, subscribers)
    counter, port = Counter(), free_port()
    server = Controller(counter, hostname="127.0.0.1", port=port)
    server.start()
    try:
        runs = [send_once(index, n, port, counter, subscribers) for n in (1, 2)]
    finally:
        server.stop()
    results = {
        "machine": machine(),
        "database": connection.vendor,
        "subscribers": subscribers,
        "batch_size": int(os.environ.get("PRESSROOM_MAIL_BATCH_SIZE", "200")),
        "runs": runs,
        "two_workers_speed_up": round(
            runs[1]["mails_per_second"] / max(runs[0]["mails_per_second"], 0.001), 2
        ),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"mail-{connection.vendor}.json").write_text(json.dumps(results, indent=2) + "\n")
    headers = ["workers", "mails", "seconds", "mails/s", "peak memory per worker (MB)", "load"]
    rows = [
        [
            r["workers"],
            r["mails"],
            r["seconds"],
            r["mails_per_second"],
            r["peak_memory_mb_per_worker"],
            r["load_average"],
        ]
        for r in runs
    ]
    print(table(headers, rows))
    print(f"two workers / one worker: {results['two_workers_speed_up']}×")


if __name__ == "__main__":
    main()
