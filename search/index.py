"""Writing to the search index outside Wagtail's signals."""

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
