"""The /api/v1 router: one NinjaAPI, one router per domain. OpenAPI at /api/v1/openapi.json."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from facilities.api import router as facilities_router
from search.api import router as search_router
from services.events.api import router as events_router
from services.garbage.api import router as garbage_router
from services.nurseries.api import router as nurseries_router

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


api.add_router("", garbage_router)
api.add_router("", facilities_router)
api.add_router("", nurseries_router)
api.add_router("", events_router)
api.add_router("", search_router)
