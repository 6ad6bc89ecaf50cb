"""The platform names no domain: arrows go only downward, in Python and in templates.

The platform (``home``, ``geo``, ``japanese``, ``opendata``, ``search``, ``translation``) is what
every domain shares; the domains (``facilities``, ``services.*``) sit on top and register
themselves into it from their ``apps.py``. A platform module that imports a domain, or a
platform template that loads a domain's tag library or includes a domain's template, breaks
a city that leaves that domain out of ``INSTALLED_APPS``.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
#: The platform, lowest layer first: a module may import its own layer and those before it.
PLATFORM = ["japanese", "geo", "home", "opendata", "search", "translation"]
DOMAINS = ["facilities", "services"]
TEMPLATES = BASE_DIR / "templates"


def _is_domain(dotted: str) -> bool:
    return any(dotted == domain or dotted.startswith(f"{domain}.") for domain in DOMAINS)


def _imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an AST imports: ``import``/``from`` at any depth, and ``import_module("…")``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name in {"import_module", "__import__"} and isinstance(getattr(first, "value", None), str):
                found.append((node.lineno, first.value))
    return found


def _platform_modules(package: str) -> list[Path]:
    return sorted(path for path in (BASE_DIR / package).rglob("*.py") if "migrations" not in path.parts)


def _domain_tag_libraries() -> set[str]:
    return {path.stem for domain in DOMAINS for path in (BASE_DIR / domain).rglob("templatetags/*.py")} - {"__init__"}


def _platform_templates() -> list[Path]:
    """Project templates outside the domains' folders, and templates inside platform apps."""
    project = [path for path in TEMPLATES.rglob("*.html") if path.relative_to(TEMPLATES).parts[0] not in DOMAINS]
    in_apps = [path for package in PLATFORM for path in (BASE_DIR / package).rglob("templates/**/*.html")]
    return sorted(project + in_apps)


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def template_violations(path: Path, domain_libraries: set[str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = []
    for match in LOAD.finditer(text):
        names = match.group(1).split()
        if "from" in names:  # {% load tag from library %}
            names = names[names.index("from") + 1 :]
        problems += [f"loads the domain tag library {name!r}" for name in names if name in domain_libraries]
    for match in INCLUDE.finditer(text):
        if match.group(1).split("/")[0] in DOMAINS:
            problems.append(f"includes or extends the domain template {match.group(1)!r}")
    return problems


def _upward(package: str, dotted: str) -> bool:
    top = dotted.split(".")[0]
    return top in PLATFORM and PLATFORM.index(top) > PLATFORM.index(package)


def _arrows(package: str, wrong) -> list[str]:
    """``path:line imports name`` for every import of *package*'s modules that ``wrong(name)`` refuses."""
    arrows = []
    for path in _platform_modules(package):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        arrows += [
            f"{path.relative_to(BASE_DIR)}:{line} imports {name}" for line, name in _imported_names(tree) if wrong(name)
        ]
    return arrows


@pytest.mark.parametrize("package", PLATFORM)
def test_platform_modules_import_only_downward(package):
    assert _arrows(package, lambda name: _upward(package, name)) == []


@pytest.mark.parametrize("package", PLATFORM)
def test_platform_modules_import_no_domain(package):
    assert _arrows(package, _is_domain) == []


def test_japanese_is_plain_python_without_models():
    assert not list((BASE_DIR / "japanese").rglob("models.py"))
    assert "japanese" not in settings.INSTALLED_APPS


def test_platform_templates_use_no_domain_tag_or_template():
    libraries = _domain_tag_libraries()
    assert {"garbage_tags", "events_tags"} <= libraries  # the walk finds the domains' libraries
    arrows = []
    for path in _platform_templates():
        relative = str(path.relative_to(BASE_DIR))
        arrows += [f"{relative}: {problem}" for problem in template_violations(path, libraries)]
    assert arrows == []


def test_the_walk_sees_each_kind_of_arrow(tmp_path):
    """The checks above can fail: each kind of arrow they look for is caught."""
    source = (
        "import facilities.models\n"
        "from services.garbage import calendar\n"
        "def later():\n"
        "    from services.events.queries import find_occurrences\n"
        "    return importlib.import_module('services.nurseries.demo')\n"
        "import searchlight, servicesx\n"
    )
    names = {name for _line, name in _imported_names(ast.parse(source)) if _is_domain(name)}
    assert names == {"facilities.models", "services.garbage", "services.events.queries", "services.nurseries.demo"}
    assert _upward("geo", "home.models") and _upward("home", "search.index")
    assert not _upward("search", "japanese.analysis") and not _upward("home", "home.api")

    template = tmp_path / "page.html"
    template.write_text(
        '{% extends "services/garbage/base.html" %}{% load i18n garbage_tags %}'
        '{% load map_tiles from facilities_tags %}{% include "facilities/home_panel.html" %}'
        '{% include "components/breadcrumbs.html" %}{% include panel.template %}',
        encoding="utf-8",
    )
    assert template_violations(template, {"garbage_tags", "facilities_tags"}) == [
        "loads the domain tag library 'garbage_tags'",
        "loads the domain tag library 'facilities_tags'",
        "includes or extends the domain template 'services/garbage/base.html'",
        "includes or extends the domain template 'facilities/home_panel.html'",
    ]
