"""A resident in headless Chromium: on a garbage area page, switch to Tiếng Việt, then to
やさしい日本語 and turn ふりがな on."""

import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_switches_to_vietnamese_then_easy_japanese_with_furigana(
    live_server, site_tree, municipality, browser_page
):
    from services.garbage import demo
    from services.garbage.models import CollectionArea

    demo.load_demo(municipality, io.StringIO())
    area = CollectionArea.objects.filter(municipality=municipality).order_by("sort_order", "pk").first()
    page = browser_page
    page.goto(f"{live_server.url}/ja/garbage/?area={area.code}")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert area.name in page.locator("main").inner_text()

    # Tiếng Việt, from the switcher: same page, same area, Vietnamese chrome.
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(f"{live_server.url}/vi/garbage/?area={area.code}")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert area.name in page.locator("main").inner_text()

    # やさしい日本語, then ふりがな on with the keyboard.
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="やさしい日本語").click()
    page.wait_for_url(f"{live_server.url}/ja-x-easy/garbage/?area={area.code}")
    assert page.locator("html").get_attribute("lang") == "ja-x-easy"
    assert page.locator("main ruby").count() == 0

    page.locator("[data-furigana-switch=on]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/ja-x-easy/garbage/?area={area.code}"
    rubies = page.locator("main ruby")
    assert rubies.count() > 0
    readings = page.locator("main rt").all_inner_texts()
    assert all(
        reading and all("\u3041" <= char <= "\u309f" or char == "ー" for char in reading) for reading in readings
    )
    assert page.locator("[data-furigana-switch=off]").is_visible()
    assert area.name.replace(" ", "")[:1] in page.locator("main").inner_text()

    # The choice stays on the next page view.
    page.reload()
    assert page.locator("main ruby").count() > 0
