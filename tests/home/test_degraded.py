"""Degrade, never fail: with Redis or the search service unreachable (real closed ports on
127.0.0.1, nothing stands in for them), residents still get their pages, searches and feeds from
the database, a warning is logged, and ``/healthz`` says what is down."""

import json
import logging

import pytest

CLOSED_REDIS = "redis://127.0.0.1:6390/0"  # nothing listens there
CLOSED_SEARCH = "elasticsearch://127.0.0.1:9299"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache_backend.ResilientRedisCache",
            "LOCATION": CLOSED_REDIS,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
            "KEY_PREFIX": "machi-down",
        }
    }
    settings.CACHE_PAGES = True
    settings.RATELIMIT_ENABLED = True  # the limits count in the cache: they must let residents through


@pytest.fixture
def search_down(settings):
    settings.SEARCH_URL = CLOSED_SEARCH
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"},
        "database": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english", "DATABASE": True},
    }
    from search import fallback

    fallback._state["down_until"] = 0.0
    yield
    fallback._state["down_until"] = 0.0


def test_pages_search_and_feeds_are_served_while_redis_is_down(client, site_tree, redis_down, caplog):
    caplog.set_level(logging.WARNING)
    for path in ["/ja/", "/ja/", "/ja/search/?q=ごみ", "/api/v1/search?q=ごみ", "/api/v1/garbage/areas"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Page-Cache" not in response  # nothing was cached, nothing pretended to be
    assert "The cache (Redis) cannot be reached: serving from the database." in caplog.text
    # One warning, not one a cache call: the outage is remembered for CACHE_RETRY_SECONDS.
    assert caplog.text.count("cannot be reached") == 1


def test_staff_sign_in_survives_redis_down(client, site_tree, redis_down, make_user):
    make_user("広報担当", username="koho")
    response = client.post("/admin/login/", {"username": "koho", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200  # the session lives in the database


def test_healthz_reports_the_cache_down_but_stays_ready(client, site_tree, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "down"
    assert set(body["checks"]) == {"database", "cache", "search", "tasks"}
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_by_ip_address_before_host_validation(client, site_tree, settings):
    settings.ALLOWED_HOSTS = ["portal.example.jp"]
    for path in ["/healthz", "/healthz/ready", "/readyz", "/healthz/live"]:
        response = client.get(path, HTTP_HOST="10.0.0.12")
        assert response.status_code == 200, path
        assert json.loads(response.content)["status"] == "ok"
    assert client.get("/ja/", HTTP_HOST="10.0.0.12").status_code == 400  # the pages still check the host


def test_live_needs_nothing_but_the_process(client):
    response = client.get("/healthz/live")  # no database access is allowed in this test
    assert json.loads(response.content) == {"status": "ok"}


def test_search_falls_back_to_the_database_when_the_service_is_down(client, site_tree, search_down, caplog):
    caplog.set_level(logging.WARNING)
    page = client.get("/ja/search/?q=高松市")
    assert page.status_code == 200
    assert "くらしのポータル" in page.content.decode()
    api = client.get("/api/v1/search?q=高松市")
    assert api.status_code == 200
    assert api.json()["count"] >= 1
    assert "The search service cannot be reached: searching the database index." in caplog.text
    assert caplog.text.count("The search service cannot be reached") == 1  # then left alone a while

    health = json.loads(client.get("/healthz").content)
    assert health["status"] == "degraded"
    assert health["checks"]["search"]["status"] == "down"
