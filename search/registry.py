"""Which models the site search looks in, and how each kind of result is shown.

A content type becomes searchable with one line in its app's ``apps.py`` ``ready()``; the label
and the place of its kind among the filters come with it::

    search.registry.register(SortingItem, "garbage", label=_("Garbage sorting"), order=40)

The model needs ``search_fields`` (use ``japanese.index.JapaneseSearchField`` for text) and, if
it has a ``locale``, ``index.FilterField("locale")``. Pages are searched as ``"pages"`` unless
their class (or a parent class) is registered under a kind of its own.

Each request searches only the requested site (``home.sites``): pages in the site's tree (every
language), and for other data the rows of the site's municipality, given when registering::

    registry.register(SortingItem, "garbage", municipality_field="municipality")
    registry.register(Nursery, "nurseries", municipality_field="facility__municipality")

or, where one field does not say it, ``scope=lambda queryset, request: ...``. A kind that gives
neither is shared by every site (say so where you register it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SearchableType:
    model: type
    kind: str
    label: str
    queryset: Callable | None = None  # () -> QuerySet of what residents may see
    url: Callable | None = None  # (obj, request) -> str
    location: Callable | None = None  # obj -> (lat, lng) or None
    order: int = 100  # kinds are offered and grouped by ascending order, then registration order
    municipality_field: str | None = None  # the lookup to the row's Municipality, e.g. "municipality"
    scope: Callable | None = None  # (queryset, request) -> the part the requested site shows
    # A related object whose name says what the thing is (a facility's category: AED, 避難所): a
    # query word matching that name finds every object in it, as if the name were in its title.
    category_field: str | None = None
    # obj -> (first day, last day) for dated content (events): past ones rank below current ones,
    # and objects of the same title (one page per date of a repeating event) are one result.
    dates: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def is_page(self) -> bool:
        from wagtail.models import Page

        return issubclass(self.model, Page)

    def base_queryset(self):
        """What residents may see of the model: pages by ``home.visibility`` (a non-page kind's
        ``queryset`` goes through ``home.visibility.resident_rows`` when its rows hang off a page)."""
        from home.visibility import searchable_resident_pages

        if self.queryset is not None:
            return self.queryset()
        if self.is_page:
            return searchable_resident_pages(self.model.objects.all())
        return self.model._default_manager.all()

    def site_queryset(self, request):
        """What a resident of the requested site may find: ``base_queryset`` of that site only
        (its pages; the rows of its municipality). ``request=None`` is the default site."""
        from home.sites import request_municipality, request_pages_q

        queryset = self.base_queryset()
        if self.is_page:
            queryset = queryset.filter(request_pages_q(request))
        if self.municipality_field:
            queryset = queryset.filter(**{self.municipality_field: request_municipality(request)})
        if self.scope is not None:
            queryset = self.scope(queryset, request)
        return queryset


_registry: dict[type, SearchableType] = {}


def register(
    model: type,
    kind: str,
    *,
    label: str | None = None,
    order: int = 100,
    queryset: Callable | None = None,
    url: Callable | None = None,
    location: Callable | None = None,
    municipality_field: str | None = None,
    scope: Callable | None = None,
    category_field: str | None = None,
    dates: Callable | None = None,
) -> SearchableType:
    """Make *model* searchable as *kind* (``"pages"``, or a domain's own kind) under *label*.

    *municipality_field* (a lookup such as ``"municipality"``) or *scope* (``(queryset, request)
    -> queryset``) keep a non-page model's results to the requested site's municipality; pages
    are always kept to the requested site's tree. *category_field* (a foreign key whose object's
    ``str`` names the category) lets a query find the objects of a category by its name;
    *dates* (``obj -> (first day, last day)``) marks dated content (see ``docs/search.md#ranking``).
    """
    entry = SearchableType(
        model=model,
        kind=kind,
        label=label or kind,
        order=order,
        queryset=queryset,
        url=url,
        location=location,
        municipality_field=municipality_field,
        scope=scope,
        category_field=category_field,
        dates=dates,
    )
    _registry[model] = entry
    return entry


def unregister(model: type) -> None:
    _registry.pop(model, None)


def position(lat_field: str, lng_field: str) -> Callable:
    """obj -> (lat, lng) from two of its fields, or None where either is missing."""

    def located(obj):
        lat, lng = getattr(obj, lat_field), getattr(obj, lng_field)
        return None if lat is None or lng is None else (lat, lng)

    return located


def register_pages() -> None:
    """Pages of every type, unless a page class registers a kind of its own."""
    from wagtail.models import Page

    if Page not in _registry:
        register(Page, "pages", label=_("Pages"), order=0)


def entries() -> list[SearchableType]:
    return list(_registry.values())


def kinds() -> dict[str, str]:
    """{kind: label} of every registered kind, by ascending order (pages first)."""
    ordered = {}
    for entry in sorted(_registry.values(), key=lambda entry: entry.order):
        ordered.setdefault(entry.kind, entry.label)
    return ordered


def entry_for(obj_or_model) -> SearchableType | None:
    """The registration that applies to an object or model: its own class or nearest parent's."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None
