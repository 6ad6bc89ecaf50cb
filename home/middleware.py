from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

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
