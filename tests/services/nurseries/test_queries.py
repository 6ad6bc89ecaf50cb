"""Queries per request do not grow with the number of nurseries or of notices."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facilities.factories import FacilityIndexPageFactory
from services.nurseries.factories import NurseryFactory, notice_counts
from services.nurseries.notices import save_notice

MAX_QUERIES = 14


def build(site_tree, yokohama, nursery_count: int, months: int):
    index = FacilityIndexPageFactory(parent=site_tree, slug=f"n{nursery_count}")
    nurseries = [
        NurseryFactory(
            facility__parent=index,
            facility__latitude=35.50 + i * 0.001,
            facility__longitude=139.67 + (i % 7) * 0.001,
            municipality=yokohama,
            age_classes="012345" if i % 3 else "012",
        )
        for i in range(nursery_count)
    ]
    for month in range(months):
        as_of = date(2022 + (month + 7) // 12, (month + 7) % 12 + 1, 1)
        save_notice(yokohama, as_of, notice_counts(nurseries, month), publish=True)
    return nurseries


def count_queries(client, url, params):
    client.get(url, params)  # the first request fills Wagtail's site cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 1000},
        {"age": 1, "has_vacancy": "true", "limit": 1000},
        {"lat": 35.51, "lng": 139.675, "radius_m": 3000, "limit": 1000},
        {"locale": "en", "limit": 1000},
    ],
)
def test_api_queries_do_not_grow(client, site_tree, yokohama, params):
    build(site_tree, yokohama, nursery_count=4, months=2)
    small = count_queries(client, "/api/v1/nurseries", params)
    build(site_tree, yokohama, nursery_count=40, months=6)
    large = count_queries(client, "/api/v1/nurseries", params)

    assert large == small <= MAX_QUERIES


def test_history_queries_do_not_grow(client, site_tree, yokohama, django_assert_max_num_queries):
    nurseries = build(site_tree, yokohama, nursery_count=5, months=12)

    client.get(f"/api/v1/nurseries/{nurseries[0].pk}/vacancies")  # a warm server (home.lookups)
    with django_assert_max_num_queries(6):
        data = client.get(f"/api/v1/nurseries/{nurseries[0].pk}/vacancies").json()
    assert data["count"] == 12


def test_nursery_page_queries_do_not_grow(client, site_tree, yokohama, nursery_page):
    params = {"age": 1, "vacancy": "on"}
    build(site_tree, yokohama, nursery_count=4, months=2)
    small = count_queries(client, nursery_page.url, params)
    build(site_tree, yokohama, nursery_count=40, months=6)
    large = count_queries(client, nursery_page.url, params)

    assert large == small
