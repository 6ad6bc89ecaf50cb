"""Every content type round-trips through wagtail-localize: create the Japanese source, translate
it (PO export, translated, PO import), publish, render or read it in the locale; facts that are
synchronized (addresses, coordinates, dates, codes, colours) stay equal to the source."""

from datetime import date

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.sites import city_section
from tests.i18n.conftest import save_translation

PREFIX = "Bản dịch: "


def translate_via_po(obj, code: str, user=None):
    """A translator's round trip: export the PO file, fill every msgstr, import it, publish."""
    locale = Locale.objects.get(language_code=code)
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    assert len(po) > 0
    for entry in po:
        entry.msgstr = PREFIX + entry.msgid
    translation.import_po(po, user=user)
    save_translation(translation, user=user, publish=True)
    return obj.get_translation(locale)


def _assert_synchronized(source, translated, fields):
    for name in fields:
        assert getattr(translated, name) == getattr(source, name), name


def test_standard_page_round_trip(client, source_page, editor):
    vi = translate_via_po(source_page, "vi", editor).specific
    assert vi.title == PREFIX + "ごみの出し方"
    html = client.get(vi.get_url()).content.decode()
    assert '<html lang="vi">' in html
    assert PREFIX + "燃やすごみは月曜日と木曜日に出してください。" in html


def test_garbage_calendar_page_round_trip(client, site_tree, municipality, editor):
    from services.garbage.models import CollectionArea, GarbageCalendarPage

    CollectionArea.objects.create(municipality=municipality, name="番町", code="1")  # the intro leads to areas
    page = GarbageCalendarPage(
        title="ごみ収集日", slug="gomi-calendar", municipality=municipality, intro="地区を選んでください。"
    )
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    ko = translate_via_po(page, "ko", editor).specific
    _assert_synchronized(page, ko, ["municipality_id"])
    html = client.get(ko.get_url()).content.decode()
    assert '<html lang="ko">' in html
    assert PREFIX + "地区を選んでください。" in html


def test_facility_page_round_trip(client, site_tree, municipality, editor):
    from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
    from facilities.models import FacilityIndexPage

    index = city_section(municipality, FacilityIndexPage)
    facility = FacilityPageFactory(
        parent=index,
        title="中央図書館",
        slug="central-library",
        category=FacilityCategoryFactory(),
        phone="087-861-4501",
        description="本を借りられます。",
    )
    translate_via_po(facility.category, "en", editor)
    en = translate_via_po(facility, "en", editor).specific
    # The category link is synchronized (facilities/models.py); its name is localised where shown.
    _assert_synchronized(facility, en, ["address", "latitude", "longitude", "phone", "postal_code", "category_id"])
    html = client.get(en.get_url()).content.decode()
    assert '<html lang="en">' in html
    assert PREFIX + "中央図書館" in html
    assert "087-861-4501" in html


def test_event_page_round_trip(client, municipality, editor):
    from services.events.factories import EventPageFactory
    from services.events.models import EventIndexPage

    index = city_section(municipality, EventIndexPage)
    event = EventPageFactory(parent=index, title="図書館まつり", slug="library-festival")
    pt = translate_via_po(event, "pt", editor).specific
    _assert_synchronized(
        event, pt, ["start_date", "start_time", "end_time", "address", "lat", "lng", "rrule", "all_day"]
    )
    html = client.get(pt.get_url()).content.decode()
    assert '<html lang="pt">' in html
    assert PREFIX + "図書館まつり" in html


def test_nursery_page_round_trip(client, site_tree, municipality, editor):
    from services.nurseries.models import NurseryIndexPage

    page = NurseryIndexPage(
        title="保育所の空き状況",
        slug="hoiku",
        municipality=municipality,
        intro="毎月1日現在の受入可能数です。",
        how_to_apply="区役所のこども家庭支援課に申し込んでください。",
    )
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    zh = translate_via_po(page, "zh-hans", editor).specific
    _assert_synchronized(page, zh, ["municipality_id"])
    html = client.get(zh.get_url()).content.decode()
    assert '<html lang="zh-hans">' in html
    assert PREFIX + "毎月1日現在の受入可能数です。" in html


def test_alert_banner_round_trip(client, site_tree, editor):
    from home.factories import AlertBannerFactory

    banner = AlertBannerFactory(message="大雨警報が発表されています。", link_url="https://example.org/")
    zh = translate_via_po(banner, "zh-hans", editor)
    _assert_synchronized(banner, zh, ["severity", "link_url", "starts_at", "ends_at", "enabled"])
    html = client.get("/zh-hans/").content.decode()
    assert PREFIX + "大雨警報が発表されています。" in html


def test_garbage_category_and_dictionary_round_trip_and_api_per_locale(client, site_tree, municipality, editor):
    import io

    from services.garbage import demo
    from services.garbage.models import CollectionArea, GarbageCategory, SortingItem

    demo.load_demo(municipality, io.StringIO())
    category = GarbageCategory.objects.filter(locale__language_code="ja", scheduled=True).order_by("sort_order").first()
    vi_category = translate_via_po(category, "vi", editor)
    _assert_synchronized(
        category, vi_category, ["code", "colour", "icon", "sort_order", "scheduled", "municipality_id"]
    )
    assert vi_category.name == PREFIX + category.name

    item = SortingItem.objects.filter(locale__language_code="ja", category=category).first()
    vi_item = translate_via_po(item, "vi", editor)
    _assert_synchronized(item, vi_item, ["reading", "sort_order", "municipality_id"])
    assert vi_item.category.translation_key == category.translation_key

    area = CollectionArea.objects.filter(municipality=municipality, rules__category=category).first()
    start = date.today().replace(day=1).isoformat()
    end = date.fromordinal(date.today().toordinal() + 62).isoformat()
    url = f"/api/v1/garbage/areas/{area.code}/collections"
    answers = {}
    for code in ("ja", "vi"):
        response = client.get(url, {"start": start, "end": end, "locale": code})
        assert response.status_code == 200, response.content
        names = {
            c["category"]["name"] for c in response.json()["collections"] if c["category"]["code"] == category.code
        }
        answers[code] = names
    assert answers["ja"] == {category.name}
    assert answers["vi"] == {vi_category.name}

    response = client.get(url, {"start": start, "end": end, "locale": "xx"})
    assert response.status_code in (400, 422)
    assert "locale" in response.json()["detail"]  # names the parameter and the languages it takes


@pytest.mark.parametrize("code", ["en", "ko"])
def test_facility_category_round_trip(site_tree, editor, code):
    from facilities.factories import FacilityCategoryFactory

    category = FacilityCategoryFactory(code="shelter", name="避難所", kind="evacuation")
    translated = translate_via_po(category, code, editor)
    _assert_synchronized(category, translated, ["code", "kind", "sort_order"])
    assert translated.name == PREFIX + "避難所"
