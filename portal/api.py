"""The /api/v1 router: one NinjaAPI, one router per domain. OpenAPI at /api/v1/openapi.json."""

from functools import wraps
from importlib import import_module

from django.apps import apps
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from home.api import ErrorOut
from portal.api_docs import PortalSwagger
from search.api import router as search_router

# Each installed domain's router (<app>/api.py, object ``router``), in this order.
DOMAIN_ROUTERS = ["services.garbage", "facilities", "services.nurseries", "services.events"]

#: The error answers every operation may give, each ``{"detail": "..."}`` (home.api.ErrorOut).
ERROR_RESPONSES = {
    "400": "A parameter has a value the operation cannot use (e.g. an unknown `type`).",
    "404": "No such object (an unknown id or code).",
    "422": "A parameter is malformed, out of range or unknown; `errors` lists each failed check.",
    "429": "Too many requests from this client: wait `Retry-After` seconds (see docs/security.md).",
    "503": "Busy (every slot for costly requests taken, or a query timed out): retry after `Retry-After` seconds.",
}


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The document django-ninja builds, with every operation's error answers documented."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorOut"] = ErrorOut.model_json_schema()
        reference = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(status, {"description": description, **reference})
        return schema


api = PortalAPI(
    title="Machi Portal API",
    version="1",
    description=(
        "Garbage calendars, facilities, nursery vacancies, events and search of the municipal portal. "
        "Every list takes `locale` (default `ja`), `limit` (up to 1000) and `offset` (default 0) and answers "
        '`{"items": [...], "count": N, "next": URL or null}`: `count` is the number of all matches, `next` '
        "the same request one page on (null on the last page); follow it to walk every match exactly once. "
        "URLs in answers use the scheme and host the request was sent to. "
        'A bad or unknown parameter is a 422 `{"detail": "..."}` saying which and why (an unknown one also '
        "lists the accepted ones); an unknown id is a 404. Every GET answers with "
        "`Access-Control-Allow-Origin` (`*` unless the site restricts it to listed origins), so browser "
        "apps on other sites can call it."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    docs=PortalSwagger(),
)


@api.exception_handler(ValidationError)
def validation_errors(request, exc):
    """Say which parameter is wrong and why, in words a client developer can act on."""
    messages = []
    for error in exc.errors:
        location = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body"))
        messages.append(f"{location}: {error.get('msg')}" if location else str(error.get("msg")))
    return api.create_response(request, {"detail": "; ".join(messages), "errors": exc.errors}, status=422)


def query_param_names(operation) -> set[str]:
    """The query parameters an operation declares, as django-ninja parses them (its query models)."""
    names = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            names.update(getattr(model, "__ninja_flatten_map__", None) or model.model_fields)
    return names


def reject_unknown_query_params(run):
    """A 422 for a query parameter the operation does not declare, so a misspelt ``limt=5`` or
    ``ofset=`` is not silently ignored. Applied to every operation (``api.add_decorator``, mode
    "view", which wraps the bound ``Operation.run`` before validation)."""
    operation = run
    while not hasattr(operation, "models"):
        operation = getattr(operation, "__self__", None) or operation.__wrapped__
    accepted = query_param_names(operation)

    @wraps(run)
    def checked(request, *args, **kwargs):
        unknown = [name for name in request.GET if name not in accepted]
        if unknown:
            known = ", ".join(sorted(accepted)) or "none"
            detail = f"Unknown query parameter {', '.join(unknown)}: accepted are {known}."
            body = {"detail": detail, "unknown": unknown, "accepted": sorted(accepted)}
            return api.create_response(request, body, status=422)
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(reject_unknown_query_params, mode="view")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


for app_name in DOMAIN_ROUTERS:
    if apps.is_installed(app_name):
        api.add_router("", import_module(f"{app_name}.api").router)
api.add_router("", search_router)
