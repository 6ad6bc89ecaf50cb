"""Production's hashed static files (WhiteNoise's manifest storage, DEBUG off): the map on the
nursery page must load its marker images. Leaflet guesses their folder from leaflet.css's
url(images/marker-icon.png), which the hashing renames, and then asks next to the page; the map
component gives it the hashed URLs from {% static %} instead (geo/templates/geo/map.html)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.services.nurseries.test_browser import nurseries, yokohama_url  # noqa: F401 - the committed rows

pytestmark = pytest.mark.django_db(transaction=True)

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # portal/settings/base.py STORAGES


@pytest.fixture
def production_static(settings, tmp_path) -> Path:
    """collectstatic with production's storage into a fresh STATIC_ROOT, which the page's {% static %} then uses."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    call_command("collectstatic", "--noinput", verbosity=0)
    return tmp_path


def serve_like_production(page, static_root: Path, missing: list[str]):
    """Static requests answered from STATIC_ROOT only, as WhiteNoise does (no finders, no app folders)."""

    def answer(route):
        name = route.request.url.split("/static/", 1)[1].split("?")[0]
        path = static_root / name
        if path.is_file():
            route.fulfill(path=path)
        else:
            missing.append(route.request.url)
            route.fulfill(status=404, body="")

    page.route("**/static/**", answer)
    page.route("https://cyberjapandata.gsi.go.jp/**", lambda route: route.abort())


def test_the_map_uses_hashed_static_urls_that_collectstatic_wrote(client, production_static, nursery_page):
    html = client.get(nursery_page.url).content.decode()

    urls = set(re.findall(r'(?:src|href|data-icon[\w-]*)="(/static/[^"]+)"', html))
    icons = {url for url in urls if "/images/marker-" in url}
    assert len(icons) == 3
    assert all(re.search(r"\.[0-9a-f]{12}\.png$", url) for url in icons)  # the hashed names
    assert any(url.endswith(".css") and "/geo/map." in url for url in urls)
    for url in urls:
        assert (production_static / url.removeprefix("/static/")).is_file(), url


@pytest.mark.browser
def test_markers_load_under_hashed_static_files(
    live_server, browser_page, production_static, nursery_page, published_notice
):
    page = browser_page
    missing: list[str] = []
    failed_images: list[str] = []
    serve_like_production(page, production_static, missing)
    page.on("response", lambda r: failed_images.append(r.url) if r.status >= 400 and ".png" in r.url else None)

    page.goto(yokohama_url(live_server, nursery_page))
    page.wait_for_selector("#nursery-map .map__marker", state="attached")
    page.wait_for_load_state("load")

    markers = page.locator("#nursery-map .map__marker")
    assert markers.count() == 24
    assert re.search(
        r"/static/vendor/leaflet/images/marker-icon\.[0-9a-f]{12}\.png$", markers.first.get_attribute("src")
    )
    assert markers.first.evaluate("img => img.complete && img.naturalWidth") > 0
    assert page.locator("#nursery-map .leaflet-marker-shadow").first.evaluate("img => img.naturalWidth") > 0
    assert failed_images == []
    assert missing == []
