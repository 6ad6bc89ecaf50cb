"""``GET /api/v1/search``: site search for apps and other systems (same engine as the search page)."""

import datetime
from typing import Annotated

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from home.api import LimitParam, ListOut, LocaleParam, OffsetParam, absolute_url, listing, resolve_locale
from japanese.analysis import MAX_QUERY_CHARS, only_function_words
from search import registry
from search.searching import MAX_ITEMS, MAX_RESULTS, log_query, site_search

router = Router(tags=["search"])


class SearchItem(Schema):
    title: str
    url: str = Field(description="Absolute URL of the result, on the host the request was sent to.")
    type: str = Field(description="Kind of content: pages, facilities, events, nurseries, garbage, …")
    snippet: str = Field(description="Plain-text excerpt around the first match.")
    date: datetime.date | None = Field(
        None, description="Dated content (events): the next day it takes place, or else its last one."
    )
    past: bool = Field(False, description="Dated content that is over.")


class SearchOut(ListOut[SearchItem]):
    not_found: list[str] = Field(
        default_factory=list,
        description="Words of `q` that match nothing on the site; the results are for the other words.",
    )


QParam = Annotated[
    str,
    Query(
        description=(
            "What to search for, in any script (ひらがな, カタカナ, 漢字, half/full width) or English. "
            f"Space-separated words are all required. At most {MAX_QUERY_CHARS * 2} characters."
        ),
    ),
]
TypeParam = Annotated[str, Query(description="Only this kind of result (see `type` of the items).")]


@router.get(
    "/search",
    response=SearchOut,
    summary="Search the site",
    description=(
        "Pages, facilities, events, nurseries and garbage items of the requested site's municipality "
        "matching `q`, most relevant first. Bounded cost: one answer carries at most "
        f"{MAX_ITEMS} items (a larger `limit` is clamped; follow `next`), the first {MAX_RESULTS} matches "
        "of each kind can be paged through (a larger `offset` is a 422; `count` still says how many match), "
        "and a query of particles alone (の, は, を) is a 422 asking for a word."
    ),
)
def search(
    request,
    q: QParam,
    type: TypeParam = "",
    locale: LocaleParam = "ja",
    limit: LimitParam = 20,
    offset: OffsetParam = 0,
):
    if len(q) > MAX_QUERY_CHARS * 2:
        raise HttpError(400, f"q is too long: at most {MAX_QUERY_CHARS * 2} characters.")
    if "\x00" in q:
        raise HttpError(400, "q contains a NUL character.")
    kinds = registry.kinds()
    if type and type not in kinds:
        raise HttpError(400, f"Unknown type {type!r}: use one of {', '.join(kinds)}.")
    resolve_locale(locale)
    if only_function_words(q):
        raise HttpError(422, f"q {q!r} is only particles (の, は, を …), found in nearly every page: add a word.")
    if offset >= MAX_RESULTS:
        raise HttpError(422, f"offset: search answers the first {MAX_RESULTS} matches; narrow the query instead.")
    limit = min(limit, MAX_ITEMS, MAX_RESULTS - offset)
    # Each kind is ranked by its backend: the first offset + limit of each are enough to merge this page.
    outcome = site_search(
        q, language_code=locale, kind=type or None, limit=offset + limit, request=request, with_help=False
    )
    if q.strip():
        log_query(q, locale, outcome.total, request)
    items = [
        {
            "title": hit.title,
            "url": absolute_url(request, hit.url),
            "type": hit.kind,
            "snippet": hit.snippet,
            "date": hit.date,
            "past": hit.past,
        }
        for hit in outcome.hits[offset : offset + limit]
    ]
    answer = {**listing(request, items, outcome.total, offset, limit), "not_found": list(outcome.not_found)}
    if offset + limit >= MAX_RESULTS:
        answer["next"] = None  # the end of the result window
    return answer
