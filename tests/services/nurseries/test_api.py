"""GET /api/v1/nurseries and /api/v1/nurseries/{id}/vacancies on real Yokohama data."""

from datetime import date

import pytest

from services.nurseries.notices import save_notice

# 鶴見区: 横浜市鶴見保育園 (35.512355, 139.679167) has one place for age 1.
TSURUMI = (35.5100, 139.6800)


@pytest.fixture
def locales(db):
    from home.demo import ensure_locales

    return ensure_locales()


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get(f"/api/v1{path}", params)

    return get


def test_list_has_facility_fields_and_the_latest_vacancy(api, published_notice, nurseries):
    response = api("/nurseries", limit=1000)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 24 and len(data["items"]) == 24
    baba = next(item for item in data["items"] if item["name"] == "横浜市馬場保育園")
    assert baba["id"] == nurseries["1410051018778"].pk
    assert baba["type"] == "licensed" and baba["ward"] == "鶴見区"
    assert (baba["lat"], baba["lng"]) == (35.507859, 139.651384)
    assert baba["age_classes"] == [1, 2, 3, 4, 5]
    assert baba["url"].endswith(f"/{nurseries['1410051018778'].facility.slug}/")
    assert baba["vacancy"]["as_of"] == "2024-08-01"
    assert baba["vacancy"]["by_age"] == {"0": None, "1": 1, "2": 0, "3": 0, "4": 0, "5": 3}
    assert baba["vacancy"]["status_by_age"]["0"] == "no_class"
    assert baba["vacancy"]["status_by_age"]["2"] == "places"
    assert baba["vacancy"]["has_vacancy"] is True


def test_age_and_has_vacancy_keep_only_nurseries_with_a_place_for_that_age(api, published_notice):
    data = api("/nurseries", age=1, has_vacancy="true", limit=1000).json()

    names = {item["name"] for item in data["items"]}
    assert data["count"] == len(names) == 6
    assert {"横浜市馬場保育園", "横浜市鶴見保育園", "ミアヘルサ保育園ひびき羽沢横浜国大"} <= names
    assert all(item["vacancy"]["by_age"]["1"] > 0 for item in data["items"])


def test_age_alone_keeps_nurseries_that_have_that_class(api, published_notice):
    data = api("/nurseries", age=0, limit=1000).json()

    names = {item["name"] for item in data["items"]}
    assert "横浜市馬場保育園" not in names  # no 0歳児 class
    assert "横浜市鶴見保育園" in names


def test_birth_date_is_turned_into_the_age_class_of_the_notice_year(api, published_notice):
    by_birth = api("/nurseries", birth_date="2023-04-01", has_vacancy="true", limit=1000).json()
    by_age = api("/nurseries", age=1, has_vacancy="true", limit=1000).json()

    assert by_birth["count"] == by_age["count"] == 6


def test_near_a_point_nearest_first_within_the_radius(api, published_notice):
    data = api("/nurseries", lat=TSURUMI[0], lng=TSURUMI[1], radius_m=1500, limit=1000).json()

    distances = [item["distance_m"] for item in data["items"]]
    assert distances == sorted(distances) and distances[-1] <= 1500
    assert data["count"] == len(distances) >= 3
    assert data["items"][0]["name"] == "横浜市芦穂崎保育園"  # about 190 m away


def test_limit_cuts_items_but_not_count(api, published_notice):
    data = api("/nurseries", limit=5).json()

    assert len(data["items"]) == 5 and data["count"] == 24


def test_nurseries_without_a_notice_have_no_vacancy(api, nurseries):
    data = api("/nurseries", limit=1).json()

    assert data["count"] == 24 and data["items"][0]["vacancy"] is None


def test_a_draft_notice_is_not_in_the_api(api, published_notice, nurseries, yokohama):
    baba = nurseries["1410051018778"]
    save_notice(yokohama, date(2024, 9, 1), {str(baba.pk): [None, 9, 9, 9, 9, 9]}, publish=False)

    data = api("/nurseries", limit=1000).json()
    item = next(i for i in data["items"] if i["id"] == baba.pk)
    assert item["vacancy"]["as_of"] == "2024-08-01"


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"age": 6}, 400, "age"),
        ({"age": "one"}, 422, "age"),
        ({"birth_date": "2024-02-30"}, 422, "birth_date"),
        ({"birth_date": "2017-05-01"}, 400, "nurseries take ages 0 to 5"),
        ({"lat": 35.5}, 400, "lat and lng"),
        ({"radius_m": 500}, 400, "radius_m"),
        ({"lat": 135.5, "lng": 35.5}, 400, "swapped"),
        ({"lat": 35.5, "lng": 139.6, "radius_m": 500000}, 400, "radius_m"),
        ({"type": "kindergarten"}, 400, "type"),
        ({"locale": "xx"}, 422, "locale"),
        ({"limit": 5000}, 422, "limit"),
        ({"municipality": "999999"}, 422, "not a valid 6-digit local government code"),
    ],
)
def test_bad_parameters_get_a_reason_not_a_500(api, locales, params, status, words):
    response = api("/nurseries", **params)

    assert response.status_code == status
    assert words in response.json()["detail"]


def test_history_lists_every_published_notice_newest_first(api, published_notice, nurseries, yokohama):
    baba = nurseries["1410051018778"]
    save_notice(yokohama, date(2024, 7, 1), {str(baba.pk): [None, 4, 1, 0, 0, 0]}, publish=True)

    data = api(f"/nurseries/{baba.pk}/vacancies").json()

    assert data["nursery"] == baba.pk and data["name"] == "横浜市馬場保育園"
    assert data["count"] == 2
    assert [(i["as_of"], i["by_age"]["1"]) for i in data["items"]] == [("2024-08-01", 1), ("2024-07-01", 4)]


def test_history_of_an_unknown_nursery_is_404(api, published_notice):
    response = api("/nurseries/999999/vacancies")

    assert response.status_code == 404


def test_openapi_describes_both_routes(api):
    paths = api("/openapi.json").json()["paths"]

    assert "/api/v1/nurseries" in paths and "/api/v1/nurseries/{nursery_id}/vacancies" in paths
    params = {p["name"] for p in paths["/api/v1/nurseries"]["get"]["parameters"]}
    assert {"age", "has_vacancy", "lat", "lng", "radius_m", "birth_date", "locale", "limit"} <= params


def test_an_expired_notice_is_left_out_like_a_draft(api, published_notice, nurseries, yokohama):
    """Published but past its expiry time (the scheduler has not run): not the latest, not history."""
    from datetime import timedelta

    from django.utils import timezone

    from services.nurseries.models import VacancyNotice

    baba = nurseries["1410051018778"]
    newer = save_notice(yokohama, date(2024, 9, 1), {str(baba.pk): [None, 7, 0, 0, 0, 0]}, publish=True).notice
    assert api(f"/nurseries/{baba.pk}/vacancies").json()["count"] == 2
    VacancyNotice.objects.filter(pk=newer.pk).update(expire_at=timezone.now() - timedelta(hours=1))

    history = api(f"/nurseries/{baba.pk}/vacancies").json()
    assert [item["as_of"] for item in history["items"]] == ["2024-08-01"]
    listed = next(item for item in api("/nurseries", limit=1000).json()["items"] if item["id"] == baba.pk)
    assert listed["vacancy"]["as_of"] == "2024-08-01" and listed["vacancy"]["by_age"]["1"] == 1
