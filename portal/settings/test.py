"""Tests: fast password hashing, no manifest needed for static files, real databases."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "translation.machine.GlossaryDummyTranslator"}
# Tests sign staff in with force_login (no second factor); tests/security turn it back on.
STAFF_TWO_FACTOR_REQUIRED = False
WHITENOISE_AUTOREFRESH = True  # serve static files from the finders: tests need no collectstatic

# A city without some domains (tests/test_optional_domains.py): MACHI_WITHOUT_APPS=services.events,…
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in env_list("MACHI_WITHOUT_APPS")]  # noqa: F405

# Each test process keeps its own cache keys, so clearing them after a test leaves the others' alone.
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"machi-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405

# Tests send many requests from one client: rate limits are on only in the tests that check them
# (tests/security/test_rate_limits.py, with the ``settings`` fixture).
RATELIMIT_ENABLED = False

# The database worker's tables are in the test database, so a test can run ``manage.py worker``
# on it (tests/opendata/test_background_import.py); tasks still run in-process by default.
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS.append("django_tasks_db")  # noqa: F405
CACHE_PAGES = env_bool("CACHE_PAGES", False)  # noqa: F405 - on in the tests of caching (tests/home/test_caching.py)
