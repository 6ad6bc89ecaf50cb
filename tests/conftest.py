"""Fixtures shared by every test module.

- ``site_tree``: all locales and the home page in each, as load_demo makes them.
- ``municipality``: the demo municipality (高松市 372013).
- ``make_user(*group_names)``: a staff user in the given groups (see home/groups.py).
- ``browser_page``: a Playwright page in Debian's headless Chromium, for tests that use ``live_server``.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def site_tree(db):
    from home import demo, groups

    locales = demo.ensure_locales()
    home = demo.ensure_home_pages(locales)
    groups.sync_groups()
    return home


@pytest.fixture
def municipality(db):
    from home import demo

    return demo.ensure_municipality()


@pytest.fixture
def make_user(db):
    from home.factories import UserFactory

    def make(*group_names, **kwargs):
        return UserFactory(groups=list(group_names), **kwargs)

    return make


@pytest.fixture(scope="session")
def _browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see README).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser):
    context = _browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
