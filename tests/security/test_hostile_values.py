"""The 500s of issue 16, each reproduced and answered: admin searches on the database backend,
far-off dates and page numbers, impossible coordinates, particle-only searches, the statement
timeout's 503, and the OpenAPI document's error answers, enums and formats."""

import pytest
from django.db import connection

from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
from home.middleware import QueryTimeoutMiddleware
from portal.api import api


@pytest.fixture
def library(site_tree, municipality):
    from facilities.models import FacilityIndexPage
    from home.sites import city_section

    section = city_section(municipality, FacilityIndexPage)
    category = FacilityCategoryFactory(code="community", name="コミュニティセンター")
    return FacilityPageFactory(parent=section, title="日新コミュニティセンター", slug="nisshin", category=category)


@pytest.mark.django_db
def test_admin_page_search_and_snippet_listings_answer_and_find_by_name(admin_client, library):
    # The admin's page search is an autocomplete: a word of the title (日新), not the whole
    # compound typed at once (see docs/security.md, what is not done).
    assert admin_client.get("/admin/pages/search/", {"q": "日新コミュニティセンター"}).status_code == 200
    found = admin_client.get("/admin/pages/search/", {"q": "日新"})
    assert found.status_code == 200
    assert f"/admin/pages/{library.pk}/edit/" in found.content.decode()
    categories = admin_client.get("/admin/snippets/facilities/facilitycategory/", {"q": "コミュニティ"})
    assert categories.status_code == 200 and "コミュニティセンター" in categories.content.decode()
    for listing in (
        "/admin/snippets/garbage/sortingitem/",
        "/admin/snippets/garbage/collectionarea/",
        "/admin/snippets/garbage/garbagecategory/",
        "/admin/snippets/nurseries/nursery/",
    ):
        assert admin_client.get(listing, {"q": "日新"}).status_code == 200, listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/events?start=0001-01-01", 422),
        ("/api/v1/events?start=9999-12-31", 422),
        ("/api/v1/events?offset=9223372036854775808", 422),
        ("/api/v1/garbage/areas/x/collections?start=9999-12-01&end=9999-12-31", 422),
        ("/api/v1/search?q=の", 422),
        ("/api/v1/search?q=ごみ&offset=5000", 422),
        ("/api/v1/events?locale=xx", 422),
    ],
)
def test_api_refuses_values_out_of_range_with_a_4xx(client, site_tree, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"page": "9223372036854775808"},
        {"start": "0001-01-01"},
        {"start": "9999-12-31", "when": "range"},
        {"end": "9999-12-31"},
    ],
)
def test_events_list_and_calendar_answer_far_off_values(client, site_tree, params):
    for path in ("/ja/events/", "/ja/events/calendar/"):
        response = client.get(path, params)
        assert response.status_code == 200, path


@pytest.mark.django_db
def test_garbage_page_ignores_a_position_not_on_earth(client, site_tree):
    assert client.get("/ja/garbage/", {"lat": "1e308", "lng": "1"}).status_code == 200


@pytest.mark.django_db
def test_a_particle_alone_is_not_searched_and_asks_for_a_word(client, site_tree, django_assert_max_num_queries):
    client.get("/ja/search/", {"q": "ごみ"})  # warm the per-process caches (menu, settings)
    with django_assert_max_num_queries(40):
        response = client.get("/ja/search/", {"q": "の", "page": "49"})
    assert response.status_code == 200
    assert "ことばを加えてください" in response.content.decode()


@pytest.mark.django_db
def test_deep_search_pages_are_clamped_to_the_result_window(client, site_tree):
    response = client.get("/ja/search/", {"q": "ごみ", "page": "9223372036854775808"})
    assert response.status_code == 200
    assert response.context["page_number"] == 10  # 200 results, 20 a page


@pytest.mark.django_db
def test_a_statement_past_the_timeout_is_a_503_page_not_a_500(rf):
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    from django.db import OperationalError, transaction

    with pytest.raises(OperationalError) as raised, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 50")
        cursor.execute("SELECT pg_sleep(2)")
    response = QueryTimeoutMiddleware(lambda request: None).process_exception(rf.get("/ja/"), raised.value)
    assert response.status_code == 503 and response["Retry-After"]


def test_openapi_documents_errors_enums_and_formats():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert {"400", "404", "422", "429"} <= set(map(str, operation["responses"])), (method, path)
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "locale":
                    assert parameter["schema"]["enum"][0] == "ja", path
    hours = schema["components"]["schemas"]["HoursOut"]["properties"]["opens_at"]
    assert {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"} in hours["anyOf"]
