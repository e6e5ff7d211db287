"""The page cache across real processes: a 2-worker gunicorn, and publish_scheduled from cron.

Each publish happens in a process other than the workers serving the pages; every request
afterwards must show the new state, whichever worker answers it.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from announcements.models import PressReleasePage

from .helpers import database_url, free_port

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 20


@pytest.fixture
def environment():
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PRESSROOM_CACHE_DIR": str(django_settings.CACHES["default"]["LOCATION"]),
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def gunicorn(environment):
    port = free_port()
    command = [str(Path(sys.executable).with_name("gunicorn")), "example_site.wsgi"]
    command += ["-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5)
            break
        except urllib.error.HTTPError:  # answering (no site yet)
            break
        except OSError:
            time.sleep(0.3)
    yield base
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def fetch(url) -> tuple[int, str, str]:
    """(status, body, X-Pressroom-Cache) of an anonymous request."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read().decode()
            return response.status, body, response.headers.get("X-Pressroom-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, "", ""


def every_answer(url) -> list[tuple[int, str, str]]:
    return [fetch(url) for _ in range(REQUESTS)]


def cron(environment, command):
    # Checks are tested elsewhere; here only what the command does to the cache counts.
    subprocess.run(
        [sys.executable, "manage.py", command, "--skip-checks"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )


# Committed data the other processes can read; the migrations' rows (root page) come back after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_in_another_process_reaches_every_worker(gunicorn, make_release, environment):
    release = make_release(title="Alter Titel")
    page_url, archive_url = gunicorn + release.url, gunicorn + "/presse/"
    assert "hit" in {cache for *_, cache in every_answer(page_url)}  # both workers warm
    every_answer(archive_url)

    # This test process is neither worker: it publishes, the workers must notice.
    release.title = "Zweiter Titel"
    release.save_revision().publish()
    assert all("Zweiter Titel" in body for _, body, _ in every_answer(page_url))
    assert all("Zweiter Titel" in body for _, body, _ in every_answer(archive_url))

    # publish_scheduled from cron: a scheduled revision goes live...
    release.title = "Geplanter Titel"
    release.save_revision(approved_go_live_at=timezone.now() - dt.timedelta(seconds=1))
    every_answer(page_url)
    cron(environment, "publish_scheduled")
    assert all("Geplanter Titel" in body for _, body, _ in every_answer(page_url))
    assert all("Geplanter Titel" in body for _, body, _ in every_answer(archive_url))

    # ...and an expired release leaves the site at once.
    PressReleasePage.objects.filter(pk=release.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    cron(environment, "publish_scheduled")
    assert {status for status, _, _ in every_answer(page_url)} == {404}
    assert not any("Geplanter Titel" in body for _, body, _ in every_answer(archive_url))
