"""Headless Debian Chromium for the browser audit and screenshots, started the same way."""

import json
import os
import shutil
import tempfile
import urllib.request
from contextlib import contextmanager

from django.conf import settings

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1024",
]


def chromium_paths():
    binary = getattr(settings, "PRESSROOM_CHROMIUM_BINARY", "/usr/bin/chromium")
    driver = getattr(settings, "PRESSROOM_CHROMEDRIVER", "/usr/bin/chromedriver")
    for path in (binary, driver):
        if not os.access(path, os.X_OK):
            raise FileNotFoundError(
                f"{path} is missing. Install Debian's chromium and chromium-driver "
                "(`make browser`) or set PRESSROOM_CHROMIUM_BINARY / PRESSROOM_CHROMEDRIVER."
            )
    return binary, driver


@contextmanager
def headless_chromium():
    """A Selenium driver for a fresh, throw-away Chromium profile; cleaned up on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chromium_paths()
    profile = tempfile.mkdtemp(prefix="pressroom-chromium-")
    # Chromium writes into the home folder even with its own profile.
    os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(profile, "config"))
    os.environ.setdefault("XDG_CACHE_HOME", os.path.join(profile, "cache"))
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}/data"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@contextmanager
def remote_chromium(grid_url: str):
    """A Chromium session on a Selenium Grid 4 (its nodes run Debian's chromium and chromedriver).
    The connection speaks Chromium's CDP commands too, which the Grid passes on to the node."""
    from selenium import webdriver
    from selenium.webdriver.chromium.remote_connection import ChromiumRemoteConnection

    options = webdriver.ChromeOptions()
    binary = getattr(settings, "PRESSROOM_GRID_CHROMIUM_BINARY", "/usr/bin/chromium")
    options.binary_location = binary  # where the Grid's nodes have Chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    connection = ChromiumRemoteConnection(
        grid_url, vendor_prefix="goog", browser_name="chrome", ignore_proxy=True
    )
    driver = webdriver.Remote(command_executor=connection, options=options)
    try:
        yield driver
    finally:
        driver.quit()


def execute_cdp(driver, command: str, params: dict):
    """Chrome DevTools command on a local or a Grid session."""
    return driver.execute("executeCdpCommand", {"cmd": command, "params": params})["value"]


def grid_has_free_slot(grid_url: str) -> bool:
    """Whether a node of the Grid that is up has a slot without a session."""
    try:
        with urllib.request.urlopen(grid_url.rstrip("/") + "/status", timeout=10) as response:
            nodes = json.load(response)["value"].get("nodes", [])
    except (OSError, ValueError, KeyError):
        return False
    return any(
        slot.get("session") is None
        for node in nodes
        if node.get("availability") == "UP"
        for slot in node.get("slots", [])
    )
