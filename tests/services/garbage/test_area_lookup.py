"""A resident's address or position → town → collection area(s), on the page and in the API.

高松市 with its demo data (its 0090 areas and the derived town table), 目黒区 and 生駒市 from
their 5374 files (the towns read from the area names).
"""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from services.garbage.models import CollectionArea, GarbageCalendarPage
from services.garbage.towns import derive_all, derive_towns, locate_address, locate_point
from tests.services.garbage.test_importers import OPENDATA

MEGURO = SimpleNamespace(prefecture="東京都", name="目黒区")
IKOMA = SimpleNamespace(prefecture="奈良県", name="生駒市")
KANAZAWA = SimpleNamespace(prefecture="石川県", name="金沢市")
# 高松市役所, 番町一丁目8-15 (the city's own address and its position on the city's map)
CITY_HALL = (34.34036, 134.04664)
FIRST = "高松第一（松島・築地・新塩屋町）花園・新番丁（四番丁）・塩江"
SECOND = "新番丁（日新・二番丁）・亀阜・庵治・牟礼北部"


@pytest.mark.parametrize(
    "name, city, towns",
    [
        ("青葉台一丁目から四丁目", MEGURO, ["青葉台一丁目", "青葉台二丁目", "青葉台三丁目", "青葉台四丁目"]),
        ("大岡山一丁目・二丁目", MEGURO, ["大岡山一丁目", "大岡山二丁目"]),
        ("中目黒三丁目から五丁目", MEGURO, ["中目黒三丁目", "中目黒四丁目", "中目黒五丁目"]),
        ("西松ヶ丘", IKOMA, ["西松ケ丘"]),  # as the gazetteer writes it
        ("真弓", IKOMA, ["真弓一丁目", "真弓二丁目", "真弓三丁目", "真弓四丁目"]),  # not 真弓南: its own area
        (
            "鹿ノ台",
            IKOMA,
            [
                "鹿ノ台北一丁目",
                "鹿ノ台北二丁目",
                "鹿ノ台北三丁目",
                "鹿ノ台南一丁目",
                "鹿ノ台南二丁目",
                "鹿ノ台東一丁目",
                "鹿ノ台東二丁目",
                "鹿ノ台東三丁目",
                "鹿ノ台西一丁目",
                "鹿ノ台西二丁目",
                "鹿ノ台西三丁目",
            ],
        ),
        ("十一屋", KANAZAWA, ["十一屋町"]),  # a 校下 named after its town
        ("浅野川", KANAZAWA, []),  # a 校下 that is no town: findable by its name only
        ("カレンダー(1)", SimpleNamespace(prefecture="北海道", name="函館市"), []),
    ],
)
def test_towns_are_read_from_area_names(name, city, towns):
    assert derive_towns(name, city) == towns


@pytest.fixture
def page(takamatsu):
    return GarbageCalendarPage.objects.get(locale__language_code="ja")


def names(located):
    return [area.name for area in located.areas]


@pytest.mark.parametrize(
    "address",
    [
        "番町一丁目",
        "番町1丁目",
        "番町１丁目",
        "高松市番町1-8-15",
        "香川県高松市番町一丁目8番15号",
        "番町１－８－１５",
        "番町1丁目8番地15",
    ],
)
def test_an_address_written_any_common_way_finds_its_area(takamatsu, address):
    located = locate_address(takamatsu, address)
    assert located.town == "番町一丁目"
    assert names(located) == [FIRST]


def test_a_town_in_two_areas_answers_both(takamatsu):
    assert sorted(names(locate_address(takamatsu, "番町2-1-1"))) == sorted([FIRST, SECOND])


def test_another_citys_address_is_not_answered_with_this_citys_areas(takamatsu):
    located = locate_address(takamatsu, "金沢市広坂1-1-1")
    assert located.other_city == "金沢市" and located.areas == []


def test_the_city_hall_position_finds_an_area(takamatsu):
    located = locate_point(takamatsu, *CITY_HALL)
    assert located.town and names(located) == [FIRST]


def test_page_shows_the_collections_of_the_one_area_found(client, page):
    html = client.get(page.url, {"where": "番町１丁目"}).content.decode()
    assert "町名：番町一丁目" in html
    assert f"次の収集：{FIRST}" in html or FIRST in html.split('id="garbage-next-heading"')[1][:400]
    assert "data-garbage-next" in html


def test_page_asks_which_when_the_town_is_split(client, page):
    html = client.get(page.url, {"where": "番町二丁目"}).content.decode()
    assert "番町二丁目は複数の収集地区に分かれています" in html
    area_codes = CollectionArea.objects.filter(name__in=[FIRST, SECOND]).values_list("code", flat=True)
    for code in area_codes:
        assert f'href="?area={code}"' in html
    assert "data-garbage-next" not in html  # nothing chosen for them


def test_a_new_search_is_not_hidden_by_the_remembered_area(client, page):
    eighth = CollectionArea.objects.get(name="屋島・古高松・牟礼南部")
    client.cookies["garbage_area"] = eighth.code
    html = client.get(page.url, {"where": "番町1-8-15"}).content.decode()
    assert FIRST in html.split('id="garbage-next-heading"')[1][:400]


def test_page_says_when_the_address_is_in_another_city(client, page):
    html = client.get(page.url, {"where": "石川県金沢市広坂1丁目1-1"}).content.decode()
    assert "金沢市の住所です" in html and "data-garbage-next" not in html


def test_page_finds_the_area_from_the_city_hall_position(client, page):
    html = client.get(page.url, {"lat": CITY_HALL[0], "lng": CITY_HALL[1]}).content.decode()
    assert "いちばん近い町" in html and FIRST in html.split('id="garbage-next-heading"')[1][:400]


def test_api_answers_the_area_of_an_address_with_its_town(client, takamatsu):
    data = client.get("/api/v1/garbage/areas", {"address": "番町１－８－１５"}).json()
    assert data["count"] == 1 and data["next"] is None
    assert data["items"][0]["name"] == FIRST and data["items"][0]["town"] == "番町一丁目"
    split = client.get("/api/v1/garbage/areas", {"address": "高松市番町二丁目"}).json()
    assert split["count"] == 2 and {i["town"] for i in split["items"]} == {"番町二丁目"}
    page = client.get("/api/v1/garbage/areas", {"address": "高松市番町二丁目", "limit": 1}).json()
    assert len(page["items"]) == 1 and page["next"] and "offset=1" in page["next"]
    assert client.get("/api/v1/garbage/areas", {"address": "どこでもない"}).json()["count"] == 0


def test_api_answers_the_area_of_a_position(client, takamatsu):
    data = client.get("/api/v1/garbage/areas", {"lat": CITY_HALL[0], "lng": CITY_HALL[1]}).json()
    assert [i["name"] for i in data["items"]] == [FIRST] and data["items"][0]["town"]


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "34.3"},
        {"lat": "91", "lng": "134"},
        {"lat": "x", "lng": "134"},
        {"address": "番町", "q": "松島"},
        {"address": "番町", "lat": "34.3", "lng": "134"},
        {"adress": "番町"},
    ],
)
def test_api_refuses_bad_or_unknown_parameters(client, takamatsu, params):
    response = client.get("/api/v1/garbage/areas", params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.fixture
def meguro(db):
    from home.cities import setup_city
    from home.models import Municipality

    setup_city("131105", "目黒区", prefecture="東京都", hostname="meguro.localhost")
    call_command(
        "import_5374", str(OPENDATA / "5374-meguro"), "--municipality", "131105", "--municipality-name", "目黒区",
        stdout=io.StringIO(),
    )  # fmt: skip
    return Municipality.objects.get(code="131105")


def test_5374_import_gives_each_area_the_towns_its_name_lists(meguro):
    area = CollectionArea.objects.get(municipality=meguro, name="中目黒三丁目から五丁目")
    assert area.towns.splitlines() == ["中目黒三丁目", "中目黒四丁目", "中目黒五丁目"]
    assert [a.name for a in locate_address(meguro, "中目黒4-1-1").areas] == ["中目黒三丁目から五丁目"]


def test_the_api_answers_for_the_site_asked(client, meguro, takamatsu):
    data = client.get("/api/v1/garbage/areas", {"address": "上目黒２丁目19-15"}, HTTP_HOST="meguro.localhost").json()
    assert [i["name"] for i in data["items"]] == ["上目黒二丁目"]


def _area_names(folder: str) -> list[str]:
    with (OPENDATA / folder / "area_days.csv").open(encoding="utf-8-sig") as stream:
        return [line.split(",", 1)[0] for line in stream.read().splitlines()[1:] if line.strip()]


def test_a_kanazawa_school_district_takes_the_towns_named_after_it():
    derived = derive_all(_area_names("5374-kanazawa"), KANAZAWA)
    assert {"田上一丁目", "田上町", "田上本町一丁目", "田上新町"} <= set(derived["田上"])
    assert derived["森本"] == ["北森本町", "南森本町"]
    assert "上安原町" in derived["安原"] and "下安原町" in derived["安原"]
    assert derived["西"] == [] and derived["浅野川"] == []  # one character / no town: no family
    towns = [town for names in derived.values() for town in names]
    assert len(towns) == len(set(towns)) == 161  # no town in two 校下; 117 before families


def test_a_family_never_takes_a_town_another_area_names():
    derived = derive_all(_area_names("5374-ikoma"), IKOMA)
    assert derived["菜畑町"] == ["菜畑町"]  # 西菜畑町 and 東菜畑 are areas of their own
    assert derived["白庭台"] == derive_towns("白庭台", IKOMA)
    towns = [town for names in derived.values() for town in names]
    assert len(towns) == len(set(towns))
