"""The garbage calendar page, the printable view and the home-page notice, as a resident sees them."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from home.formats import local_date
from japanese.dates import today_in_japan
from services.garbage.calendar import AreaSchedule
from services.garbage.models import (
    CollectionArea,
    CollectionException,
    CollectionRule,
    GarbageCalendarPage,
    GarbageCategory,
)


@pytest.fixture
def page(takamatsu):
    return GarbageCalendarPage.objects.get(locale__language_code="ja")


@pytest.fixture
def area(takamatsu):
    return CollectionArea.objects.get(municipality=takamatsu, name__startswith="高松第一")


def test_page_exists_in_every_language(takamatsu):
    languages = set(GarbageCalendarPage.objects.live().values_list("locale__language_code", flat=True))
    assert languages == {"ja", "en", "zh-hans", "ko", "vi", "pt", "ja-x-easy"}


def test_page_without_area_offers_the_picker(client, page):
    html = client.get(page.url).content.decode()
    assert '<label for="garbage-where">地区名・町名・住所</label>' in html
    assert "屋島・古高松・牟礼南部</option>" in html
    assert "garbage-next-heading" not in html


def test_finding_an_area_by_town_name(client, page, area):
    html = client.get(page.url, {"where": "松島"}).content.decode()
    # one area matches: its collections are shown at once
    assert f'data-garbage-area="{area.code}"' in html and f"次の収集日：{area.name}" in html
    html = client.get(page.url, {"where": "存在しない町"}).content.decode()
    assert "当てはまる地区がありません" in html


def test_area_page_shows_next_collections_and_two_month_tables(client, page, area):
    today = today_in_japan()
    html = client.get(page.url, {"area": area.code}).content.decode()
    assert f"次の収集日：{area.name}" in html
    upcoming = AreaSchedule.load(area).next_collections(today)
    assert len(upcoming) == 5
    for collection in upcoming:
        assert collection.category.name in html
        assert f'<time datetime="{collection.date:%Y-%m-%d}">' in html
    tomorrow = [c for c in upcoming if c.date == today + timedelta(days=1)]
    if tomorrow:
        assert "<strong>明日</strong>" in html
    assert html.count('<table class="garbage-month">') == 2
    assert '<th scope="col">日</th>' in html
    assert f"webcal://testserver/api/v1/garbage/areas/{area.code}/calendar.ics?locale=ja" in html
    assert "印刷用カレンダー" in html


def test_english_calendar_has_english_weekdays_and_day_first_dates(client, area):
    page = GarbageCalendarPage.objects.get(locale__language_code="en")
    html = client.get(page.url, {"area": area.code}).content.decode()
    assert '<th scope="col">Sun</th>' in html and '<th scope="col">Thu</th>' in html
    today = today_in_japan()
    later = [c for c in AreaSchedule.load(area).next_collections(today) if (c.date - today).days > 2]
    assert later, "the area has collections beyond the day after tomorrow"
    assert f"<strong>{local_date(later[0].date, 'day', 'en')}</strong>" in html  # Thu, 3 Dec
    assert f"{later[0].date.month}/{later[0].date.day}/{later[0].date.year}" not in html


def test_tomorrow_label_and_home_notice_for_the_remembered_area(client, page, area, takamatsu):
    tomorrow = today_in_japan() + timedelta(days=1)
    burnable = GarbageCategory.objects.get(municipality=takamatsu, locale__language_code="ja", name="燃やせるごみ")
    CollectionRule.objects.filter(area=area, category=burnable).delete()  # so tomorrow is its next day
    CollectionException.objects.create(municipality=takamatsu, area=area, category=burnable, kind="extra", day=tomorrow)
    html = client.get(page.url, {"area": area.code}).content.decode()
    assert "<strong>明日</strong>" in html
    request = RequestFactory().get("/")
    request.COOKIES["garbage_area"] = area.code
    rendered = Template("{% load garbage_tags %}{% garbage_notice %}").render(
        Context({"request": request, "page": page})
    )
    assert "明日は燃やせるごみ" in rendered
    assert "の日です" in rendered
    assert f"?area={area.code}" in rendered


def test_home_notice_without_remembered_area_links_to_the_page(page):
    request = RequestFactory().get("/")
    rendered = Template("{% load garbage_tags %}{% garbage_notice %}").render(
        Context({"request": request, "page": page})
    )
    assert "ごみカレンダー：お住まいの地区を選ぶ" in rendered
    assert "の日です" not in rendered


def test_area_page_shows_the_remarks_its_cells_refer_to(client, page, area, takamatsu):
    """5374 cells may say ``*1``: the area page shows remarks.csv row 1 with its category, in
    the page's language, and escapes it."""
    from services.garbage.models import GarbageRemark

    GarbageRemark.objects.create(municipality=takamatsu, code="1", text="年末は12/30まで。<b>注意</b>")
    area.remarks = {"燃やせるごみ": ["1"], "破砕ごみ": ["9"]}  # 9: no such remark, nothing shown
    area.save()
    html = client.get(page.url, {"area": area.code}).content.decode()
    assert "<h3>備考</h3>" in html
    assert "<li><strong>燃やせるごみ</strong>: 年末は12/30まで。&lt;b&gt;注意&lt;/b&gt;</li>" in html
    english = GarbageCalendarPage.objects.get(locale__language_code="en")
    html = client.get(english.url, {"area": area.code}).content.decode()
    assert "<strong>Burnable waste</strong>: 年末は12/30まで。" in html
    area.remarks = {}
    area.save()
    assert "data-garbage-remarks" not in client.get(page.url, {"area": area.code}).content.decode()


def test_english_page_names_categories_in_english(client, area, takamatsu):
    english = GarbageCalendarPage.objects.get(locale__language_code="en")
    html = client.get(english.url, {"area": area.code}).content.decode()
    assert '<html lang="en">' in html
    assert "Burnable waste" in html
    assert "Next collections:" in html


def test_dictionary_search_names_the_item_and_category_and_next_day(client, page, area):
    html = client.get(page.url, {"area": area.code, "q": "電池はどうやって捨てるの？"}).content.decode()
    assert "「電池」" in html
    assert "「乾電池（筒形）」は「有害ごみ」です。" in html
    html = client.get(page.url, {"area": area.code, "q": "ﾍﾟｯﾄﾎﾞﾄﾙ"}).content.decode()
    assert "「ペットボトル（飲料・酒・醤油用など）」は「缶・びん・ペットボトル」です。" in html
    assert "お住まいの地区の次の収集日" in html


def test_user_text_is_escaped(client, page):
    html = client.get(page.url, {"q": "<script>alert(1)</script>", "where": "<b>x</b>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>x</b>" not in html


def test_unknown_area_code_shows_the_picker_not_an_error(client, page):
    response = client.get(page.url, {"area": "nope'\"<"})
    assert response.status_code == 200
    assert "garbage-next-heading" not in response.content.decode()


def test_printable_view_has_twelve_months_and_a_legend(client, page, area):
    html = client.get(page.url + "print/", {"area": area.code}).content.decode()
    assert html.count('<table class="garbage-month">') == 12
    assert '<ul class="garbage-legend">' in html
    assert "燃やせるごみ" in html


def test_area_page_queries_do_not_grow_with_rules(client, page, area, django_assert_max_num_queries):
    client.get(page.url, {"area": area.code})
    # A ceiling for the page with its menu (one query per section page type: five since setup_city
    # adds お知らせ); what matters is below: the count does not grow with the rules.
    with django_assert_max_num_queries(32) as before:
        client.get(page.url, {"area": area.code})
    category = CollectionRule.objects.filter(area=area).first().category
    CollectionRule.objects.bulk_create(
        CollectionRule(area=area, category=category, kind="nth", weekday=2, nth=n) for n in range(1, 6)
    )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(page.url, {"area": area.code})


def test_browser_position_finds_the_area_of_the_nearest_town(client, page, area):
    import json

    from django.conf import settings

    towns = json.loads(
        (settings.BASE_DIR / "data/opendata/gazetteer-geolonia/ja/香川県/高松市.json").read_text(encoding="utf-8")
    )
    matsushima = next(town for town in towns if town["town"].startswith("松島町"))
    html = client.get(page.url, {"lat": matsushima["lat"], "lng": matsushima["lng"]}).content.decode()
    assert f"いちばん近い町：{matsushima['town']}" in html
    assert f'data-garbage-area="{area.code}"' in html


def test_bad_position_is_ignored(client, page):
    response = client.get(page.url, {"lat": "nan", "lng": "x"})
    assert response.status_code == 200


def test_demo_is_idempotent(takamatsu):
    import io

    from services.garbage import demo
    from services.garbage.models import CollectionRule, SortingItem

    counts = (
        CollectionArea.objects.count(),
        CollectionRule.objects.count(),
        SortingItem.objects.count(),
        GarbageCategory.objects.count(),
        GarbageCalendarPage.objects.count(),
        CollectionException.objects.count(),
    )
    demo.load_demo(takamatsu, io.StringIO())
    assert counts == (
        CollectionArea.objects.count(),
        CollectionRule.objects.count(),
        SortingItem.objects.count(),
        GarbageCategory.objects.count(),
        GarbageCalendarPage.objects.count(),
        CollectionException.objects.count(),
    )
    assert GarbageCategory.objects.filter(locale__language_code="en").count() == 9


def test_position_lookup_reads_the_gazetteer_dir_the_geocoder_reads(client, page, area, tmp_path, settings):
    """A city added to GAZETTEER_DIR (add_gazetteer_city) is found by the garbage page as by the geocoder."""
    import json
    import shutil
    from io import StringIO

    from django.core.management import call_command

    from geo.gazetteer import load_gazetteer
    from geo.geocoding import get_geocoder

    source = settings.BASE_DIR / "data/opendata/gazetteer-geolonia"
    city_file = source / "ja/香川県/高松市.json"
    matsushima = next(t for t in json.loads(city_file.read_text(encoding="utf-8")) if t["town"].startswith("松島町"))
    position = {"lat": matsushima["lat"], "lng": matsushima["lng"]}
    directory = tmp_path / "gazetteer"
    directory.mkdir()
    shutil.copy(source / "ja.json", directory / "ja.json")
    settings.GAZETTEER_DIR = directory
    try:
        html = client.get(page.url, position).content.decode()
        assert f'data-garbage-area="{area.code}"' not in html  # the city is not in this gazetteer yet
        assert get_geocoder().geocode("高松市松島町一丁目") is None

        call_command(
            "add_gazetteer_city", str(city_file), "--prefecture", "香川県", "--city", "高松市", stdout=StringIO()
        )

        assert get_geocoder().geocode("高松市松島町一丁目").raw["level"] == "town"
        html = client.get(page.url, position).content.decode()
        assert matsushima["town"] in html
        assert f'data-garbage-area="{area.code}"' in html
    finally:
        load_gazetteer.cache_clear()


def test_every_category_says_how_to_put_it_out_in_japanese_and_english(client, page, takamatsu):
    html = client.get(page.url).content.decode()
    assert "出し方" in html
    assert "指定収集袋（口をしばる）" in html  # 燃やせるごみ, from 0074.csv
    assert "有料（大きさ・重さなどでそれぞれ手数料が異なります）" in html  # 臨時・粗大ごみ
    english = GarbageCalendarPage.objects.get(locale__language_code="en")
    html = client.get(english.url, {"q": "TV"}).content.decode()
    assert "“TV (television)” goes out as Home appliance recycling." in html
    assert "Covered by the Home Appliance Recycling Act" in html
    assert "The city&#x27;s designated collection bag (tie it shut)" in html


def test_api_items_carry_how_to_put_out(client, takamatsu):
    data = client.get("/api/v1/garbage/items", {"q": "布団"}).json()
    first = data["items"][0]
    assert first["name"] == "ふとん（2枚まで）"
    assert first["category"]["how_to_put_out"]["bag"] == "指定収集袋（口をしばる）"
    assert set(first["category"]) == {"code", "name", "how_to_put_out"}


@pytest.mark.django_db
def test_an_area_whose_published_calendar_has_ended_says_when_it_ended(client):
    """函館市's 5374 calendars run to March 2020: a resident today sees when they ended, not only
    「予定されている収集はありません」."""
    import io

    from django.core.management import call_command

    from home.cities import setup_city
    from tests.services.garbage.test_importers import OPENDATA

    setup_city("012025", "函館市", prefecture="北海道", hostname="hakodate.localhost")
    call_command(
        "import_5374", str(OPENDATA / "5374-hakodate"), "--municipality", "012025", "--municipality-name", "函館市",
        "--skip-invalid", stdout=io.StringIO(),
    )  # fmt: skip
    area = CollectionArea.objects.get(municipality__code="012025", name="カレンダー(9)")
    response = client.get(f"/ja/garbage/?area={area.code}", HTTP_HOST="hakodate.localhost")
    page = response.content.decode()

    assert "予定されている収集はありません" in page
    ended = re.search(r"ここに掲載している収集日は(\d{4})年(\d+)月(\d+)日までです", page)
    assert ended and ended.group(1) == "2020", page[page.find("data-garbage-next") :][:600]
