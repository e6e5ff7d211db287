"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mailing-list tests, and a worker process."""

import asyncio
import email
import email.policy
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import django
from aiosmtpd.controller import Controller

from .helpers import database_url, free_port

ROOT = Path(__file__).resolve().parent.parent


class Recorder:
    """aiosmtpd handler: keeps every accepted message; can refuse addresses or be slow."""

    def __init__(self):
        self.messages = []
        self.refuse = {}  # address -> list of SMTP replies, one used per attempt
        self.delay = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        replies = self.refuse.get(address)
        if replies:
            return replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]

    def recipients(self):
        return [m["To"] for m in self.messages]


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.recorder = Recorder()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def mail_settings(self, settings):
        """Point Django's mail at this server (MAILERS from Django 6.1, EMAIL_* before)."""
        options = {"host": "127.0.0.1", "port": self.port}
        if django.VERSION >= (6, 1):
            backend = "django.core.mail.backends.smtp.EmailBackend"
            settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": options}}
        else:
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT = options["host"], options["port"]


def worker(smtp_port: int, *args: str, **extra_env) -> subprocess.Popen:
    """`manage.py db_worker` as its own process on the test database, mailing to our server."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_PORT": str(smtp_port),
        "PYTHONPATH": str(ROOT),
        "DJANGO_DEBUG": "0",  # no auto-reloader (the default with DEBUG)
        **extra_env,
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend", "background"]
    command += ["--no-startup-delay", "--interval", "0.1", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def run_worker(smtp_port: int, **extra_env) -> None:
    """Work off every queued task, then stop."""
    process = worker(smtp_port, "--batch", **extra_env)
    assert process.wait(timeout=300) == 0


def wait_for(condition, timeout=60.0):
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not reached")
        time.sleep(0.05)


def run_worker_here() -> None:
    """The same worker command in this process (where time-machine moves its clock too)."""
    from django.core.management import call_command

    options = ["--backend", "background", "--batch", "--no-startup-delay"]  # DEBUG off: no reload
    call_command("db_worker", *options, "--interval", "0", verbosity=0)


def header(message, name) -> str:
    """A header as a mail client shows it: unfolded (Django 5.2 folds long headers right after
    the colon, Django 6.1 does not)."""
    return " ".join(str(message[name] or "").split())
