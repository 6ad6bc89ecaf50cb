"""Production: every secret from the environment; refuses to start without DJANGO_SECRET_KEY.

Runs behind a TLS-terminating reverse proxy or CDN; passes ``manage.py check --deploy``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production (see .env.example).")
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

SECURE_PROXY_SSL_HEADER = (os.environ.get("SECURE_PROXY_SSL_HEADER", "") or "HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin iframe, so frames stay allowed from
# this origin only (DENY would break previews); check W019 says exactly that.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Front-end cache (Varnish, nginx, a CDN) purged on every change residents see (home/purge.py):
# one BAN of everything (Varnish, deploy/), or a PURGE of each live page's URL. Wagtail's
# frontend_cache app is not installed: its own handlers would purge each published page's URLs
# again on top of the portal's purge; its backends are what home/purge.py uses.
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": {
                "ban": "home.purge.VarnishBanBackend",
                "purge": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            }[os.environ.get("FRONTEND_CACHE_METHOD", "ban")],
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }
    WAGTAILFRONTENDCACHE_LANGUAGES = []  # the purged URLs already name each language

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
