"""The domains fill the kernel's registries from their apps.py; the kernel names none of them."""

from home import registries
from home.groups import EDITORS, EMERGENCY, TRANSLATORS
from search import registry as search_registry
from services.garbage.apps import GARBAGE_STAFF
from services.nurseries.apps import CHILDCARE_STAFF


def test_demo_loaders_run_facilities_before_the_domains_that_refer_to_them():
    assert [loader.name for loader in registries.demo_loaders()] == [
        "facilities.demo",
        "services.garbage.demo",
        "services.nurseries.demo",
        "services.events.demo",
        "home.demo_procedures",  # くらしの手続き: links the garbage section once it has content
        "search.demo",
    ]


def test_home_page_panels_are_the_garbage_notice_then_facilities_then_events():
    assert [panel.template for panel in registries.home_panels()] == [
        "services/garbage/home_panel.html",
        "facilities/home_panel.html",
        "services/events/home_panel.html",
        "home/cities_panel.html",  # the kernel's: the other cities of this install
    ]


def test_each_domain_brings_its_role_and_its_rights_on_the_editors_role():
    roles = registries.roles()
    assert list(roles)[:3] == [EDITORS, TRANSLATORS, EMERGENCY]  # the kernel's, registered first
    assert roles[GARBAGE_STAFF].apps == ["garbage"]
    assert roles[GARBAGE_STAFF].section_pages == {"garbage": roles[EDITORS].pages["home"]}
    assert roles[CHILDCARE_STAFF].apps == ["nurseries"]
    assert roles[EDITORS].apps == ["facilities", "events"]
    assert roles[EDITORS].models == ["home.alertbanner", "search.synonymgroup", "search.searchquerylog"]
    assert "wagtail_localize.submit_translation" in roles[EDITORS].permissions


def test_registering_rights_twice_adds_them_once():
    role = registries.register_role("テスト課", apps=["garbage"], models=["home.alertbanner"])
    registries.register_role("テスト課", apps=["garbage", "events"], models=["home.alertbanner"])
    try:
        assert role.apps == ["garbage", "events"]
        assert role.models == ["home.alertbanner"]
    finally:
        registries._roles.pop("テスト課")


def test_search_kinds_come_with_their_domains_labels_in_their_order():
    # The tests run in Japanese, the source language.
    assert {kind: str(label) for kind, label in search_registry.kinds().items()} == {
        "pages": "ページ",
        "facilities": "施設",
        "events": "イベント",
        "nurseries": "保育所",
        "garbage": "ごみの分別",
    }
    assert list(search_registry.kinds()) == ["pages", "facilities", "events", "nurseries", "garbage"]
