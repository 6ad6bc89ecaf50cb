"""``/healthz`` for load balancers and monitoring: what each dependency says, answered by IP.

- ``/healthz/live``: the process is up and serving (touches nothing).
- ``/healthz`` (also ``/healthz/ready``, ``/readyz``): readiness, as JSON: ``status`` and each
  dependency's ``checks`` (``database``, ``cache``, ``search``, ``tasks``). 200 while the database
  answers, ``"degraded"`` when the cache or the search service is down (pages are still served from
  the database), 503 ``"down"`` when the database does not answer.

It answers before any other middleware, so a probe by IP address (not in ``ALLOWED_HOSTS``) or over
plain HTTP (behind the HTTPS redirect) gets the answer, not a 400 or a 301. docs/deployment.md.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

LIVE_PATHS = {"/healthz/live"}
READY_PATHS = {"/healthz", "/healthz/", "/healthz/ready", "/readyz"}


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return {"status": "down", "error": type(error).__name__}
    return {"status": "ok", "vendor": connection.vendor}


def check_cache() -> dict:
    backend = type(cache).__name__
    reachable = getattr(cache, "is_reachable", None)
    if reachable is not None:
        return {"status": "ok" if reachable() else "down", "backend": backend}
    try:
        cache.set("machi:healthz", 1, 10)
        ok = cache.get("machi:healthz") == 1
    except Exception:
        ok = False
    return {"status": "ok" if ok else "down", "backend": backend}


def check_search() -> dict:
    if not settings.SEARCH_URL:
        return {"status": "ok", "backend": "database"}
    from wagtail.search.backends import get_search_backend

    try:
        client = get_search_backend().es
        client = client.options(request_timeout=2) if hasattr(client, "options") else client  # OpenSearch: none
        reachable = bool(client.ping())
    except Exception:
        reachable = False
    # Residents' searches then run on the database index (search/fallback.py).
    return {"status": "ok" if reachable else "down", "backend": "service"}


def check_tasks() -> dict:
    backend = settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"status": "ok", "backend": backend}


def readiness() -> tuple[dict, int]:
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "search": check_search(),
        "tasks": check_tasks(),
    }
    if checks["database"]["status"] != "ok":
        return {"status": "down", "checks": checks}, 503
    degraded = any(check["status"] != "ok" for check in checks.values())
    return {"status": "degraded" if degraded else "ok", "checks": checks}, 200


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers the health paths first: no host validation, no HTTPS redirect, no session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path_info in LIVE_PATHS:
                return no_store(JsonResponse({"status": "ok"}))
            if request.path_info in READY_PATHS:
                body, status = readiness()
                return no_store(JsonResponse(body, status=status))
        return self.get_response(request)
