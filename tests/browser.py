"""Headless Chromium driven by chromedriver (Selenium), for the HTML report's tests.

Both come from the system's packages (Debian ``chromium`` and ``chromium-driver``, which
``.ci/run`` installs), so the browser and its driver are always the same version and
nothing is downloaded at run time. ``FACTCHECK_CHROMIUM`` and ``FACTCHECK_CHROMEDRIVER``
point elsewhere when they are installed elsewhere.

Without them the browser tests fail with a message saying what to install: a report
that was never opened in a browser is not a tested report. ``FACTCHECK_SKIP_BROWSER=1``
skips them explicitly instead, for a machine where installing Chromium is not possible.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

CHROMIUM = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("FACTCHECK_CHROMEDRIVER", "/usr/bin/chromedriver"))

#: Flags that work as root in a container and keep Chromium from calling home.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def missing() -> str | None:
    """Why the browser cannot be started, or None when it can."""
    absent = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not absent:
        return None
    return (
        f"{' and '.join(absent)} not found: install Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver; .ci/run does), point "
        "FACTCHECK_CHROMIUM/FACTCHECK_CHROMEDRIVER at them, or set FACTCHECK_SKIP_BROWSER=1 "
        "to skip the browser tests on purpose"
    )


@contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator[WebDriver]:
    """A fresh headless Chromium (its own profile) that records its network and console."""
    profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # A dialog opened by a script must stay open for the test to find, not be dismissed.
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requests(driver: WebDriver) -> list[str]:
    """Every URL the page has asked for since the last call (from the DevTools log)."""
    urls: list[str] = []
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]  # untyped in Selenium
        message: dict[str, Any] = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console(driver: WebDriver) -> list[str]:
    """The console messages since the last call (errors, CSP violations, …)."""
    logs = driver.get_log("browser")  # type: ignore[no-untyped-call]  # untyped in Selenium
    return [str(entry["message"]) for entry in logs]
