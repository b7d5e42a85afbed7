"""Headless Chromium for browser tests: Debian's chromium driven by Playwright for Python.

Skipped, with the way to enable them, when chromium or Playwright is missing. The
accessibility test also needs axe-core's `axe.min.js` (npm package `axe-core@4`): set
`AXE_CORE_JS` to its path, or install it into `node_modules/` at the project root.
"""

import os
import shutil
from pathlib import Path

import pytest

# Django's live server runs in a thread beside Playwright's sync API (an event loop).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ENABLE_HINT = (
    "apt-get install -y chromium (Debian's browser, at /usr/bin/chromium or $CHROMIUM_PATH) "
    "and pip install -r requirements-dev.txt (Playwright for Python); never `playwright install`."
)


@pytest.fixture(scope="session")
def _playwright():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Browser tests need chromium at {CHROMIUM}: {ENABLE_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"Browser tests need Playwright for Python: {ENABLE_HINT}")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the accessibility test inject axe-core under the site's strict CSP.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    candidates = [os.environ.get("AXE_CORE_JS", ""), ROOT / "node_modules/axe-core/axe.min.js"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    pytest.skip(
        "The accessibility test needs axe-core: npm install axe-core@4 and set AXE_CORE_JS "
        "to node_modules/axe-core/axe.min.js (or install it at the project root)."
    )
