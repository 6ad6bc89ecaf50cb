"""Search backend entry point named by WAGTAILSEARCH_BACKENDS (replaced by the search app's own)."""

from modelsearch.backends.database import SearchBackend  # noqa: F401
