"""When the search service (``SEARCH_URL``: Elasticsearch, OpenSearch) cannot be reached, residents'
searches run on the database index instead, with a warning in the log, and the service is left
alone for ``SEARCH_RETRY_SECONDS`` before it is tried again.

With ``SEARCH_URL`` set, the settings keep a second search backend, ``database``, which Wagtail
updates on every save as it does the service's index, so the fallback finds what the service
finds (``update_index`` fills both). docs/deployment.md, "When a service is down".
"""

from __future__ import annotations

import functools
import logging
import time

from django.conf import settings
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"
_state = {"down_until": 0.0}


def has_fallback() -> bool:
    return bool(settings.SEARCH_URL) and FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


def search_backend():
    """The search service, or the database index while the service is down."""
    if has_fallback() and time.monotonic() < _state["down_until"]:
        return get_search_backend(FALLBACK_BACKEND)
    return get_search_backend()


def service_errors() -> tuple[type[Exception], ...]:
    """What the Elasticsearch and OpenSearch clients raise when the cluster cannot answer."""
    errors: list[type[Exception]] = []
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:
        pass
    try:
        from opensearchpy.exceptions import TransportError as OpenSearchTransportError

        errors.append(OpenSearchTransportError)
    except ImportError:
        pass
    return tuple(errors)


def falls_back_to_database(function):
    """Runs *function* again on the database index when the search service fails."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except service_errors():
            if not has_fallback():
                raise
            _state["down_until"] = time.monotonic() + settings.SEARCH_RETRY_SECONDS
            logger.warning("The search service cannot be reached: searching the database index.", exc_info=True)
            return function(*args, **kwargs)

    return wrapper
