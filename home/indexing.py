"""Writing to the search index outside Wagtail's save signals: objects written with
``bulk_create``, and bulk loads that index once at the end instead of at every save."""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save


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


_deferring: list[dict] = []  # the objects saved in the outermost ``indexing_deferred`` block, by model


@contextmanager
def indexing_deferred():
    """Within the block, each saved object is indexed once, in batches, when the block ends,
    instead of at every save (the database backend rewrites its title norms at each write: a demo
    load spent half its time there). For one process's bulk loads (``load_demo``): the index's
    save handlers are swapped for the whole process while the block runs. Deletions are still
    removed from the index at once; when the block raises, nothing is indexed (its rows roll back)."""
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_save_signal_handler

    if _deferring:  # nested: the outermost block indexes
        yield
        return
    saved: dict = defaultdict(set)
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    _deferring.append(saved)
    try:
        yield
    finally:
        _deferring.pop()
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    index_objects(
        indexed
        for model, keys in saved.items()
        for obj in model.get_indexed_objects().filter(pk__in=keys).iterator()
        if (indexed := obj.get_indexed_instance()) is not None
    )
