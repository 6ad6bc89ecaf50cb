"""The demo city, built once for this module: load_demo is idempotent, every page type passes axe-core
and fits 320 px, and the main forms work with the keyboard.

``load_demo`` is the slowest thing the suite does, and these tests only read what it made, so they
share one run of it (and its second run, which must change nothing) and one live server, instead of
a transactional test each. The rows are committed (the server thread reads them) and the database is
flushed when the module ends, as after any transactional test; the shared site tree is put back.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.a11y.checks import format_violations
from tests.a11y.keyboard import check_forms
from tests.a11y.pages import check_pages, discover_urls
from tests.conftest import build_site_tree

pytestmark = pytest.mark.browser

LANGUAGES = {"ja", "en", "zh-hans", "ko", "vi", "pt", "ja-x-easy"}


def snapshot() -> dict[str, object]:
    """Row counts of every table, plus the newest primary key of each (a re-created row shows)."""
    state = {}
    for model in apps.get_models():
        manager = model._base_manager
        state[model._meta.label] = (manager.count(), manager.order_by("-pk").values_list("pk", flat=True).first())
    return state


@dataclass(frozen=True)
class DemoCity:
    url: str  # the live server
    first_output: str
    second_output: str
    before_second: dict
    after_second: dict


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        first, second = StringIO(), StringIO()
        call_command("load_demo", force=True, stdout=first)
        before = snapshot()
        call_command("load_demo", force=True, stdout=second)
        server = LiveServer("localhost")
        try:
            yield DemoCity(server.url, first.getvalue(), second.getvalue(), before, snapshot())
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            build_site_tree()


def test_load_demo_twice_changes_nothing(demo_city):
    from home.models import HomePage, Municipality

    assert "password" in demo_city.first_output
    assert demo_city.after_second == demo_city.before_second
    assert "password" not in demo_city.second_output  # existing users keep their passwords
    assert Municipality.objects.filter(code="372013", name="高松市").exists()
    assert set(HomePage.objects.live().values_list("locale__language_code", flat=True)) == LANGUAGES


def test_every_page_type_passes_axe_and_fits_320px(demo_city, browser_page):
    urls = discover_urls()
    kinds = {label.split(" (")[0] for label, _ in urls}
    # The demo must give this test something to check in each domain; a missing one is a failure.
    assert {"HomePage", "StandardPage", "GarbageCalendarPage", "EventIndexPage"} <= kinds, kinds

    found = check_pages(browser_page, demo_city.url, urls)
    assert not found, format_violations(found)


def test_main_forms_work_with_the_keyboard(demo_city, browser_page):
    problems = check_forms(browser_page, demo_city.url)
    assert not problems, "\n".join(problems)
