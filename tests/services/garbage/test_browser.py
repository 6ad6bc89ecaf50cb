"""A resident in headless Chromium: find the area, see the next collections, come back, search the dictionary."""

import os
import tempfile
from pathlib import Path

import pytest

from services.garbage.models import CollectionArea, GarbageCalendarPage

# Screenshots for a person to look at (set GARBAGE_SHOTS; default: the temp dir).
SHOTS = Path(os.environ.get("GARBAGE_SHOTS", tempfile.gettempdir()))

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def takamatsu(transactional_db):
    """Committed for the live server's thread, so built per test (conftest's is shared in a transaction)."""
    from home.models import Municipality
    from tests.services.garbage.conftest import _load_takamatsu

    return Municipality.objects.get(pk=_load_takamatsu())


def test_pick_area_see_next_collections_and_search_the_dictionary(live_server, takamatsu, browser_page):
    page = browser_page
    garbage = GarbageCalendarPage.objects.get(locale__language_code="ja")
    area = CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")
    page.goto(f"{live_server.url}{garbage.url}")

    page.get_by_label("地区名・町名・住所").fill("松島")
    page.get_by_role("button", name="地区を探す").click()
    page.get_by_role("link", name=area.name).click()
    page.wait_for_url(f"**?area={area.code}")

    next_list = page.locator("[data-garbage-next] li")
    assert next_list.count() == 5
    assert "燃やせるごみ" in next_list.all_inner_texts()[0] + " ".join(next_list.all_inner_texts())
    assert page.locator("table.garbage-month").count() == 2

    # The choice is remembered on this device: the bare page comes back to the area.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{garbage.url}")
    page.wait_for_url(f"**?area={area.code}")
    assert page.get_by_role("heading", name=f"次の収集日：{area.name}").is_visible()

    page.get_by_label("捨てたいものは？").fill("でんち")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=*")
    results = page.locator("[data-garbage-results]")
    assert "「乾電池（筒形）」は「有害ごみ」です。" in results.inner_text()

    page.get_by_label("捨てたいものは？").fill("ﾍﾟｯﾄﾎﾞﾄﾙ")
    page.get_by_role("button", name="調べる").click()
    page.wait_for_url("**q=%EF%BE%8D*")
    results = page.locator("[data-garbage-results]")
    assert "「ペットボトル（飲料・酒・醤油用など）」は「缶・びん・ペットボトル」です。" in results.inner_text()
    assert "お住まいの地区の次の収集日" in results.inner_text()


def test_area_page_fits_a_320px_screen(live_server, takamatsu, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    garbage = GarbageCalendarPage.objects.get(locale__language_code="ja")
    area = CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")
    page.goto(f"{live_server.url}{garbage.url}?area={area.code}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_phone_resident_asks_tobacco_and_futon_and_sees_how_to_put_it_out(live_server, takamatsu, browser_page):
    """たばこ and 布団 on 高松市's site, on a phone: the item itself first, its category and 出し方."""
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    garbage = GarbageCalendarPage.objects.get(locale__language_code="ja")
    page.goto(f"{live_server.url}{garbage.url}")

    page.get_by_label("捨てたいものは？").fill("布団")
    page.get_by_role("button", name="調べる").click()
    page.wait_for_url("**q=*")
    results = page.locator("[data-garbage-results]")
    assert page.locator(".garbage-item dt").first.inner_text() == "ふとん（2枚まで）"
    assert "「ふとん（2枚まで）」は「燃やせるごみ」です。" in results.inner_text()
    howto = results.locator("[data-garbage-howto]")
    assert howto.is_visible()
    assert "指定収集袋" in howto.inner_text()
    page.screenshot(path=str(SHOTS / "futon-390.png"), full_page=False)

    page.get_by_label("捨てたいものは？").fill("たばこ")
    page.get_by_role("button", name="調べる").click()
    page.wait_for_url("**q=%E3%81%9F*")
    names = page.locator(".garbage-item dt").all_inner_texts()
    assert names[0] == "フイルム状の包み（たばこ・菓子等）"
    assert "げた箱" not in names
    assert "プラスチック容器包装" in page.locator("[data-garbage-results] .notice").inner_text()
    assert "プラマーク" in page.locator("[data-garbage-results] [data-garbage-howto]").inner_text()
    page.screenshot(path=str(SHOTS / "tabako-390.png"), full_page=False)
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
