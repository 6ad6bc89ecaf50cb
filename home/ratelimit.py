"""Rate limits per client: a few clients repeating costly requests must not starve the site.

A fixed window per client IP and scope, counted in the configured cache (Redis when
``REDIS_URL`` is set, so every app server shares the counts; local memory otherwise). Over the
limit the answer is a 429 with ``Retry-After`` and a message in the client's language. When the
cache is down the request is let through and the failure logged: a dead Redis must not take the
site down with it (fail open).

Scopes, each ``(requests, seconds)`` in ``settings.RATELIMITS``:

- ``search``: the search page, its suggestions and ``/api/v1/search``;
- ``geocode``: ``/api/v1/geocode`` and every near-me request that looks an address up
  (a query parameter in ``settings.RATELIMIT_ADDRESS_PARAMS``: ``address``, ``where``);
- ``forms``: every POST outside the admin (resident forms, API writes).

The client is ``REMOTE_ADDR``; ``X-Forwarded-For`` is believed only from the proxies listed in
``settings.RATELIMIT_TRUSTED_PROXIES`` (addresses or networks), read from the right so a client
cannot forge its own address. See docs/security.md, "Cost and rate limits".
"""

from __future__ import annotations

import ipaddress
import logging
import re
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = {"search": (30, 60), "geocode": (30, 60), "forms": (10, 60)}
DEFAULT_ADDRESS_PARAMS = ("address", "where")
_SEARCH_PAGE = re.compile(r"^/[a-z]{2}(?:-[a-z]+)*(?:-x-[a-z]+)?/search/")  # /ja/search/, /ja-x-easy/search/suggest/


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(getattr(settings, "RATELIMIT_TRUSTED_PROXIES", ()))))


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or, when that is a trusted proxy, the right-most
    ``X-Forwarded-For`` entry that is not one (entries left of it are the client's to forge)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not _trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a forged or broken header: count the proxy, not garbage
    return remote


def scope_of(request) -> str | None:
    """Which limit a request counts against, or None for the unlimited rest (pages, /healthz)."""
    path = request.path_info
    if request.method == "POST":
        return None if path.startswith("/admin/") else "forms"
    if path.startswith("/api/v1/search") or _SEARCH_PAGE.match(path):
        return "search"
    if path.startswith("/api/v1/geocode"):
        return "geocode"
    address_params = getattr(settings, "RATELIMIT_ADDRESS_PARAMS", DEFAULT_ADDRESS_PARAMS)
    if any(request.GET.get(name, "").strip() for name in address_params):
        return "geocode"
    return None


def retry_after(scope: str, client: str, store=None) -> int | None:
    """Count one request of *client* in *scope*; the seconds to wait when over the limit, else None.

    *store* is the cache that counts (default: the configured one)."""
    store = cache if store is None else store
    limits = {**DEFAULT_LIMITS, **getattr(settings, "RATELIMITS", {})}
    if scope not in limits or limits[scope] is None:
        return None
    allowed, window = limits[scope]
    now = int(time.time())
    start = now - now % window
    key = f"ratelimit:{scope}:{client}:{start}"
    try:
        store.add(key, 0, timeout=window + 1)
        count = store.incr(key)
    except ValueError:  # expired between add and incr: this request opens a new window
        count = 1
    except Exception:  # the cache is down: let the request through (fail open), say so in the log
        logger.warning("Rate limit not applied: the cache is unavailable.", exc_info=True)
        return None
    if count is None:  # a cache that swallows its outage (home/cache_backend.py) counts nothing: fail open
        return None
    if count <= allowed:
        return None
    return max(1, start + window - now)


def busy_response(request, status: int, heading: str, message: str, seconds: int):
    """A 429 or 503 with ``Retry-After``: JSON ``{"detail"}`` under /api/, else a page that needs
    neither the database nor the cache (they may be what is busy), in the client's language."""
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": message, "retry_after": seconds}, status=status)
    else:
        language = translation.get_language() or settings.LANGUAGE_CODE
        html = loader.get_template("busy.html").render({"language": language, "heading": heading, "message": message})
        response = HttpResponse(html, status=status)
    response["Retry-After"] = str(seconds)
    return response


def too_many_requests(request, seconds: int):
    message = _("Too many requests from your connection. Please wait %(seconds)d seconds and try again.") % {
        "seconds": seconds
    }
    return busy_response(request, 429, _("Too many requests"), message, seconds)


def take_slot(scope: str, store=None) -> str | None:
    """One of the ``settings.RATELIMIT_CONCURRENT[scope]`` slots for a costly request in flight,
    shared by every worker and app server (the cache): its key, or None when all are taken.

    Per-client limits cannot stop many clients at once from filling every worker with costly
    searches; these slots keep the other workers free for pages and ``/healthz``. A slot expires
    after ``RATELIMIT_SLOT_SECONDS`` should its worker die before freeing it. Without a cache,
    a slot is granted (fail open)."""
    store = cache if store is None else store
    slots = getattr(settings, "RATELIMIT_CONCURRENT", {}).get(scope)
    if not slots:
        return ""
    lifetime = getattr(settings, "RATELIMIT_SLOT_SECONDS", 60)
    try:
        for number in range(slots):
            key = f"ratelimit-slot:{scope}:{number}"
            taken = store.add(key, 1, timeout=lifetime)
            if taken is None:  # the cache swallowed its outage (home/cache_backend.py): fail open
                return ""
            if taken:
                return key
    except Exception:
        logger.warning("Concurrency limit not applied: the cache is unavailable.", exc_info=True)
        return ""
    return None


def free_slot(key: str, store=None) -> None:
    if not key:
        return
    try:
        (cache if store is None else store).delete(key)
    except Exception:
        logger.warning("A concurrency slot could not be freed (it expires by itself).", exc_info=True)


def busy(request):
    seconds = 5
    message = _("Many people are searching right now. Please try again in %(seconds)d seconds.") % {"seconds": seconds}
    return busy_response(request, 503, _("The site is busy"), message, seconds)


class RateLimitMiddleware:
    """Answers 429 to a client over its limit for the request's scope, and 503 when every slot
    for costly requests of that scope is taken (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "RATELIMIT_ENABLED", True):
            return self.get_response(request)
        scope = scope_of(request)
        if scope is None:
            return self.get_response(request)
        seconds = retry_after(scope, client_ip(request))
        if seconds is not None:
            return too_many_requests(request, seconds)
        slot = take_slot(scope)
        if slot is None:
            return busy(request)
        try:
            return self.get_response(request)
        finally:
            free_slot(slot)
