"""Every resident output asks ``home.visibility`` what residents may see: no module of its own
filters ``live`` or ``public``.

A new list, feed or export that writes ``FacilityPage.objects.live()`` or ``filter(facility__live=True)``
forgets view restrictions and expiry (issue 16). This walk fails on such a filter anywhere but in
the modules that write data (imports, demo loaders, admin, commands), and names the line.
"""

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PACKAGES = ["home", "search", "opendata", "geo", "translation", "facilities", "services"]
DEFINITION = BASE_DIR / "home" / "visibility.py"
#: Modules that write or administer data, never answer a resident: they may read ``live`` as it is.
NOT_RESIDENT_FACING = {
    "admin_views.py",
    "wagtail_hooks.py",
    "factories.py",
    "demo.py",
    "demo_guides.py",
    "demo_guides_languages.py",
    "demo_procedures.py",
    "importers.py",
    "imports.py",
    "loading.py",
    "notices.py",
    "panels.py",
    "cities.py",
    "status.py",
}
FILTERS = {"filter", "exclude", "get", "get_object_or_404", "Q"}
VISIBILITY_METHODS = {"live", "public", "not_live", "not_public", "private"}


def _keyword_says_live(name: str | None) -> bool:
    return bool(name) and (name == "live" or name.endswith("__live") or name.startswith("live__"))


def visibility_filters(source: str) -> list[tuple[int, str]]:
    """(line, what) for every ``.live()``/``.public()`` call and every ``live=``/``x__live=`` keyword
    of a queryset filter (``filter``, ``exclude``, ``get``, ``Q`` …) in *source*."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if isinstance(func, ast.Attribute) and name in VISIBILITY_METHODS and not node.args and not node.keywords:
            found.append((node.lineno, node.end_col_offset, f".{name}()"))
        if name in FILTERS:
            found += [(kw.lineno, kw.col_offset, f"{kw.arg}=") for kw in node.keywords if _keyword_says_live(kw.arg)]
    return [(line, what) for line, _column, what in sorted(found)]


def _resident_modules() -> list[Path]:
    paths = []
    for package in PACKAGES:
        for path in (BASE_DIR / package).rglob("*.py"):
            parts = path.relative_to(BASE_DIR).parts
            if "migrations" in parts or "management" in parts or path.name in NOT_RESIDENT_FACING:
                continue
            if path != DEFINITION:
                paths.append(path)
    return sorted(paths)


def test_resident_modules_filter_visibility_only_through_home_visibility():
    problems = [
        f"{path.relative_to(BASE_DIR)}:{line}: {what} (use home.visibility.resident_pages / resident_rows)"
        for path in _resident_modules()
        for line, what in visibility_filters(path.read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_the_walk_finds_each_way_of_filtering_live():
    source = """
pages = FacilityPage.objects.live().public()
rows = Nursery.objects.filter(facility__live=True)
more = EventPage.objects.filter(Q(live=True))
fine = resident_pages(EventPage.objects.all())
page.live  # reading one page's state is not a filter
"""
    assert [what for _line, what in visibility_filters(source)] == [".live()", ".public()", "facility__live=", "live="]
