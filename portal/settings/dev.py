"""Local development: DEBUG on, a throw-away secret, e-mail to the console."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("LOG_FORMAT", "text")  # plain lines on a developer's terminal

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-not-secret-" + "x" * 40  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS + ["*"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
