"""Requests per second over real HTTP: gunicorn on 127.0.0.1, load from wrk, bounded in time.

1. the release page without and with the full-page cache (ratio);
2. 100 connections for 30 s while the release is published again and again: errors and
   responses that mix the old and the new version are counted by benchmarks/mixed.lua.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .common import ROOT

GUNICORN_WORKERS = 3
LUA = Path(__file__).with_name("mixed.lua")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the example site (or another project: `app`, `cwd`, `python`), with the
    environment of this benchmark run; ready once `ready_path` answers."""

    def __init__(
        self,
        extra_env=None,
        app="example_site.wsgi",
        cwd=ROOT,
        python=sys.executable,
        ready_path="/",
    ):
        self.port = free_port()
        self.env = {**os.environ, **(extra_env or {})}
        self.app, self.cwd, self.gunicorn = app, cwd, Path(python).with_name("gunicorn")
        self.ready_path = ready_path

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(self.gunicorn),
                self.app,
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(GUNICORN_WORKERS),
                "--log-level",
                "warning",
            ],
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url(self.ready_path), timeout=30)
                return self
            except OSError:
                time.sleep(0.3)
        self.process.kill()
        raise RuntimeError("gunicorn did not start: " + self.process.stderr.read().decode())

    def __exit__(self, *exc_info):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def wrk(url, connections, seconds, script=None, timeout=2) -> dict:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: apt-get install wrk (make bench does)")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s"]
    command += ["--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output))
        else 0,
        "socket_errors": sum(
            int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
        ),
        "p99_ms": latency_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
    }
    if script and (m := re.search(r"PRESSROOM (.*)", output)):
        result.update({k: int(v) for k, v in (pair.split("=") for pair in m.group(1).split())})
    return result


def latency_ms(text) -> float:
    value, unit = float(re.match(r"[\d.]+", text).group()), re.search(r"[a-z]+", text).group()
    return round(value * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def publish_versions(release, seconds, interval=0.5) -> int:
    """Publish version A and B of the release alternately for `seconds`."""
    published = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        version = "AB"[published % 2]
        release.title = f"Titel Fassung {version}"
        release.lead = f"Vorspann Fassung {version}: Neues aus dem Ministerium."
        release.save_revision().publish()
        published += 1
        time.sleep(interval)
    return published


def run(release) -> dict:
    import threading

    path = release.url
    release.title, release.lead = (
        "Titel Fassung A",
        "Vorspann Fassung A: Neues aus dem Ministerium.",
    )
    release.save_revision().publish()
    with Server({"PRESSROOM_PAGE_CACHE_OFF": "1"}) as server:
        wrk(server.url(path), 10, 3)  # warm-up
        uncached = wrk(server.url(path), 50, 15)
    with Server() as server:
        wrk(server.url(path), 10, 3)
        cached = wrk(server.url(path), 50, 15)
        publishes = []
        publisher = threading.Thread(target=lambda: publishes.append(publish_versions(release, 28)))
        publisher.start()
        under_publishing = wrk(server.url(path), 100, 30, script=LUA)
        publisher.join()
    under_publishing["publishes"] = publishes[0]
    return {
        "release_page_uncached": uncached,
        "release_page_cached": cached,
        "cached_vs_uncached": round(
            cached["requests_per_second"] / uncached["requests_per_second"], 1
        ),
        "publishing_under_load": under_publishing,
        "gunicorn_workers": GUNICORN_WORKERS,
    }
