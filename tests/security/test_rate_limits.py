"""Per-client rate limits (home/ratelimit.py): 429 with Retry-After and a message in the
client's language once a client is over its limit; others, and other scopes, unaffected; the
proxy's X-Forwarded-For believed only from configured proxies; a dead cache lets requests through."""

import pytest
from django.core.cache import cache

from home import ratelimit


@pytest.fixture
def limited(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {"search": (3, 60), "geocode": (2, 60), "forms": (2, 60)}
    settings.RATELIMIT_TRUSTED_PROXIES = ["10.0.0.0/8"]
    cache.clear()
    return settings


@pytest.mark.django_db
def test_search_over_the_limit_is_a_429_with_retry_after_in_the_clients_language(client, site_tree, limited):
    for _ in range(3):
        assert client.get("/ja/search/suggest/", {"q": "ごみ"}).status_code == 200
    page = client.get("/ja/search/", {"q": "ごみ"})
    assert page.status_code == 429
    assert 1 <= int(page["Retry-After"]) <= 60
    assert "リクエストが多すぎます" in page.content.decode()
    api = client.get("/api/v1/search", {"q": "ごみ"}, headers={"accept-language": "en"})
    assert api.status_code == 429 and "Retry-After" in api
    assert "Too many requests" in api.json()["detail"]
    # Another client, and the pages that are not search, are not limited.
    assert client.get("/ja/search/", {"q": "ごみ"}, REMOTE_ADDR="192.0.2.9").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/ja/").status_code == 200


@pytest.mark.django_db
def test_address_lookups_and_forms_have_their_own_limits(client, site_tree, limited):
    for _ in range(2):
        assert client.get("/api/v1/geocode", {"q": "高松市番町1丁目"}).status_code < 429
    assert client.get("/api/v1/geocode", {"q": "高松市番町1丁目"}).status_code == 429
    assert client.get("/ja/", {"address": "番町"}).status_code == 429  # a near-me lookup on any page
    assert client.get("/ja/search/", {"q": "ごみ"}).status_code == 200  # search still has its own budget
    statuses = [client.post("/ja/", {"name": "x"}).status_code for _ in range(3)]
    assert statuses[-1] == 429 and 429 not in statuses[:2]


def test_forwarded_for_is_believed_only_from_trusted_proxies(rf, limited):
    direct = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert ratelimit.client_ip(direct) == "198.51.100.7"  # a client cannot pick its own address
    proxied = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.7, 10.0.0.5")
    assert ratelimit.client_ip(proxied) == "198.51.100.7"  # the right-most address no proxy of ours added
    forged = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert ratelimit.client_ip(forged) == "10.1.2.3"


def test_a_dead_cache_lets_requests_through(limited):
    from django_redis.cache import RedisCache

    dead = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}})
    for _ in range(5):  # over the limit of 3, yet let through: the count cannot be kept
        assert ratelimit.retry_after("search", "192.0.2.1", store=dead) is None


@pytest.mark.django_db
def test_when_every_search_slot_is_taken_search_is_busy_and_pages_are_not(client, site_tree, limited):
    limited.RATELIMIT_CONCURRENT = {"search": 1}
    taken = ratelimit.take_slot("search")  # another worker is running a costly search
    assert taken
    try:
        response = client.get("/ja/search/", {"q": "ごみ"})
        assert response.status_code == 503 and response["Retry-After"] == "5"
        assert "混み合っています" in response.content.decode()
        assert client.get("/ja/").status_code == 200
    finally:
        ratelimit.free_slot(taken)
    assert client.get("/ja/search/", {"q": "ごみ"}).status_code == 200
    assert ratelimit.take_slot("search") is not None  # the request freed its slot
