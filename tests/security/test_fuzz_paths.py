"""No request a resident or a client can send gets a 5xx: every path that takes parameters, with
hostile values (huge numbers, 1e308, NaN, far-off dates, NUL, lone surrogates, 10 kB strings,
SQL and full-text syntax).

The paths are derived, not listed: the API operations from the OpenAPI document (their own
parameter names), the site's pages from the demo city's page tree (each section page and its
routable sub-pages) and the named views of the URLconf, so a new endpoint or section is fuzzed
without touching this file. Hypothesis runs derandomized with few examples per path, and every
hostile value of issue 16 is an explicit example.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page

from portal.api import api

pytestmark = pytest.mark.heavy

HOSTILE = [
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "//evil.example",
    "\x00",
    "a\x00b",
    "\ud800",
    "x" * 10_000,
    "の",
    "' OR 1=1 --",
    '"unterminated',
    "NEAR(a b) * ^ OR AND NOT",
    "<script>alert(1)</script>",
    "%00",
    "../../etc/passwd",
    "",
]
#: Parameters the resident pages read (forms of the list, calendar, near-me and search pages).
PAGE_PARAMS = [
    "q", "page", "start", "end", "when", "lat", "lng", "radius", "address", "where", "area", "type",
    "tag", "audience", "free", "age", "ward", "kind", "category", "year", "month", "limit", "has_vacancy",
    "open_now", "furigana", "next", "on",
]  # fmt: skip

values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))


def api_operations() -> list[tuple[str, list[str]]]:
    """(path template, its query parameter names) of every GET operation in the OpenAPI document."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        found.append((path, names))
    return found


def page_paths() -> list[str]:
    """Every live page of the demo city and the parameterless routes of its routable pages,
    plus the named non-page views (search, suggestions)."""
    paths = [reverse("search:search"), reverse("search:suggest")]
    for page in Page.objects.live().filter(depth__gt=1, locale=Locale.get_default()).specific():
        url = page.url
        if not url:
            continue
        paths.append(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_resolver().url_patterns:
                route = str(pattern.pattern)
                if route and "<" not in route:
                    paths.append(url + route)
    return sorted(set(paths))


def _get(client, path: str, params: dict | None = None):
    """GET as a client sends it: values percent-encoded as UTF-8 bytes, a lone surrogate too
    (``%ED%A0%80``, which no decoder accepts)."""
    query = "&".join(
        f"{quote(name)}={quote(str(value).encode('utf-8', 'surrogatepass'), safe='')}"
        for name, value in (params or {}).items()
    )
    return client.get(f"{path}?{query}" if query else path)


def _check(response, path):
    assert response.status_code < 500, f"{path}: {response.status_code}"


@pytest.mark.django_db
def test_the_derived_paths_cover_every_api_operation_and_section(site_tree):
    operations = dict(api_operations())
    assert "/api/v1/events" in operations and "start" in operations["/api/v1/events"]
    assert "/api/v1/search" in operations
    pages = page_paths()
    assert any(path.endswith("/calendar/") for path in pages)  # routable sub-pages are there too


def _fuzz_operation(client, path: str, names: list[str]):
    concrete = re.sub(r"\{[^}]+\}", "372013-001", path)

    @settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(names or ["unknown"]), value=values, path_value=st.sampled_from(HOSTILE[:12]))
    @example(name=(names or ["unknown"])[0], value="9999-12-31", path_value="9999")
    def fuzz(name, value, path_value):
        url = re.sub(r"\{[^}]+\}", path_value.replace("/", "%2F") or "x", path)
        _check(_get(client, concrete, {name: value}), concrete)
        _check(_get(client, url), url)

    fuzz()
    # Every hostile value in every parameter, not only those hypothesis picked.
    for name in names:
        for value in HOSTILE:
            _check(_get(client, concrete, {name: value}), f"{concrete}?{name}={value[:20]!r}")


def _fuzz_page(client, path: str):
    @settings(max_examples=10, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(params=st.dictionaries(st.sampled_from(PAGE_PARAMS), values, max_size=3))
    @example(params={"page": "9223372036854775808"})
    @example(params={"start": "0001-01-01"})
    @example(params={"start": "9999-12-31", "when": "range"})
    @example(params={"lat": "1e308", "lng": "1"})
    @example(params={"q": "の", "page": "49"})
    @example(params={"q": "\x00", "address": "x" * 10_000})
    def fuzz(params):
        _check(_get(client, path, params), path)

    fuzz()


@pytest.mark.django_db
def test_api_operations_never_answer_5xx(client, site_tree):
    for path, names in api_operations():
        _fuzz_operation(client, path, names)


@pytest.mark.django_db
def test_resident_pages_never_answer_5xx(client, site_tree):
    for path in page_paths():
        _fuzz_page(client, path)
