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
    page.wait_for_url("**where=*")  # one area matches: shown at once

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


FIRST = "高松第一（松島・築地・新塩屋町）花園・新番丁（四番丁）・塩江"
SECOND = "新番丁（日新・二番丁）・亀阜・庵治・牟礼北部"


def search(page, address):
    page.get_by_label("地区名・町名・住所").fill(address)
    page.get_by_role("button", name="地区を探す").click()
    page.wait_for_url("**where=*")


def assert_result_in_view(page, heading):
    """The answer is where the resident looks: focused, and inside the phone's screen."""
    assert page.evaluate("document.activeElement.id") == "garbage-next-heading"
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_phone_resident_finds_the_area_from_the_address_or_the_position(live_server, takamatsu, browser_page):
    page = browser_page
    assert page.viewport_size == {"width": 390, "height": 844}
    garbage = GarbageCalendarPage.objects.get(locale__language_code="ja")
    page.goto(f"{live_server.url}{garbage.url}")

    for typed in ("番町1丁目", "高松市番町１－８－１５"):
        search(page, typed)
        assert "町名：番町一丁目" in page.inner_text("[data-garbage-result]")
        heading = page.get_by_role("heading", name=f"次の収集日：{FIRST}")
        assert_result_in_view(page, heading)
        assert page.locator("[data-garbage-next] li").count() == 5

    # 番町二丁目 lies in two areas: both are offered, the resident picks theirs.
    search(page, "番町2丁目")
    question = page.locator("#garbage-matches-heading")
    assert "番町二丁目は複数の収集地区に分かれています" in question.inner_text()
    assert page.evaluate("document.activeElement.id") == "garbage-matches-heading"
    assert sorted(page.locator(".garbage-matches a").all_inner_texts()) == sorted([FIRST, SECOND])
    page.get_by_role("link", name=SECOND).click()
    page.wait_for_url("**?area=*")
    assert page.get_by_role("heading", name=f"次の収集日：{SECOND}").is_visible()

    # 現在地から探す at 高松市役所 (番町一丁目8-15).
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation({"latitude": 34.34036, "longitude": 134.04664})
    page.goto(f"{live_server.url}{garbage.url}?where=")
    page.get_by_role("button", name="現在地から探す").click()
    page.wait_for_url("**lat=*")
    assert "いちばん近い町" in page.inner_text("[data-garbage-result]")
    assert_result_in_view(page, page.get_by_role("heading", name=f"次の収集日：{FIRST}"))


def test_phone_resident_of_kanazawa_finds_the_area_on_kanazawas_site(live_server, takamatsu, browser_page):
    import io
    from urllib.parse import urlsplit

    from django.core.management import call_command

    from home.cities import setup_city
    from home.models import Municipality
    from tests.services.garbage.test_importers import OPENDATA

    setup_city("172014", "金沢市", prefecture="石川県", hostname="kanazawa.localhost")
    call_command(
        "import_5374", str(OPENDATA / "5374-kanazawa"), "--municipality", "172014", "--municipality-name", "金沢市",
        "--week-shift", stdout=io.StringIO(),
    )  # fmt: skip
    page = browser_page
    port = urlsplit(live_server.url).port
    page.goto(f"http://kanazawa.localhost:{port}/ja/garbage/")
    search(page, "長町２丁目3-1")  # 金沢市 assumed: the site's city
    assert "町名：長町二丁目" in page.inner_text("[data-garbage-result]")
    assert_result_in_view(page, page.get_by_role("heading", name="次の収集日：長町"))
    assert page.locator("[data-garbage-next] li").count() >= 3

    # 戸水町 is named by no 校下; it is inside 鞍月's line on Code for Kanazawa's map, as the demo loads it.
    from services.garbage import demo, towns

    towns.import_file(demo.TOWN_TABLES_5374["172014"], Municipality.objects.get(code="172014"))
    page.goto(f"http://kanazawa.localhost:{port}/ja/garbage/")
    search(page, "戸水町1-5")
    assert "町名：戸水町" in page.inner_text("[data-garbage-result]")
    assert_result_in_view(page, page.get_by_role("heading", name="次の収集日：鞍月"))
    page.screenshot(path=str(SHOTS / "kanazawa-tomizu-390.png"))
