"""Browser journeys: Playwright driving Debian's Chromium against the live test server."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import require

# live_server runs in a thread beside Playwright's event loop; Django's guard would refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Not test-results/: pytest-playwright empties that folder at the start of every run.
PHONE = {"width": 360, "height": 800}  # the narrowest screen every page must fit
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Checked here, before the session's browser starts, so a missing Chromium says how to
    # install it (skipped locally, failed in CI) instead of Playwright's launch error.
    require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def artefacts() -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS


@pytest.fixture
def csp_violations(page):
    """Every Content-Security-Policy violation the page reports; a journey asserts none."""
    seen = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and seen.append(msg.text))
    return seen


@pytest.fixture
def local_outbox(settings, live_server, tmp_path):
    """E-mails land as files the DEBUG-only outbox page lists, linking back to this server
    (a module using it routes the outbox: see the journeys that read e-mail)."""
    settings.DEBUG = True
    settings.LOCAL_OUTBOX_DIR = tmp_path
    settings.MAILERS = {"default": {"BACKEND": "accounts.mail_backends.LocalOutboxBackend"}}
    settings.SITE_URL = live_server.url
    return tmp_path


def serious_violations(page) -> list[tuple[str, list[str]]]:
    """axe-core's serious and critical findings on the page: (rule, offending HTML)."""
    return [
        (v["id"], [node["html"] for node in v["nodes"]])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
