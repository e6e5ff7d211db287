"""Headless Debian Chromium for the browser audit and screenshots, started the same way."""

import os
import shutil
import tempfile
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
