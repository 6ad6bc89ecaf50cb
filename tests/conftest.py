"""Fixtures shared by every test module.

- ``site_tree``: the Japanese home page; every locale, the home page in each and the staff groups are
  built once per test database (``django_db_setup``) and rebuilt after a transactional test's flush.
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


def build_site_tree():
    """The demo city set up as ``setup_city`` does: every locale, its site, home page in each
    language, empty sections and staff groups, as load_demo makes them."""
    from home import demo

    return demo.ensure_demo_city().home


_migrated = {}  # what the migrations wrote (Wagtail's root page, permissions, workflow), as JSON


def restore_after_flush():
    """A flush empties every table, the rows migrations wrote included (wagtail-localize's
    "submit_translation" permission, Wagtail's default workflow, ...): put them back as they were
    after migrating, then the shared site tree, so the next test starts as the first one did."""
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    # Empty again without the post-migrate signal: it would make content types and permissions
    # under new ids, beside the ones put back.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
    # Content types first, under their old ids: building a Wagtail task or page from the rest
    # looks its type up (and would make it anew), and the manager's cache still holds the ids the
    # flushed rows had.
    rows = json.loads(_migrated["default"])
    types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
    for part in (types, [row for row in rows if row["model"] != "contenttypes.contenttype"]):
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(json.dumps(part))
    ContentType.objects.clear_cache()
    build_site_tree()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The site tree is read-only shared data: built once per test database, not once per test.

    Each test runs in a transaction that is rolled back, so the tree is there for every test.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        _migrated["default"] = connection.creation.serialize_db_to_string()
        build_site_tree()


def pytest_collection_modifyitems(config, items):
    """Heavy modules first: the two processes (``--dist loadfile --no-loadscope-reorder``, else
    xdist sends the files with most tests first) each start on one instead of one process finishing
    alone on the last. ``one_database`` tests are skipped on PostgreSQL: the SQLite
    run of the same suite (CI runs both) already checks them, and they are among the slowest."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)  # stable: the rest keep their order
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        once = pytest.mark.skip(reason="does not depend on the database: checked in the SQLite run")
        for item in items:
            if item.get_closest_marker("one_database"):
                item.add_marker(once)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (browser, live server) ends with a flush: put the database back."""
    yield
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "live_server",
        "transactional_db",
    } & set(getattr(item, "fixturenames", ()))
    if transactional and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            restore_after_flush()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """What a test cached (the synonym list, ...) goes with it, as its rows do."""
    yield
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # Redis: only this process's keys (a key prefix each)
        # Every version: Wagtail keeps its site root paths under version 2 (delete_pattern sees
        # only version 1), and a test that set up a second city would otherwise leave "two sites"
        # (absolute page URLs) to the next tests.
        from django.conf import settings

        client = cache.client.get_client(write=True)
        keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture
def site_tree(db):
    from wagtail.models import Locale

    from home.demo import DEMO_MUNICIPALITY
    from home.models import HomePage

    # 高松市's: a test may set up a second city, whose home page sits beside it.
    return HomePage.objects.get(locale=Locale.get_default(), slug=DEMO_MUNICIPALITY["code"])


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
    _wait_for_live_server_requests()


@pytest.fixture
def live_server(live_server):
    """pytest-django's live server; when the test ends, its requests finish before the flush
    (a browser context a test made of its own is closed by then)."""
    yield live_server
    _wait_for_live_server_requests()


def _wait_for_live_server_requests(deadline_seconds: float = 15.0):
    """Let the live server finish the requests the closed page left in flight (the admin's
    background pings, a search as you type): the flush after the test fails with "database table
    is locked" while a request thread still reads on SQLite's shared connection, and PostgreSQL's
    TRUNCATE deadlocks with it."""
    import threading
    import time

    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        busy = [thread for thread in threading.enumerate() if "process_request_thread" in thread.name]
        if not busy:
            return
        busy[0].join(timeout=0.1)
