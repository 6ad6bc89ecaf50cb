"""The search index outside the search page: objects written without signals, and text filters."""

from __future__ import annotations

from collections import defaultdict


def index_objects(objects) -> None:
    """Add objects written with ``bulk_create`` (which sends no signals) to every search backend,
    so imported data is searchable at once without ``update_index``."""
    from wagtail.search.backends import get_search_backends

    by_model = defaultdict(list)
    for obj in objects:
        by_model[obj._meta.model].append(obj)
    for backend in get_search_backends(with_auto_update=True):
        for model, batch in by_model.items():
            backend.add_bulk(model, batch)


def matching_ids(queryset, q: str) -> list[int]:
    """Primary keys of the objects of *queryset* the site search finds for *q*.

    A list's text filter (``?q=``) then keeps its own SQL filters and order with ``pk__in``, and
    reads what residents type as the search page does: the Japanese analysis of japanese/analysis.py
    (としょかん finds 図書館, ﾏﾙｼｪ finds マルシェ), synonyms included.
    """
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search(q, queryset.only("pk"), order_by_relevance=False)
    return [obj.pk for obj in results]
