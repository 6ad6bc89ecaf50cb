"""With the Content-Security-Policy on, resident pages and the API docs still run their scripts
in Chromium, and the browser reports no violation."""

import pytest

from tests.search.conftest import add_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_and_api_docs_run_under_the_policy_without_violations(live_server, browser_page, site_tree):
    add_page(site_tree, "中央図書館", "本の貸し出しと返却の案内です。", slug="library")
    page = browser_page
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{live_server.url}/ja/")
    page.evaluate(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective))"
    )
    box = page.locator("input[data-suggest-url]").first
    box.click()
    page.keyboard.type("としょ")
    page.get_by_role("option", name="中央図書館").wait_for()  # autocomplete.js ran and fetched
    assert page.evaluate("window.__violations") == []

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()  # the vendored bundle and init script ran
    assert "Machi Portal API" in page.locator(".swagger-ui .info .title").inner_text()
    assert [text for text in messages if "Content Security Policy" in text] == []
