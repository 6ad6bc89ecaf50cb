"""How deep a resident or a client may page through a list: the bounded cost of every list.

A page number or an offset costs the database the rows before it, so each list stops at a
result window: pages beyond :data:`MAX_PAGE_RESULTS` are clamped to the last page of the window
(a resident's link never breaks), API offsets beyond :data:`MAX_OFFSET` are a 422 (a client is
told to narrow the query). Search keeps its own, smaller window (``search.searching.MAX_RESULTS``).
"""

from __future__ import annotations

#: Results a resident can page through in one list page (events, facilities, nurseries).
MAX_PAGE_RESULTS = 3000
#: The furthest ``offset`` an API list accepts (``limit`` is at most 1000 on top).
MAX_OFFSET = 10_000


def page_number(value, page_size: int, max_results: int = MAX_PAGE_RESULTS) -> int:
    """The 1-based page number asked for in *value* (a query-string value), clamped to the pages
    of the result window; anything that is not a number is page 1."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(1, max_results // page_size))
