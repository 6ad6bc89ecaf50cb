"""Production settings: refuse to start without a secret, and pass ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_debug():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="portal.settings.production", DJANGO_SECRET_KEY="x" * 50, DJANGO_DEBUG="true"
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="a-long-random-secret-for-this-test-only-" + "k" * 30,
        ALLOWED_HOSTS="portal.example.jp",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_database_and_cache_come_from_the_environment():
    code = (
        "import django, os; from django.conf import settings; django.setup();"
        "print(settings.DATABASES['default']['ENGINE']); print(settings.CACHES['default']['BACKEND'])"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL="postgres://root@127.0.0.1:5432/anything",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "home.cache_backend.ResilientRedisCache"]


def test_defaults_need_no_services():
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.DATABASES['default']['ENGINE']); print(settings.CACHES['default']['BACKEND'])"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SEARCH_URL"))
    }
    environment["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
    ]
