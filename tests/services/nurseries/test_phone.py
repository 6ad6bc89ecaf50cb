"""A parent on a phone (390×844 and 320 px wide) on 横浜市's nursery page, real rows of its
2024-08-01 file: a wrong birth date is explained in Japanese next to the field while the other
filters stay applied; each nursery reads as a card, not a one-character column; the map has a
size and a marker per nursery, on the list and on a nursery's own page."""

import os

import pytest

from tests.services.nurseries.test_browser import nurseries, yokohama_url  # noqa: F401 - the committed rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NURSERY_SHOTS")  # a folder to keep screenshots in while working


@pytest.fixture
def phone(browser_page):
    """The phone, offline for map tiles (the test checks the map, not the tile server)."""
    browser_page.route("https://cyberjapandata.gsi.go.jp/**", lambda route: route.abort())
    return browser_page


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def rows_shown(page) -> list[str]:
    return page.locator("tr.nursery-row th a").all_inner_texts()


def test_a_birth_date_after_the_notice_is_explained_in_japanese_next_to_the_field_and_the_rest_still_filters(
    live_server, phone, nursery_page, published_notice
):
    page = phone
    page.goto(yokohama_url(live_server, nursery_page))
    page.check("#id_vacancy")
    page.click(".nursery-filters button[type=submit]")
    page.wait_for_url("**vacancy=on**")
    with_places = rows_shown(page)
    assert 0 < len(with_places) < 24  # the filter narrows the real rows

    # The notice is as of 2024-08-01; a child born in 2025 is a typo of the year.
    page.fill("#id_birth_date", "2025-05-10")
    page.click(".nursery-filters button[type=submit]")
    page.wait_for_url("**birth_date=2025-05-10**")
    shot(page, "error-390")

    message = page.locator("#id_birth_date_error")
    assert "生年月日" in message.inner_text() and "2024年8月1日" in message.inner_text()
    assert "after" not in page.locator(".nursery-filters").inner_text()
    birth = page.locator("#id_birth_date")
    assert birth.get_attribute("aria-invalid") == "true"
    assert "id_birth_date_error" in birth.get_attribute("aria-describedby").split()
    # The message sits next to its field: inside the field's box, just above the input.
    field_box = page.locator(".field", has=birth).bounding_box()
    message_box = message.bounding_box()
    assert field_box["y"] <= message_box["y"] < birth.bounding_box()["y"]
    # The summary at the top links to the field, and the resident's input is kept to correct.
    summary = page.locator("#nursery-errors")
    assert summary.get_attribute("role") == "alert"
    assert summary.locator('a[href="#id_birth_date"]').count() == 1
    assert "ほかの条件" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "nursery-errors"
    assert birth.input_value() == "2025-05-10"
    # Every other filter still applies: the same nurseries as with 空きあり alone.
    assert page.locator("#id_vacancy").is_checked()
    assert rows_shown(page) == with_places


def test_an_age_that_does_not_match_the_birth_date_keeps_the_age_filter(
    live_server, phone, nursery_page, published_notice
):
    page = phone
    page.goto(yokohama_url(live_server, nursery_page) + "?age=1")
    by_age = rows_shown(page)
    page.goto(yokohama_url(live_server, nursery_page) + "?age=1&birth_date=2020-05-10")

    assert "3歳児" in page.locator("#id_birth_date_error").inner_text()
    assert page.locator("#id_age").input_value() == "1"
    assert rows_shown(page) == by_age


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_each_nursery_is_readable_and_the_map_shows_them(
    live_server, phone, nursery_page, published_notice, width
):
    page = phone
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(yokohama_url(live_server, nursery_page))
    page.wait_for_selector("#nursery-map .map__marker", state="attached")
    shot(page, f"list-{width}")

    # No sideways scrolling, and the name takes the card's width instead of one character.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    name = page.locator("tr.nursery-row th").first
    assert name.bounding_box()["width"] > width * 0.75
    row = page.locator("tr.nursery-row").first
    assert row.bounding_box()["height"] < 250
    # Each age class keeps its label beside its number.
    ages = row.locator("td.num")
    assert ages.count() == 6
    label = ages.nth(1).evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"1歳児"'
    assert ages.nth(1).bounding_box()["width"] > 30

    # The map: a real size, one marker per nursery with a position, images that loaded.
    canvas = page.locator("#nursery-map")
    assert canvas.bounding_box()["height"] > 200
    markers = page.locator("#nursery-map .map__marker")
    assert markers.count() == page.locator("tr.nursery-row").count() == 24
    assert markers.first.evaluate("img => img.complete && img.naturalWidth") > 0
    assert "/static/vendor/leaflet/images/marker-icon" in markers.first.get_attribute("src")


def test_a_nurserys_page_shows_it_on_the_map(live_server, phone, nursery_page, published_notice):
    page = phone
    page.set_viewport_size({"width": 320, "height": 844})
    page.goto(yokohama_url(live_server, nursery_page))
    link = page.locator("tr.nursery-row th a").first
    detail_path = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{detail_path}")  # the list has a #nursery-map too: wait for the nursery's own page
    page.wait_for_selector("#nursery-map .map__marker", state="attached")
    shot(page, "detail-320")

    title = page.locator("h1").inner_text()
    # 横浜市's file gives no hours: no empty 保育時間 heading.
    facts = page.locator(".nursery-facts").inner_text()
    assert "年齢クラス" in facts and "保育時間" not in facts
    assert page.locator("#nursery-map").bounding_box()["height"] > 200
    marker = page.locator("#nursery-map .map__marker")
    assert marker.count() == 1
    assert marker.get_attribute("data-name") == title
    assert marker.evaluate("img => img.complete && img.naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_long_list_comes_in_pages_by_ward_and_name_and_the_page_links_keep_the_filters(
    live_server, phone, nursery_page, published_notice, monkeypatch
):
    """横浜市's 1,221 nurseries were one 40,000 px page; here its real rows, ten to a page."""
    from services.nurseries import views

    monkeypatch.setattr(views, "PAGE_SIZE", 10)  # the live server runs in this process
    page = phone
    page.set_viewport_size({"width": 320, "height": 844})
    page.goto(yokohama_url(live_server, nursery_page))

    assert page.locator("#nursery-results-title").inner_text() == "保育所 24 か所"
    assert page.locator(".nursery-range").inner_text().startswith("1～10 か所目を表示")
    # 鶴見区 first, as the city lists its wards, and its nurseries in 五十音 order of their reading.
    assert rows_shown(page)[:4] == [
        "きくなハート保育園",
        "北寺尾第二むつみ保育園",
        "北寺尾むつみ保育園",
        "駒岡こども園",
    ]
    assert page.locator("#nursery-map .map__marker").count() == 10  # the map shows the page's nurseries
    links = page.get_by_role("navigation", name="ページ")
    assert links.locator("[aria-current=page]").inner_text().endswith("1")
    for link in links.get_by_role("link").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= 320  # tappable, on the screen

    links.get_by_role("link", name="ページ 3").click()
    page.wait_for_url("**page=3**")
    assert rows_shown(page) == [
        "めぐみ保育園",
        "ミアヘルサ保育園ひびき市が尾",  # いちがお before えだ
        "ミアヘルサ保育園ひびき江田",
        "ふれあいの家　にこにこ保育園",
    ]
    heading = page.locator("#nursery-results-title").bounding_box()
    assert 0 <= heading["y"] < 844  # the link opens the next page at the list, not at the filters

    # A filter, then the next page: the filter stays in the link and in the form.
    page.select_option("#id_ward", "鶴見区")
    page.click(".nursery-filters button[type=submit]")
    page.wait_for_url("**ward=**")
    assert page.locator("#nursery-results-title").inner_text() == "保育所 16 か所"
    page.get_by_role("navigation", name="ページ").get_by_role("link", name="次へ").click()
    page.wait_for_url("**page=2**")
    assert "ward=%E9%B6%B4%E8%A6%8B%E5%8C%BA" in page.url
    assert page.locator("#id_ward").input_value() == "鶴見区"
    assert len(rows_shown(page)) == 6
    assert page.locator(".nursery-range").inner_text().startswith("11～16 か所目を表示")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_town_two_wards_share_asks_which_ward_and_the_choice_searches_from_it(
    live_server, phone, nursery_page, published_notice
):
    page = phone
    page.goto(yokohama_url(live_server, nursery_page))
    # 吉田町 is a town of 中区 and of 戸塚区: no distance from the city's centre, a question instead.
    page.fill("#id_address", "吉田町")
    page.press("#id_address", "Enter")
    page.wait_for_url("**address=**")
    shot(page, "ward-question-390")

    error = page.locator("#id_address_error")
    assert "「吉田町」は複数の区にあります" in error.inner_text()
    choices = error.locator(".address-choices a")
    assert choices.all_inner_texts() == ["横浜市中区吉田町", "横浜市戸塚区吉田町"]
    assert page.locator("td.nursery-distance").count() == 0
    # The summary that takes the focus offers the same choices, on the first screen.
    summary_choices = page.locator("#nursery-errors .address-choices a")
    assert summary_choices.all_inner_texts() == ["横浜市中区吉田町", "横浜市戸塚区吉田町"]
    assert page.evaluate("document.activeElement.id") == "nursery-errors"
    box = summary_choices.last.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["x"] + box["width"] <= 390

    summary_choices.first.click()
    page.wait_for_url("**%E4%B8%AD%E5%8C%BA**")  # 中区 in the address
    assert "神奈川県横浜市中区吉田町" in page.locator("main").inner_text()
    assert page.locator("#id_address_error").count() == 0
    assert page.locator("#id_address").input_value() == "横浜市中区吉田町"
    distances = page.locator("td.nursery-distance").all_inner_texts()
    assert distances and all(text.endswith(("m", "km")) for text in distances)


def test_a_town_one_ward_has_is_found_without_its_ward(live_server, phone, nursery_page, published_notice):
    page = phone
    page.goto(yokohama_url(live_server, nursery_page))
    page.fill("#id_address", "鶴見中央1丁目")
    page.press("#id_address", "Enter")
    page.wait_for_url("**address=**")

    assert "神奈川県横浜市鶴見区鶴見中央一丁目" in page.locator("main").inner_text()
    assert page.locator("tr.nursery-row th a").first.inner_text() == "鶴見中央ハート保育園"  # about 80 m away
