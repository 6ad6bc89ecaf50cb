"""The synonym list in force: editors' SynonymGroup snippets, cached and refreshed on every edit.

The cache is Django's (Redis in production), so an edit reaches every app server at once,
without a deploy or a reindex: synonyms are applied to queries, not to the index.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from japanese.analysis import synonym_map

CACHE_KEY = "search:synonyms:v1"
CACHE_SECONDS = 600


def current_synonyms() -> dict[str, list[str]]:
    """{normalised term: the other terms of its groups}, from the database via the cache."""
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        from search.models import SynonymGroup

        mapping = synonym_map(group.term_list for group in SynonymGroup.objects.all())
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def forget_synonyms(**kwargs) -> None:
    cache.delete(CACHE_KEY)


@receiver(post_save, sender="search.SynonymGroup")
@receiver(post_delete, sender="search.SynonymGroup")
def _synonyms_changed(sender, **kwargs):
    forget_synonyms()
