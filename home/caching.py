"""What residents' pages and API answers may be cached for, and the page's own HTML cache.

An anonymous ``GET`` of a resident page or of ``/api/v1/`` is the same for every visitor, so it is
sent with ``Cache-Control: public, max-age=CACHE_MAX_AGE, s-maxage=…`` for a reverse proxy or CDN
to keep, and kept in Django's cache (Redis or local memory) for deployments without one. Anything
personal is ``private, no-store``: a signed-in user, the admin, a page holding a form's CSRF token,
a ``POST``, a response setting a cookie, and a request carrying a cookie that changes the page
(``register_personal_cookie``: the resident's garbage area, furigana). ``Vary: Cookie`` is dropped
from public answers (the language is in the path), so other cookies do not split the cache.

Every change that affects a page bumps one generation key (``home.purge``), which retires every
cached page at once, and asks the front-end cache to forget them. Changes nobody saves (an alert
banner's end, midnight for "today" listings) bound the lifetime instead: a cached answer never
outlives the next banner start or end, nor the end of the day in Japan. docs/deployment.md, "Caching".
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "machi:pages:generation"
HORIZON_KEY = "machi:pages:horizon"
#: Paths never cached here nor marked public: the editors' admin and documents (which may be private).
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz")
#: Answers a proxy may keep: a page, a permanent redirect, a missing page.
CACHEABLE_STATUSES = {200, 301, 404}
#: Pages larger than this are not kept in Django's cache (they would crowd out the others).
MAX_CACHED_BYTES = 2 * 1024 * 1024

_personal_cookies: set[str] = set()


def register_personal_cookie(name: str) -> None:
    """A cookie whose value changes the page (a resident's chosen area): a request carrying it is
    answered ``private`` and never from a shared cache. The proxy must pass such requests through
    (docs/deployment.md lists the cookies)."""
    _personal_cookies.add(name)


def personal_cookies() -> set[str]:
    return {settings.SESSION_COOKIE_NAME, *_personal_cookies}


def is_shareable_request(request) -> bool:
    """An anonymous GET of a resident page or an API answer that may come from a shared cache."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(UNCACHED_PREFIXES)
        and not personal_cookies().intersection(request.COOKIES)
    )


def is_shareable_response(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        is_shareable_request(request)
        and response.status_code in CACHEABLE_STATUSES
        and not response.streaming
        and not response.cookies
        and "Cache-Control" not in response.headers
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a form's CSRF token
        and not (user is not None and user.is_authenticated)
    )


def shared_lifetime(request, now: float | None = None) -> int:
    """Seconds a proxy (and the HTML cache) may keep this answer: the configured ``s-maxage``,
    cut at the next alert banner start or end and at midnight in Japan."""
    now = time.time() if now is None else now
    configured = settings.CACHE_API_S_MAXAGE if request.path_info.startswith("/api/") else settings.CACHE_S_MAXAGE
    return max(0, int(min(configured, banner_horizon(now) - now, midnight_after(now) - now)))


def midnight_after(now: float) -> float:
    local = datetime.fromtimestamp(now, tz=timezone.get_default_timezone())
    return datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo).timestamp()


def banner_horizon(now: float) -> float:
    """When the next switched-on alert banner starts or ends (a timestamp; far away when none
    will), read through the cache; ``home.purge`` forgets it whenever a banner changes."""
    horizon = cache.get(HORIZON_KEY)
    if horizon is None or horizon <= now:
        horizon = _next_banner_change(now)
        cache.set(HORIZON_KEY, horizon, settings.CACHE_S_MAXAGE)
    return horizon


def _next_banner_change(now: float) -> float:
    from django.db.models import Min, Q

    from home.models import AlertBanner

    at = datetime.fromtimestamp(now, tz=timezone.get_default_timezone())
    upcoming = AlertBanner.objects.filter(enabled=True).aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=at)), ends=Min("ends_at", filter=Q(ends_at__gt=at))
    )
    moments = [moment.timestamp() for moment in upcoming.values() if moment is not None]
    return min(moments, default=now + 365 * 86400)


def mark_shared(response, lifetime: int) -> None:
    patch_cache_control(response, public=True, max_age=min(settings.CACHE_MAX_AGE, lifetime), s_maxage=lifetime)
    vary = [v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "cookie"]
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    elif "Vary" in response.headers:
        del response.headers["Vary"]


def generation() -> str | None:
    """The current generation of cached pages (None when the cache cannot be reached)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache.get(GENERATION_KEY)
    return current


def new_generation() -> None:
    """Retire every cached page (and the banner horizon) at once."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    cache.delete(HORIZON_KEY)


def page_key(request, current: str) -> str:
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"machi:page:{current}:{address}"


class PageCacheMiddleware:
    """Sets each answer's ``Cache-Control`` and serves anonymous pages from Django's cache.

    Placed near the top of ``MIDDLEWARE``: a cached answer skips the rest, and what is stored
    already holds the headers the inner middleware add (CSP, Content-Language).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if settings.CACHE_PAGES and request.method == "GET" and is_shareable_request(request):
            current = generation()
            if current is not None:
                key = page_key(request, current)
                cached = cache.get(key)
                if cached is not None:
                    expires, response = cached
                    remaining = int(expires - time.time())
                    if remaining > 0:
                        mark_shared(response, remaining)
                        response.headers["X-Page-Cache"] = "hit"
                        return response
        response = self.get_response(request)
        if not is_shareable_response(request, response):
            if "Cache-Control" not in response.headers and not request.path_info.startswith("/documents/"):
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
            return response
        lifetime = shared_lifetime(request)
        mark_shared(response, lifetime)
        if key is not None and lifetime > 0 and len(response.content) <= MAX_CACHED_BYTES:
            response.headers["X-Page-Cache"] = "miss"
            cache.set(key, (time.time() + lifetime, response), lifetime)
        return response
