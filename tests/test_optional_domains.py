"""A city can leave a domain out of INSTALLED_APPS and the rest of the portal keeps working.

One subprocess per domain (the app registry is built once per process): the test settings drop
the apps named in ``MACHI_WITHOUT_APPS``; the script migrates an in-memory SQLite database,
runs the system checks, loads the kernel's demo (the city set up: site, home pages, sections, groups)
and renders the home page, the search page and the OpenAPI document. Facilities cannot go
alone: nurseries and events refer to facilities, so they go with it.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

# Each subprocess runs its own in-memory SQLite database whatever DATABASE_URL says: the run on
# PostgreSQL would repeat the SQLite run's work exactly.
pytestmark = [pytest.mark.heavy, pytest.mark.one_database]

SCRIPT = """
import io, json, django
django.setup()
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0, interactive=False)
call_command("check", fail_level="ERROR")
from home import demo
demo.load_demo(io.StringIO(), with_users=False)
from django.contrib.auth.models import Group
client = Client()
home = client.get("/ja/")
found = client.get("/ja/search/", {"q": "ごみ"})
schema = client.get("/api/v1/openapi.json")
print(json.dumps({
    "home": [home.status_code, home.content.decode()],
    "search": [found.status_code, found.content.decode()],
    "openapi": [schema.status_code, sorted(schema.json()["paths"]) if schema.status_code == 200 else []],
    "groups": sorted(Group.objects.values_list("name", flat=True)),
}))
"""

WITHOUT = {
    "services.garbage": ["services.garbage"],
    "services.nurseries": ["services.nurseries"],
    "services.events": ["services.events"],
    "facilities": ["facilities", "services.nurseries", "services.events"],
}


def run_without(apps: list[str]) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "sqlite://:memory:",
        "MACHI_WITHOUT_APPS": ",".join(apps),
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("domain", list(WITHOUT))
def test_portal_works_without_a_domain(domain):
    result = run_without(WITHOUT[domain])

    status, html = result["home"]
    assert status == 200
    assert "高松市 くらしのポータル" in html
    assert result["search"][0] == 200
    status, paths = result["openapi"]
    assert status == 200
    assert "/api/v1/search" in paths
    assert {"高松市 広報担当", "高松市 翻訳者", "高松市 緊急情報"} <= set(result["groups"])

    # What the missing domain contributed is gone; what the others contributed stays.
    garbage_here = "services.garbage" not in WITHOUT[domain]
    events_here = "services.events" not in WITHOUT[domain]
    assert ("/api/v1/garbage/areas" in paths) is garbage_here
    assert ("/api/v1/events" in paths) is events_here
    assert ("/api/v1/facilities" in paths) is (domain != "facilities")
    assert ("高松市 環境課" in result["groups"]) is garbage_here
    assert ("高松市 保育課" in result["groups"]) is ("services.nurseries" not in WITHOUT[domain])
