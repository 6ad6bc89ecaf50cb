"""The search index outside the search page: text filters (writing to the index: home/indexing.py)."""

from __future__ import annotations


def matching_ids(queryset, q: str) -> list[int]:
    """Primary keys of the objects of *queryset* the site search finds for *q*.

    A list's text filter (``?q=``) then keeps its own SQL filters and order with ``pk__in``, and
    reads what residents type as the search page does: the Japanese analysis of japanese/analysis.py
    (としょかん finds 図書館, ﾏﾙｼｪ finds マルシェ), synonyms included.
    """
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search(q, queryset.only("pk"), order_by_relevance=False)
    return [obj.pk for obj in results]
