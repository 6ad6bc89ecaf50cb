"""Settings shared by every environment; each value that varies comes from the environment.

Every variable read here is listed, with a comment, in .env.example.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Origins whose browser apps may read /api/v1/ (portal/cors.py); empty: every origin ("*").
CORS_ALLOW_ORIGINS = env_list("CORS_ALLOW_ORIGINS")

INSTALLED_APPS = [
    "home",
    "geo",
    "facilities",
    "services.garbage",
    "services.nurseries",
    "services.events",
    "opendata",
    "search",
    "translation",
    "wagtail_localize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",  # its docs view; the Swagger UI files are the portal's own (static/vendor/swagger-ui)
    "csp",  # its system checks (legacy CSP_* settings)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the sitemap.xml template (home/crawlers.py)
]

MIDDLEWARE = [
    "home.logs.RequestIdMiddleware",  # first: every later log line carries the request id
    "home.health.HealthCheckMiddleware",  # /healthz answers by IP, before host validation
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.cors.CorsMiddleware",
    "home.caching.PageCacheMiddleware",  # Cache-Control; anonymous pages from the cache
    "home.lookups.CachedSiteMiddleware",  # the host's Wagtail site from the cache
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",
    "home.middleware.RefuseNulCharactersMiddleware",
    "home.ratelimit.RateLimitMiddleware",
    "home.middleware.QueryTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with a second factor
    "home.two_factor.StaffTwoFactorMiddleware",  # the admin asks for it (docs/security.md)
    "django.contrib.messages.middleware.MessageMiddleware",
    "translation.middleware.MachineTranslationErrorMiddleware",  # engine down: a message, not a 500
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.headers.PortalCSPMiddleware",
    "portal.headers.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite on disk unless DATABASE_URL names another (postgres://…).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# SQLite: write-ahead log, so reads go on while an import writes; writers wait for each other
# (busy timeout, seconds) instead of failing with "database is locked"; a transaction takes the
# write lock when it starts, so two writers never deadlock upgrading a read lock.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# PostgreSQL cancels a statement of a web request running longer than this (the request gets a
# 503 page, home/middleware.py), so a few costly queries cannot hold every connection. manage.py
# sets 0 (no limit) for commands (imports, migrations); 0 turns it off here too.
DATABASE_STATEMENT_TIMEOUT_MS = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "10000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_STATEMENT_TIMEOUT_MS > 0:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"

# Cache: local memory unless REDIS_URL is set, so several app servers can share one. While Redis
# is down the cache is empty, not an error (home/cache_backend.py): pages come from the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))  # after a failure, Redis is left alone
CACHE_OUTAGE_LOG_SECONDS = 60  # one warning a minute while it is down
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("CACHE_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(os.environ.get("CACHE_TIMEOUT", "0.5")),
            },
            "KEY_PREFIX": "machi",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# What proxies, CDNs and the page cache may keep (home/caching.py, docs/deployment.md "Caching"):
# browsers revalidate (max-age 0 by default), shared caches keep pages CACHE_S_MAXAGE seconds and
# API answers CACHE_API_S_MAXAGE, and every change purges them. CACHE_PAGES: Django's own HTML cache.
CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", "0"))
CACHE_S_MAXAGE = int(os.environ.get("CACHE_S_MAXAGE", "600"))
CACHE_API_S_MAXAGE = int(os.environ.get("CACHE_API_S_MAXAGE", "60"))
CACHE_PAGES = env_bool("CACHE_PAGES", True)

# Tasks: run immediately in-process by default; TASK_BACKEND names a real worker's backend, and
# its app (tables, the worker command) is installed with it. The old django-tasks path of the
# database backend names the same backend (it moved to the django-tasks-db package).
TASK_BACKEND_APPS = {"django_tasks_db.DatabaseBackend": "django_tasks_db"}
TASK_BACKEND = os.environ.get("TASK_BACKEND", "") or "django_tasks.backends.immediate.ImmediateBackend"
TASK_BACKEND = {"django_tasks.backends.database.DatabaseBackend": "django_tasks_db.DatabaseBackend"}.get(
    TASK_BACKEND, TASK_BACKEND
)
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
if TASK_BACKEND in TASK_BACKEND_APPS:
    INSTALLED_APPS.append(TASK_BACKEND_APPS[TASK_BACKEND])

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (home/login_throttle.py, home/two_factor.py; docs/security.md).
# After LOGIN_FAILURES_PER_ACCOUNT failed sign-ins for one user name, or LOGIN_FAILURES_PER_IP from
# one client address, within LOGIN_FAILURE_WINDOW seconds, sign-in is refused for
# LOGIN_LOCKOUT_SECONDS (the same answer for every account, known or not).
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("LOGIN_FAILURES_PER_IP", "20"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
WAGTAILADMIN_USER_LOGIN_FORM = "home.login_throttle.ThrottledLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "home.login_throttle.ThrottledPasswordResetForm"  # noqa: S105 (a class)
# Two-factor sign-in (TOTP) is required of superusers and 緊急情報 staff, optional for the others.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Machi Portal")

# Languages. Japanese is the source; the others are translations made with wagtail-localize.
LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("ja", "日本語"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
    ("pt", "Português"),
    ("ja-x-easy", "やさしい日本語"),  # Easy Japanese: a language of its own (private-use subtag), docs/languages.md
]
# locale/: the portal's strings (makemessages writes to the first path). locale_wagtail/: Japanese
# for admin strings of Wagtail and wagtail-localize that their own ja catalogs lack; both win over
# the apps' catalogs.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
# Names each language shows in the switcher, in that language.
LANG_INFO.setdefault("pt", {"bidi": False, "code": "pt", "name": "Portuguese", "name_local": "Português"})
LANG_INFO.setdefault(
    "ja-x-easy", {"bidi": False, "code": "ja-x-easy", "name": "Easy Japanese", "name_local": "やさしい日本語"}
)

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "") or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "") or BASE_DIR / "media")
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible object storage for media when MEDIA_BUCKET is set (django-storages).
if os.environ.get("MEDIA_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_REGION") or None,
            "access_key": os.environ.get("MEDIA_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("MEDIA_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Machi Portal")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
# The admin calls no other host (and the Content-Security-Policy would block it): no Gravatar
# (it would send a hash of each editor's e-mail address away), no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Search: Wagtail's database backend (SQLite FTS5 or PostgreSQL) with Japanese analysis, or
# Elasticsearch/OpenSearch when SEARCH_URL is set. See search/backends.py and docs/search.md.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "english",
    }
}
# With a search service, the database index is kept too: searches fall back to it while the
# service is down, and the service is tried again after SEARCH_RETRY_SECONDS (search/fallback.py).
SEARCH_RETRY_SECONDS = float(os.environ.get("SEARCH_RETRY_SECONDS", "30"))
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS["database"] = {"BACKEND": "search.backends", "SEARCH_CONFIG": "english", "DATABASE": True}

# wagtail-localize: "Translate this page" makes the translation a draft (its stock behaviour copies
# the source's live state, which put the untranslated Japanese on /en/… at once). It goes live
# when the translation is published; until then residents get the Japanese page with a notice.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# wagtail-localize: machine drafts from DeepL or a LibreTranslate server (MT_ENGINE).
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
# Every engine applies the portal's glossary of fixed terms (translation/machine.py).
# MT_ENGINE chooses the engine: "deepl" (the default when DEEPL_API_KEY is set; MT_URL names a
# DeepL-compatible endpoint) or "libretranslate" (a self-hosted server at MT_URL, e.g.
# http://127.0.0.1:5000). Empty: no machine drafts.
MT_ENGINE = os.environ.get("MT_ENGINE", "deepl" if DEEPL_API_KEY else "").strip().lower()
MT_URL = os.environ.get("MT_URL", "").strip()
if MT_ENGINE == "deepl" and DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translation.machine.GlossaryDeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, **({"API_URL": MT_URL} if MT_URL else {})},
    }
elif MT_ENGINE == "libretranslate":
    if not MT_URL:
        raise ImproperlyConfigured("MT_ENGINE=libretranslate needs MT_URL, the server's address.")
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translation.machine.GlossaryLibreTranslateTranslator",
        "OPTIONS": {"URL": MT_URL},
    }
elif MT_ENGINE not in ("", "deepl"):
    raise ImproperlyConfigured(f"MT_ENGINE must be deepl or libretranslate, not {MT_ENGINE!r}.")

# Geo
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '<a href="https://maps.gsi.go.jp/development/ichiran.html">国土地理院</a>',
)
# Content-Security-Policy (django-csp) and Permissions-Policy: portal/headers.py, docs/security.md.
from portal.headers import content_security_policy  # noqa: E402 - needs MAP_TILE_URL above

CONTENT_SECURITY_POLICY = content_security_policy(MAP_TILE_URL, MEDIA_URL)

GEOCODER = os.environ.get("GEOCODER", "gazetteer")
GEOCODER_USER_AGENT = os.environ.get("GEOCODER_USER_AGENT", "machi-portal")
GAZETTEER_DIR = Path(os.environ.get("GAZETTEER_DIR", BASE_DIR / "data" / "opendata" / "gazetteer-geolonia"))

# Events: an event date running longer than this many days (補助金の申請受付, 入札のお知らせ) is a
# long-running notice, listed under お知らせ instead of among the dated events and calendar days.
EVENTS_NOTICE_MIN_DAYS = int(os.environ.get("EVENTS_NOTICE_MIN_DAYS", "14"))

# Rate limits per client IP (home/ratelimit.py, docs/security.md): (requests, seconds) per scope.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMITS = {
    "search": (int(os.environ.get("RATELIMIT_SEARCH", "30")), 60),  # search page, suggestions, /api/v1/search
    "geocode": (int(os.environ.get("RATELIMIT_GEOCODE", "30")), 60),  # /api/v1/geocode, ?address=, ?where=
    "forms": (int(os.environ.get("RATELIMIT_FORMS", "10")), 60),  # POSTs outside the admin
}
# Costly requests in flight at once, across all workers and app servers (a 503 "busy, retry in
# 5 s" beyond): keep it below the total number of workers so pages and /healthz always find one.
RATELIMIT_CONCURRENT = {
    "search": int(os.environ.get("RATELIMIT_CONCURRENT_SEARCH", "1")),
    "geocode": int(os.environ.get("RATELIMIT_CONCURRENT_GEOCODE", "2")),
}
# The reverse proxies / load balancers whose X-Forwarded-For is believed (addresses or CIDR
# networks, comma-separated); empty: the client is REMOTE_ADDR.
RATELIMIT_TRUSTED_PROXIES = env_list("RATELIMIT_TRUSTED_PROXIES")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The SMTP server of the smtp backend: approval (承認) and translator e-mails go through it.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Wagtail's workflow e-mails (submitted, approved, 差し戻し with the comment) come from here,
# in each recipient's admin language (Japanese unless they chose another).
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Superusers serve every city: a city's approvals go to its own 広報担当 only.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool("WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS")

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (production sets it by default).
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Logs: one JSON object a line on standard error, each with a UTC timestamp, the level, the
# logger and the request id (home/logs.py); LOG_FORMAT=text for people reading a terminal.
# portal.access is the access log (one line per request, from home.logs.RequestIdMiddleware).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "home.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "home.logs.JsonFormatter"},
        "text": {"()": "home.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "portal.access": {"level": "INFO" if env_bool("ACCESS_LOG", True) else "WARNING"},
        "portal.jobs": {"level": "INFO"},
    },
}

# Error reporting to Sentry or a Sentry-compatible service (GlitchTip, …) when SENTRY_DSN is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,  # no staff names, addresses or cookies in reports
    )
