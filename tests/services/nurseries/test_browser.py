"""A parent in a real browser: age 1, 空きあり, an address → the nearest nursery with a place first."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def yokohama_url(live_server, page) -> str:
    """The page on Yokohama's site of the live server (its hostname resolves to this machine)."""
    from urllib.parse import urlparse

    from tests.services.nurseries.conftest import YOKOHAMA_HOST

    return live_server.url.replace("localhost", YOKOHAMA_HOST) + urlparse(page.full_url).path


@pytest.fixture
def nurseries(transactional_db, site_tree, yokohama):
    """Committed for the live server's thread, so built per test (conftest's is shared in a transaction)."""
    from services.nurseries.models import Nursery
    from tests.services.nurseries.conftest import _yokohama_nurseries

    _yokohama_nurseries()
    return {n.number: n for n in Nursery.objects.select_related("facility")}


def test_age_vacancy_and_address_put_the_nearest_open_nursery_first(
    live_server, browser_page, nursery_page, published_notice
):
    page = browser_page
    page.goto(yokohama_url(live_server, nursery_page))
    assert page.locator("h1").inner_text() == "保育所の空き状況"
    assert page.locator("tr.nursery-row").count() == 24

    page.select_option("#id_age", "1")
    page.check("#id_vacancy")
    page.fill("#id_address", "横浜市鶴見区鶴見中央1丁目")
    page.press("#id_address", "Enter")
    page.wait_for_url("**address=**")

    rows = page.locator("tr.nursery-row")
    first = rows.first
    # 鶴見中央ハート保育園 is nearer (80 m) but has no place for age 1; 横浜市鶴見保育園 (about 400 m) has one.
    assert first.locator("th a").inner_text() == "横浜市鶴見保育園"
    assert first.locator("td.num").nth(1).inner_text() == "1"
    assert first.locator("td.nursery-distance").inner_text().endswith("m")
    names = rows.locator("th a").all_inner_texts()
    assert "鶴見中央ハート保育園" not in names
    assert page.locator("#nursery-map").count() == 1

    first.locator("th a").click()
    assert page.locator("h1").inner_text() == "横浜市鶴見保育園"
    assert page.locator(".nursery-history tbody tr").count() == 1


def test_without_the_vacancy_filter_the_nearest_nursery_comes_first(
    live_server, browser_page, nursery_page, published_notice
):
    page = browser_page
    page.goto(yokohama_url(live_server, nursery_page))
    page.fill("#id_address", "横浜市鶴見区鶴見中央1丁目")
    page.click(".nursery-filters button[type=submit]")
    page.wait_for_url("**address=**")

    assert page.locator("tr.nursery-row th a").first.inner_text() == "鶴見中央ハート保育園"
