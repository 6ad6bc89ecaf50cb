from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache

from home.health import readiness

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}


def root_redirect(request):
    """``/`` goes to the Japanese site, or to the language the resident chose before."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    language = chosen if chosen in LANGUAGE_CODES else settings.LANGUAGE_CODE
    return HttpResponseRedirect(f"/{language}/")


@never_cache
def healthz(request):
    """Readiness as JSON (home/health.py, whose middleware answers first, before host validation)."""
    body, status = readiness()
    return JsonResponse(body, status=status)


def _language_from_path(request) -> str:
    language = translation.get_language_from_path(request.path_info)
    return language or settings.LANGUAGE_CODE


def _error(request, template: str, status: int):
    with translation.override(_language_from_path(request)):
        return render(request, template, {"error_page": True}, status=status)


def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def server_error(request):
    """Rendered without context processors or the database: they may be what failed."""
    language = _language_from_path(request)
    with translation.override(language):
        html = loader.get_template("500.html").render({"language": language})
    return HttpResponse(html, status=500)
