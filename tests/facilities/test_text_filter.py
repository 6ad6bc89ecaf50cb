"""The facilities text filter (?q=) reads Japanese as the site search does: kana finds kanji."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def libraries_and_a_hall(facility_index):
    from facilities.factories import FacilityCategoryFactory, FacilityPageFactory

    library = FacilityCategoryFactory(code="library", name="図書館")
    hall = FacilityCategoryFactory(code="community", name="コミュニティセンター")
    FacilityPageFactory(parent=facility_index, title="高松市中央図書館", category=library)
    FacilityPageFactory(parent=facility_index, title="香西図書館", category=library)
    FacilityPageFactory(parent=facility_index, title="番町コミュニティセンター", category=hall)
    return facility_index


@pytest.mark.parametrize("q", ["としょかん", "トショカン", "ﾄｼｮｶﾝ", "図書館", "図書舘"])
def test_api_q_finds_the_libraries_by_reading_width_and_old_form(client, libraries_and_a_hall, q):
    found = client.get("/api/v1/facilities", {"q": q}).json()
    assert {item["name"] for item in found["items"]} == {"高松市中央図書館", "香西図書館"}
    assert found["count"] == 2


def test_api_q_keeps_the_other_filters(client, libraries_and_a_hall):
    found = client.get("/api/v1/facilities", {"q": "こうざい", "category": "library"}).json()
    assert [item["name"] for item in found["items"]] == ["香西図書館"]
    assert client.get("/api/v1/facilities", {"q": "としょかん", "category": "community"}).json()["count"] == 0


def test_directory_page_q_in_kana_lists_the_libraries(client, libraries_and_a_hall):
    response = client.get(libraries_and_a_hall.url, {"q": "としょかん"})
    assert response.status_code == 200
    assert response.context["count"] == 2
    assert "香西図書館" in response.content.decode()
    assert "番町コミュニティセンター" not in response.content.decode()
