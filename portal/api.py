"""The /api/v1 router: one NinjaAPI, one router per domain. OpenAPI at /api/v1/openapi.json."""

from importlib import import_module

from django.apps import apps
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from search.api import router as search_router

# Each installed domain's router (<app>/api.py, object ``router``), in this order.
DOMAIN_ROUTERS = ["services.garbage", "facilities", "services.nurseries", "services.events"]

api = NinjaAPI(
    title="Machi Portal API",
    version="1",
    description=(
        "Garbage calendars, facilities, nursery vacancies, events and search of the municipal portal. "
        "Every list takes `locale` (default `ja`) and `limit` (up to 1000) and answers "
        '`{"items": [...], "count": N}`.'
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def validation_errors(request, exc):
    """Say which parameter is wrong and why, in words a client developer can act on."""
    messages = []
    for error in exc.errors:
        location = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body"))
        messages.append(f"{location}: {error.get('msg')}" if location else str(error.get("msg")))
    return api.create_response(request, {"detail": "; ".join(messages), "errors": exc.errors}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


for app_name in DOMAIN_ROUTERS:
    if apps.is_installed(app_name):
        api.add_router("", import_module(f"{app_name}.api").router)
api.add_router("", search_router)
