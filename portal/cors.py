"""CORS for the public API: browser apps on other sites may read ``/api/v1/``, nothing else.

Every GET and HEAD under ``/api/v1/`` answers ``Access-Control-Allow-Origin: *``. With
``CORS_ALLOW_ORIGINS`` set (comma-separated origins, e.g. ``https://app.example.jp``) only those
origins are allowed: the request's ``Origin`` is echoed when listed, and ``Vary: Origin`` tells
caches the answer depends on it. A preflight ``OPTIONS`` under ``/api/v1/`` answers 204. The
admin and the resident pages get no CORS header at all.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/v1/"
ALLOW_METHODS = "GET, HEAD, OPTIONS"
ALLOW_HEADERS = "Accept, Accept-Language, Content-Type"
PREFLIGHT_MAX_AGE = str(24 * 60 * 60)


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            del response["Content-Type"]
            response["Access-Control-Allow-Methods"] = ALLOW_METHODS
            response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
            self._allow_origin(request, response)
            return response
        response = self.get_response(request)
        if request.method in ("GET", "HEAD"):
            self._allow_origin(request, response)
        return response

    @staticmethod
    def _allow_origin(request, response) -> None:
        allowed = getattr(settings, "CORS_ALLOW_ORIGINS", [])
        if not allowed:
            response["Access-Control-Allow-Origin"] = "*"
            return
        patch_vary_headers(response, ["Origin"])
        origin = request.headers.get("Origin", "")
        if origin in allowed:
            response["Access-Control-Allow-Origin"] = origin
