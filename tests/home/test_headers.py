"""Security headers (Content-Security-Policy, Permissions-Policy), the API docs' own assets, and
links built from the request path that must never point at another host."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
TEMPLATE_DIRS += list(Path(settings.BASE_DIR).glob("services/*/templates"))


def _policy(response) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    }


def test_resident_pages_allow_no_inline_script_and_the_map_tiles(client, site_tree):
    response = client.get("/ja/")
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert "https://cyberjapandata.gsi.go.jp" in policy["img-src"]  # 国土地理院 tiles (MAP_TILE_URL)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]


def test_the_admin_alone_allows_wagtails_inline_scripts(client, make_user):
    client.force_login(make_user("広報担当"))
    admin = _policy(client.get("/admin/"))
    assert "'unsafe-inline'" in admin["script-src"]
    assert "'unsafe-inline'" not in _policy(client.get("/ja/"))["script-src"]


def test_tile_origin_follows_map_tile_url():
    from portal.headers import content_security_policy, origin

    assert origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://*.tile.openstreetmap.org"
    assert origin("/tiles/{z}/{x}/{y}.png") is None
    policy = content_security_policy("https://tiles.example.jp/{z}/{x}/{y}.png", "https://media.example.jp/m/")
    assert policy["DIRECTIVES"]["img-src"][-2:] == ["https://tiles.example.jp", "https://media.example.jp"]


def test_resident_templates_have_no_inline_script_or_handler():
    """What the policy would block: a <script> without src (JSON data blocks are not run) or an
    on…= attribute, in any template of the portal."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
    handler = re.compile(r"<[^>]+\son[a-z]+=", re.I)
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            if inline_script.search(text) or handler.search(text):
                offenders.append(str(template.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_api_docs_use_the_portals_own_pinned_swagger_ui(client, site_tree):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/vendor/swagger-ui/swagger-ui.css" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing from another host
    assert '"validatorUrl": null' in html  # no badge from validator.swagger.io either
    assert _policy(response)["script-src"] == ["'self'"]
    bundle = Path(settings.BASE_DIR) / "static" / "vendor" / "swagger-ui" / "swagger-ui-bundle.js"
    assert bundle.stat().st_size > 1_000_000
    assert "5.35.0" in (bundle.parent / "README").read_text()


@pytest.mark.parametrize("path", ["//evil.example/ja/", "/\\evil.example/ja/", "///evil.example/ja/"])
def test_links_built_from_the_path_never_take_a_host_from_it(client, site_tree, path):
    """http://<host>//evil.example/ja/: the 404 page's language links and the ふりがな switch stay
    on the requested host."""
    response = client.request(PATH_INFO=path, REQUEST_METHOD="GET", QUERY_STRING="")
    assert response.status_code == 404
    html = response.content.decode()
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs, "the 404 page has links"
    elsewhere = [href for href in hrefs if re.match(r"^(https?:)?[/\\]{2}(?!testserver/)", href)]
    assert elsewhere == []
    assert "//evil.example" not in html and "%2F%2Fevil.example" not in html


def test_local_full_path_collapses_leading_slashes(rf):
    from home.i18n_views import local_full_path

    request = rf.get("/")
    request.path = request.path_info = "//evil.example/ja/"
    request.META["QUERY_STRING"] = "a=1"
    assert local_full_path(request) == "/evil.example/ja/?a=1"
