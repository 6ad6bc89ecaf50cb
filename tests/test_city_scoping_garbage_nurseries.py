"""Two cities on one install: garbage and nurseries answer only for the city of the site asked.

高松市 is the default site (the session's tree; the test client's "testserver" gets it); 市川市 is
set up beside it with its own hostname. Each has its own areas, categories, dictionary, nurseries
and vacancy notice, named so that a leak shows: whatever one host answers, the other city's names,
codes and ids are absent, and asking for them is a 404.
"""

from datetime import date
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.rows import module_rows

ICHIKAWA_HOST = "ichikawa.example.jp"
TAKAMATSU_HOST = "takamatsu.localhost"

# What each city has: (category, area code, area name, town, the dictionary item only it has,
# nursery, its ward, notice date).
CITIES = {
    "372013": {
        "category": "燃やせるごみ",
        "area": "tk-daiichi",
        "area_name": "高松第一地区",
        "town": "松島町",
        "own_item": "ペットボトル",
        "nursery": "高松中央保育所",
        "ward": "屋島地区",
        "as_of": date(2024, 8, 1),
    },
    "122033": {
        "category": "燃やすごみ",
        "area": "ic-gyotoku",
        "area_name": "行徳地区",
        "town": "南行徳",
        "own_item": "スプレー缶",
        "nursery": "市川行徳保育園",
        "ward": "行徳地域",
        "as_of": date(2024, 9, 1),
    },
}


def _build() -> dict:
    from wagtail.models import Locale

    from facilities.models import FacilityIndexPage
    from home import demo
    from home.cities import setup_city
    from home.sites import city_section
    from services.garbage.models import CollectionArea, CollectionRule, GarbageCategory, SortingItem
    from services.nurseries.factories import NurseryFactory
    from services.nurseries.notices import save_notice

    cities = {
        "372013": demo.ensure_municipality(),
        "122033": setup_city("122033", "市川市", hostname=ICHIKAWA_HOST, prefecture="千葉県").municipality,
    }
    ja = Locale.get_default()
    ids = {}
    for code, city in cities.items():
        facts = CITIES[code]
        category = GarbageCategory.objects.create(municipality=city, locale=ja, code="burnable", name=facts["category"])
        area = CollectionArea.objects.create(
            municipality=city, code=facts["area"], name=facts["area_name"], towns=facts["town"]
        )
        for weekday in range(7):  # every day: the next collection is always today
            CollectionRule.objects.create(area=area, category=category, kind="weekly", weekday=weekday)
        for name in ("乾電池", facts["own_item"]):
            SortingItem.objects.create(
                municipality=city, locale=ja, category=category, name=name, notice=f"{city.name}の出し方"
            )
        index = city_section(city, FacilityIndexPage)
        nursery = NurseryFactory(
            facility__parent=index,
            facility__title=facts["nursery"],
            facility__municipality=city,
            municipality=city,
            ward=facts["ward"],
        )
        save_notice(city, facts["as_of"], {str(nursery.pk): [1, 2, 0, 0, 0, 0]}, publish=True)
        ids[code] = {"municipality": city.pk, "nursery": nursery.pk}
    return ids


_two_cities = module_rows(_build)


@pytest.fixture
def cities(_two_cities, db):
    return _two_cities


def host(code: str) -> str:
    return TAKAMATSU_HOST if code == "372013" else ICHIKAWA_HOST


def other(code: str) -> str:
    return "122033" if code == "372013" else "372013"


def client_for(code: str) -> Client:
    return Client(HTTP_HOST=host(code))


def section_path(code: str, model) -> str:
    from home.models import Municipality
    from home.sites import city_section

    return urlparse(city_section(Municipality.objects.get(code=code), model).full_url).path


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


both_cities = pytest.mark.parametrize("code", ["372013", "122033"])


# --- the garbage page and its sub-routes --------------------------------------------------------------


@both_cities
def test_garbage_page_offers_only_its_own_areas(cities, code):
    from services.garbage.models import GarbageCalendarPage

    page = soup(client_for(code).get(section_path(code, GarbageCalendarPage)))

    options = [option.get_text(strip=True) for option in page.select("option")]
    assert CITIES[code]["area_name"] in options
    assert CITIES[other(code)]["area_name"] not in options


@both_cities
def test_garbage_page_shows_its_area_and_ignores_the_other_citys(cities, code):
    from services.garbage.models import GarbageCalendarPage

    path = section_path(code, GarbageCalendarPage)
    own = client_for(code).get(path, {"area": CITIES[code]["area"]}).content.decode()
    foreign = client_for(code).get(path, {"area": CITIES[other(code)]["area"]}).content.decode()

    assert "garbage-next-heading" in own and CITIES[code]["category"] in own
    assert "garbage-next-heading" not in foreign
    assert CITIES[other(code)]["category"] not in foreign


@both_cities
def test_garbage_print_view_only_prints_its_own_area(cities, code):
    from services.garbage.models import GarbageCalendarPage

    path = section_path(code, GarbageCalendarPage) + "print/"
    own = client_for(code).get(path, {"area": CITIES[code]["area"]}).content.decode()
    foreign = client_for(code).get(path, {"area": CITIES[other(code)]["area"]}).content.decode()

    assert CITIES[code]["category"] in own
    assert CITIES[other(code)]["category"] not in foreign and CITIES[other(code)]["area_name"] not in foreign


@both_cities
def test_garbage_dictionary_and_address_lookup_on_the_page_stay_in_the_city(cities, code):
    from services.garbage.models import GarbageCalendarPage

    path = section_path(code, GarbageCalendarPage)
    found = client_for(code).get(path, {"q": "乾電池"}).content.decode()
    where = client_for(code).get(path, {"where": CITIES[other(code)]["town"]}).content.decode()

    assert CITIES[code]["category"] in found and CITIES[other(code)]["category"] not in found
    assert CITIES[other(code)]["area_name"] not in where


@both_cities
def test_home_notice_links_to_its_own_calendar_and_ignores_another_citys_area_cookie(cities, code):
    from services.garbage.models import GarbageCalendarPage

    client = client_for(code)
    client.cookies["garbage_area"] = CITIES[other(code)]["area"]
    home = soup(client.get("/ja/"))

    panel = home.select_one("[data-garbage-home]")
    assert panel.select_one("a")["href"].endswith(section_path(code, GarbageCalendarPage))
    assert home.select_one("[data-garbage-home] .notice") is None  # no "今日は…の日です" of the other city
    assert CITIES[other(code)]["area_name"] not in panel.get_text()

    client.cookies["garbage_area"] = CITIES[code]["area"]
    home = soup(client.get("/ja/"))
    assert CITIES[code]["category"] in home.select_one("[data-garbage-home] .notice").get_text()


# --- the garbage API ------------------------------------------------------------------------------------


@both_cities
def test_areas_api_lists_only_the_sites_city(cities, code):
    data = client_for(code).get("/api/v1/garbage/areas").json()

    assert [(item["code"], item["municipality"]) for item in data["items"]] == [(CITIES[code]["area"], code)]
    assert data["count"] == 1
    by_town = client_for(code).get("/api/v1/garbage/areas", {"q": CITIES[other(code)]["town"]}).json()
    assert by_town["items"] == []


@both_cities
def test_the_sites_own_municipality_code_is_accepted(cities, code):
    response = client_for(code).get("/api/v1/garbage/areas", {"municipality": code})

    assert response.status_code == 200
    assert [item["code"] for item in response.json()["items"]] == [CITIES[code]["area"]]


def test_another_citys_municipality_code_is_a_404_naming_both(cities):
    for path in ("/api/v1/garbage/areas", "/api/v1/garbage/items", "/api/v1/nurseries"):
        response = client_for("372013").get(path, {"municipality": "122033"})
        assert response.status_code == 404, path
        detail = response.json()["detail"]
        assert "122033" in detail and "this site serves 高松市 (372013)" in detail, detail

    detail = client_for("122033").get("/api/v1/garbage/items", {"municipality": "372013"}).json()["detail"]
    assert "高松市 (372013)" in detail and "this site serves 市川市 (122033)" in detail


def test_an_invalid_or_unknown_municipality_code_says_why(cities):
    invalid = client_for("122033").get("/api/v1/garbage/areas", {"municipality": "999999"})  # bad check digit
    unknown = client_for("122033").get("/api/v1/nurseries", {"municipality": "141003"})  # 横浜市, not on this install

    assert invalid.status_code == 422
    assert "not a valid 6-digit local government code" in invalid.json()["detail"]
    assert unknown.status_code == 404
    assert "141003" in unknown.json()["detail"] and "市川市 (122033)" in unknown.json()["detail"]


@both_cities
def test_another_citys_area_code_is_a_404_for_collections_and_ics(cities, code):
    client = client_for(code)
    foreign = CITIES[other(code)]["area"]

    assert client.get(f"/api/v1/garbage/areas/{foreign}/collections").status_code == 404
    assert client.get(f"/api/v1/garbage/areas/{foreign}/calendar.ics").status_code == 404

    own = client.get(f"/api/v1/garbage/areas/{CITIES[code]['area']}/collections").json()
    assert {c["category"]["name"] for c in own["collections"]} == {CITIES[code]["category"]}
    ics = client.get(f"/api/v1/garbage/areas/{CITIES[code]['area']}/calendar.ics")
    summaries = {str(event["summary"]) for event in Calendar.from_ical(ics.content).walk("VEVENT")}
    assert summaries == {CITIES[code]["category"]}


@both_cities
def test_dictionary_api_answers_from_the_sites_city(cities, code):
    data = client_for(code).get("/api/v1/garbage/items", {"q": "乾電池"}).json()
    foreign = client_for(code).get("/api/v1/garbage/items", {"q": CITIES[other(code)]["own_item"]}).json()

    assert [(item["name"], item["category"]["name"]) for item in data["items"]] == [
        ("乾電池", CITIES[code]["category"])
    ]
    assert foreign["items"] == [] and foreign["count"] == 0


# --- the nursery page and API ---------------------------------------------------------------------------


@both_cities
def test_nursery_page_lists_its_own_nurseries_wards_and_notice(cities, code):
    from services.nurseries.models import NurseryIndexPage

    page = soup(client_for(code).get(section_path(code, NurseryIndexPage)))

    names = [row.th.a.get_text(strip=True) for row in page.select("tr.nursery-row")]
    wards = [option.get_text(strip=True) for option in page.select("select[name=ward] option")]
    as_of = " ".join(p.get_text() for p in page.select(".nursery-as-of"))
    assert names == [CITIES[code]["nursery"]]
    assert CITIES[code]["ward"] in wards and CITIES[other(code)]["ward"] not in wards
    expected = CITIES[code]["as_of"]
    assert f"{expected.year}年{expected.month}月{expected.day}日" in as_of
    shown = CITIES[other(code)]["as_of"]
    assert f"{shown.year}年{shown.month}月" not in as_of


@both_cities
def test_nursery_page_without_a_municipality_shows_its_sites_city(cities, code):
    """A page whose municipality was left empty falls back to the site's city, never to all."""
    from home.models import Municipality
    from home.sites import city_section
    from services.nurseries.models import NurseryIndexPage

    NurseryIndexPage.objects.filter(pk=city_section(Municipality.objects.get(code=code), NurseryIndexPage).pk).update(
        municipality=None
    )

    page = soup(client_for(code).get(section_path(code, NurseryIndexPage)))

    assert [row.th.a.get_text(strip=True) for row in page.select("tr.nursery-row")] == [CITIES[code]["nursery"]]


@both_cities
def test_nursery_page_refuses_the_other_citys_ward(cities, code):
    from services.nurseries.models import NurseryIndexPage

    path = section_path(code, NurseryIndexPage)
    page = soup(client_for(code).get(path, {"ward": CITIES[other(code)]["ward"]}))
    own = soup(client_for(code).get(path, {"ward": CITIES[code]["ward"]}))

    assert page.select_one("[role=alert]") is not None  # not one of the choices: said, and the list unfiltered
    assert [row.th.a.get_text(strip=True) for row in page.select("tr.nursery-row")] == [CITIES[code]["nursery"]]
    assert [row.th.a.get_text(strip=True) for row in own.select("tr.nursery-row")] == [CITIES[code]["nursery"]]


@both_cities
def test_another_citys_nursery_detail_is_a_404(cities, code):
    from services.nurseries.models import NurseryIndexPage

    path = section_path(code, NurseryIndexPage)
    own = client_for(code).get(f"{path}{cities[code]['nursery']}/")
    foreign = client_for(code).get(f"{path}{cities[other(code)]['nursery']}/")

    assert own.status_code == 200 and CITIES[code]["nursery"] in own.content.decode()
    assert foreign.status_code == 404


@both_cities
def test_nurseries_api_lists_only_the_sites_city(cities, code):
    client = client_for(code)
    data = client.get("/api/v1/nurseries").json()
    by_ward = client.get("/api/v1/nurseries", {"ward": CITIES[other(code)]["ward"]}).json()

    assert [item["name"] for item in data["items"]] == [CITIES[code]["nursery"]]
    assert data["items"][0]["vacancy"]["as_of"] == CITIES[code]["as_of"].isoformat()
    assert by_ward["count"] == 0


@both_cities
def test_another_citys_nursery_vacancies_are_a_404(cities, code):
    client = client_for(code)

    own = client.get(f"/api/v1/nurseries/{cities[code]['nursery']}/vacancies")
    foreign = client.get(f"/api/v1/nurseries/{cities[other(code)]['nursery']}/vacancies")

    assert own.status_code == 200 and own.json()["name"] == CITIES[code]["nursery"]
    assert [item["as_of"] for item in own.json()["items"]] == [CITIES[code]["as_of"].isoformat()]
    assert foreign.status_code == 404


# --- search and suggestions -----------------------------------------------------------------------------


def search_titles(code: str, query: str, kind: str) -> list[str]:
    data = client_for(code).get("/api/v1/search", {"q": query, "type": kind}).json()
    return [item["title"] for item in data["items"]]


@both_cities
def test_search_finds_only_the_sites_garbage_items(cities, code):
    assert search_titles(code, "乾電池", "garbage") == ["乾電池"]  # one: the other city's is not counted
    assert search_titles(code, CITIES[code]["own_item"], "garbage") == [CITIES[code]["own_item"]]
    assert search_titles(code, CITIES[other(code)]["own_item"], "garbage") == []


@both_cities
def test_search_finds_only_the_sites_nurseries(cities, code):
    assert search_titles(code, "保育", "nurseries") == [CITIES[code]["nursery"]]
    assert search_titles(code, CITIES[other(code)]["nursery"], "nurseries") == []


@both_cities
def test_search_page_shows_only_the_sites_items_and_nurseries(cities, code):
    def results(query, kind):
        page = soup(client_for(code).get(reverse("search:search"), {"q": query, "type": kind}))
        return [title.get_text(strip=True) for title in page.select("ol.search-results .search-result__title")]

    assert results(CITIES[code]["own_item"], "garbage") == [CITIES[code]["own_item"]]
    assert results(CITIES[other(code)]["own_item"], "garbage") == []
    assert results("保育", "nurseries") == [CITIES[code]["nursery"]]


@both_cities
def test_suggestions_come_only_from_the_sites_city(cities, code):
    def suggested(query):
        data = client_for(code).get(reverse("search:suggest"), {"q": query}).json()
        return [(item["title"], item["type"]) for item in data["items"] if item["type"] in ("garbage", "nurseries")]

    own_item, foreign_item = CITIES[code]["own_item"], CITIES[other(code)]["own_item"]
    assert (own_item, "garbage") in suggested(own_item[:3])
    assert suggested(foreign_item[:3]) == []
    # Nurseries are scoped the same way (municipality_field), but the nursery kind offers no
    # suggestions yet (its facility title is not an autocomplete field the Japanese backend reads).
