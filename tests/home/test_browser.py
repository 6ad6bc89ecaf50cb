"""A resident in headless Chromium: home page, language switch, dismissing the alert banner."""

import pytest

from home.factories import AlertBannerFactory
from home.models import AlertBanner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_switches_language_and_dismisses_the_banner(live_server, site_tree, browser_page):
    AlertBannerFactory(message="台風接近のため臨時休館します", severity=AlertBanner.Severity.WARNING)
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/ja/"
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "高松市 くらしのポータル"

    # The banner shows, and a keyboard user can dismiss it.
    banner = page.locator(".alert-banner")
    assert banner.is_visible()
    assert "台風接近のため臨時休館します" in banner.inner_text()
    page.locator(".alert-banner__dismiss").focus()
    page.keyboard.press("Enter")
    assert banner.is_hidden()
    page.reload()
    assert page.locator(".alert-banner").is_hidden()

    # Switch to English through the language switcher.
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Takamatsu City Life Portal"

    # The choice is remembered: "/" now leads to English.
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/en/"


def test_home_page_fits_a_320px_screen(live_server, site_tree, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/ja/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(live_server, site_tree, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/ja/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
