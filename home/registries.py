"""What the domains contribute to the kernel, registered from each domain app's ``apps.py`` ``ready()``.

The kernel names no domain: the home page shows the panels that registered, ``sync_groups``
grants the rights that registered, and ``load_demo`` runs the loaders that registered for each demo city. A city
that removes a domain from ``INSTALLED_APPS`` loses exactly what that domain registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HomePanel:
    """A section of the home page: a template rendered with the home page's context."""

    template: str
    order: int


@dataclass(frozen=True)
class DemoLoader:
    """``loader(municipality, stdout)``, idempotent; ``load_demo`` calls it for every demo city (each
    set up as its own site), and the loader loads what its own data has for that city (by its
    code) into that city's sections (``home.sites.city_section``), or nothing. Loaders run by
    ascending ``order`` for each city."""

    name: str
    loader: Callable
    order: int


@dataclass(frozen=True)
class Section:
    """``build(home, municipality) -> Page``: the city's empty section under its Japanese home
    page, idempotent (``setup_city`` calls it on every run); sections are built by ascending ``order``."""

    name: str
    build: Callable
    order: int
    model: str = ""  # "app_label.ModelName" of the section page
    has_content: Callable | None = None  # has_content(page) -> bool: False hides an empty section


@dataclass
class Role:
    """A staff group's rights, gathered from every app that contributes to it.

    ``apps``: every model of these app labels; ``models``: ``"app_label.model"``;
    ``permissions``: ``"app_label.codename"``; ``pages``: ``{"home" | "translations": codenames}``
    on the home pages; ``section_pages``: ``{app_label: codenames}`` on every page of that app;
    ``collections``: images and documents in the root collection; ``demo_username``: the demo
    user ``load_demo`` creates in this group.
    """

    apps: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    permissions: list[str] = field(default_factory=list)
    pages: dict[str, list[str]] = field(default_factory=dict)
    section_pages: dict[str, list[str]] = field(default_factory=dict)
    collections: bool = False
    demo_username: str = ""


_home_panels: dict[str, HomePanel] = {}
_demo_loaders: dict[str, DemoLoader] = {}
_roles: dict[str, Role] = {}
_sections: dict[str, Section] = {}


def register_home_panel(template: str, order: int) -> None:
    """Show *template* on the home page; panels are shown by ascending *order*."""
    _home_panels[template] = HomePanel(template, order)


def home_panels() -> list[HomePanel]:
    return sorted(_home_panels.values(), key=lambda panel: panel.order)


def register_demo_loader(name: str, loader: Callable, order: int) -> None:
    """Have ``load_demo`` call ``loader(municipality, stdout)`` for each demo city after the kernel's demo,
    by ascending *order*; the loader does nothing for a city its data does not cover."""
    _demo_loaders[name] = DemoLoader(name, loader, order)


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo_loaders.values(), key=lambda loader: loader.order)


def register_section(
    name: str, build: Callable, order: int, *, model: str = "", has_content: Callable | None = None
) -> None:
    """Have ``setup_city`` give every city this section: ``build(home, municipality)``.

    With *model* (the section page's ``"app_label.ModelName"``) and ``has_content(page)``, a city's
    section with nothing in it yet is left out of the menu and the home page's list (residents
    would find an empty page); editors still find it in the admin.
    """
    _sections[name] = Section(name, build, order, model, has_content)


def section_has_content(page) -> bool:
    """False only for a section page whose registered ``has_content`` says it is empty."""
    for section in _sections.values():
        if section.has_content and section.model.lower() == page._meta.label_lower:
            return section.has_content(page)
    return True


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: section.order)


def register_role(
    name: str,
    *,
    apps: list[str] = (),
    models: list[str] = (),
    permissions: list[str] = (),
    pages: dict[str, list[str]] | None = None,
    section_pages: dict[str, list[str]] | None = None,
    collections: bool = False,
    demo_username: str = "",
) -> Role:
    """Create the staff group *name*, or add rights to it (each app adds its own)."""
    role = _roles.setdefault(name, Role())
    role.apps += [label for label in apps if label not in role.apps]
    role.models += [model for model in models if model not in role.models]
    role.permissions += [permission for permission in permissions if permission not in role.permissions]
    role.pages.update(pages or {})
    role.section_pages.update(section_pages or {})
    role.collections = role.collections or collections
    role.demo_username = role.demo_username or demo_username
    return role


def roles() -> dict[str, Role]:
    return dict(_roles)
