from django.db import OperationalError
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import gettext as _

from home.ratelimit import busy_response
from home.views import bad_request

#: PostgreSQL's SQLSTATE for a statement cancelled by ``statement_timeout``.
QUERY_CANCELED = "57014"

# Paths outside the language-prefixed site: their 404s are real answers, not a missing prefix.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/static/", "/media/", "/healthz")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, without redirecting unprefixed paths that are not pages.

    Django redirects a 404 to the language-prefixed path when that path would resolve, and
    Wagtail's catch-all makes every prefixed path resolve, so an API's 404 for an unknown id
    would become a 302 to ``/ja/api/…``. Apps and other cities' systems need the 404.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


def is_statement_timeout(exception) -> bool:
    """A database error that is PostgreSQL cancelling a statement past ``statement_timeout``."""
    cause = getattr(exception, "__cause__", None)
    return isinstance(exception, OperationalError) and getattr(cause, "sqlstate", None) == QUERY_CANCELED


class QueryTimeoutMiddleware:
    """A request whose query ran past ``DATABASE_STATEMENT_TIMEOUT_MS`` gets a 503 with
    ``Retry-After`` ("busy, try again"), not a 500: the site is overloaded, not broken."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_statement_timeout(exception):
            return None
        message = _("This request took too long because the site is busy. Please try again in a minute.")
        return busy_response(request, 503, _("The site is busy"), message, 60)


class RefuseNulCharactersMiddleware:
    """A request with a NUL character in its path or query string gets a 400 that says why.

    No resident or app types one, PostgreSQL refuses to store or compare text holding one (a 500
    deep in whichever view reads the parameter), and SQLite would take it silently: refused here,
    once, every view and API operation behaves the same on both databases.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return refusal(request, _("The address contains a NUL character, which no search or page accepts."))
        return self.get_response(request)


def refusal(request, message: str):
    """A 400 in the client's language: JSON ``{"detail"}`` under /api/, else the site's 400 page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return bad_request(request)
