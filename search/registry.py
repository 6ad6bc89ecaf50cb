"""Which models the site search looks in, and how each kind of result is shown.

A content type becomes searchable with one line (in its app's ``apps.py`` ``ready()``, or at
the bottom of its ``models.py``)::

    search.registry.register(GarbageItem, "garbage")

The model needs ``search_fields`` (use ``search.index.JapaneseSearchField`` for text) and, if
it has a ``locale``, ``index.FilterField("locale")``. Pages are searched as ``"pages"`` unless
their class (or a parent class) is registered under a kind of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

#: Kinds a resident can filter by, in the order results are grouped; others follow in
#: registration order.
KIND_LABELS = {
    "pages": _("Pages"),
    "facilities": _("Facilities"),
    "events": _("Events"),
    "nurseries": _("Nurseries"),
    "garbage": _("Garbage sorting"),
}


@dataclass(frozen=True)
class SearchableType:
    model: type
    kind: str
    label: str
    queryset: Callable | None = None  # () -> QuerySet of what residents may see
    url: Callable | None = None  # (obj, request) -> str
    location: Callable | None = None  # obj -> (lat, lng) or None
    extra: dict = field(default_factory=dict)

    @property
    def is_page(self) -> bool:
        from wagtail.models import Page

        return issubclass(self.model, Page)

    def base_queryset(self):
        if self.queryset is not None:
            return self.queryset()
        if self.is_page:
            return self.model.objects.live().public()
        return self.model._default_manager.all()


_registry: dict[type, SearchableType] = {}


def register(
    model: type,
    kind: str,
    *,
    label: str | None = None,
    queryset: Callable | None = None,
    url: Callable | None = None,
    location: Callable | None = None,
) -> SearchableType:
    """Make *model* searchable as *kind* ("pages", "facilities", "events", "nurseries", "garbage", …)."""
    entry = SearchableType(
        model=model,
        kind=kind,
        label=label or KIND_LABELS.get(kind, kind),
        queryset=queryset,
        url=url,
        location=location,
    )
    _registry[model] = entry
    return entry


def unregister(model: type) -> None:
    _registry.pop(model, None)


def _position(lat_field: str, lng_field: str) -> Callable:
    """obj -> (lat, lng) from two of its fields, or None where either is missing."""

    def position(obj):
        lat, lng = getattr(obj, lat_field), getattr(obj, lng_field)
        return None if lat is None or lng is None else (lat, lng)

    return position


_facility_location = _position("latitude", "longitude")


def _nursery_url(nursery, request):
    return nursery.facility.localized.get_url(request) or ""


def _nursery_location(nursery):
    return _facility_location(nursery.facility)


def _sorting_item_url(item, request):
    """The garbage page of the item's city, in the current language, with the dictionary open at it."""
    from urllib.parse import urlencode

    from django.apps import apps
    from wagtail.models import Locale

    cache = getattr(request, "_search_garbage_pages", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._search_garbage_pages = cache
    if item.municipality_id not in cache:
        page_model = apps.get_model("garbage", "GarbageCalendarPage")
        pages = page_model.objects.live().filter(municipality_id=item.municipality_id)
        page = pages.filter(locale=Locale.get_active()).first() or pages.first()
        cache[item.municipality_id] = page.get_url(request) if page else ""
    base = cache[item.municipality_id]
    return f"{base}?{urlencode({'q': item.name})}#dictionary" if base else ""


def register_defaults() -> None:
    """Pages, and the content types that existed when search was built."""
    from django.apps import apps
    from wagtail.models import Page

    if Page not in _registry:
        register(Page, "pages")
    defaults = [
        ("facilities", "FacilityPage", "facilities", {"location": _facility_location}),
        ("events", "EventPage", "events", {"location": _position("lat", "lng")}),
        (
            "nurseries",
            "Nursery",
            "nurseries",
            {
                "queryset": lambda: (
                    apps.get_model("nurseries", "Nursery")
                    .objects.select_related("facility")
                    .filter(facility__live=True)
                ),
                "url": _nursery_url,
                "location": _nursery_location,
            },
        ),
        ("garbage", "SortingItem", "garbage", {"url": _sorting_item_url}),
    ]
    for app_label, model_name, kind, options in defaults:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if model not in _registry:
            register(model, kind, **options)


def entries() -> list[SearchableType]:
    return list(_registry.values())


def kinds() -> dict[str, str]:
    """{kind: label} of every registered kind, pages first."""
    ordered = {kind: label for kind, label in KIND_LABELS.items() if any(e.kind == kind for e in _registry.values())}
    for entry in _registry.values():
        ordered.setdefault(entry.kind, entry.label)
    return ordered


def entry_for(obj_or_model) -> SearchableType | None:
    """The registration that applies to an object or model: its own class or nearest parent's."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None
