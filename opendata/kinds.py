"""The KIND registry: every kind of open data file the portal imports, filled by the domains.

A domain registers its kinds from its ``AppConfig.ready()``::

    kinds.register("aed", import_file, export_file, parse=parse, label="AED設置箇所一覧",
                   permissions=["facilities.add_facilitypage", "facilities.change_facilitypage"])

``import_file(path, municipality, *, skip_invalid, stdout, **options)`` writes in one
transaction and returns an ``ImportReport`` (raising ``ImportFailed`` when strict and anything
is wrong); ``export_file(path, municipality)`` writes the file and returns the rows written
(``municipality`` may be None: all municipalities); ``parse(path)`` reads the file without
writing anything and returns ``(rows, errors)``: the admin preview. ``import_opendata``,
``export_opendata`` and the admin import go through this registry only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    import_file: Callable
    export_file: Callable
    parse: Callable | None
    permissions: tuple[str, ...]

    def can_import(self, user) -> bool:
        """Admin access and the kind's own permissions (those its domain registered)."""
        return user.is_active and user.has_perms(["wagtailadmin.access_admin", *self.permissions])


class UnknownKind(LookupError):
    def __init__(self, kind: str):
        super().__init__(f"Unknown KIND {kind!r}: use one of {', '.join(sorted(REGISTRY))}.")


REGISTRY: dict[str, Kind] = {}


def register(
    kind: str,
    import_file: Callable,
    export_file: Callable,
    *,
    label: str,
    permissions: Iterable[str],
    parse: Callable | None = None,
) -> None:
    """Make *kind* available to import_opendata, export_opendata and the admin import."""
    REGISTRY[kind] = Kind(kind, label, import_file, export_file, parse, tuple(permissions))


def get(kind: str) -> Kind:
    try:
        return REGISTRY[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def importable_by(user) -> list[Kind]:
    """The kinds *user* may import, in name order."""
    return [entry for _, entry in sorted(REGISTRY.items()) if entry.can_import(user)]
