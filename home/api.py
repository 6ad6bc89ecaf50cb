"""Conventions every /api/v1 list follows: ``locale``, ``limit``, ``offset``, and
``{"items": [...], "count": N, "next": URL or null}``.

Domain routers import these so each list behaves the same (see DESIGN.md, Public interfaces).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Generic, Literal, TypeVar

from django.conf import settings
from django.utils import translation
from ninja import Query, Schema
from ninja.errors import HttpError
from pydantic import Field
from wagtail.models import Locale

from home.paging import MAX_OFFSET
from japanese.dates import EARLIEST_DAY, LATEST_DAY

T = TypeVar("T")

MAX_LIMIT = 1000

#: The site's languages, an exact enum in the OpenAPI document (another code is a 422).
LocaleCode = Literal[tuple(code for code, _ in settings.LANGUAGES)]
LocaleParam = Annotated[
    LocaleCode, Query(description="Language of the answer: " + ", ".join(code for code, _ in settings.LANGUAGES))
]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Most items returned (1–{MAX_LIMIT}).")]
OffsetParam = Annotated[
    int,
    Query(
        ge=0,
        le=MAX_OFFSET,
        description=(
            f"Matches skipped before the first item returned (at most {MAX_OFFSET}); follow `next` for the next page."
        ),
    ),
]


def day_param(description: str):
    """An optional ``YYYY-MM-DD`` query parameter within the days the portal answers for
    (:data:`japanese.dates.EARLIEST_DAY`–:data:`~japanese.dates.LATEST_DAY`; outside: a 422)."""
    return Annotated[
        date | None,
        Query(
            ge=EARLIEST_DAY,
            le=LATEST_DAY,
            description=f"{description} YYYY-MM-DD, from {EARLIEST_DAY} to {LATEST_DAY}.",
        ),
    ]


class ErrorOut(Schema):
    """Every error answer: 400, 404, 422 (``errors``: the failed checks), 429 (``retry_after``)."""

    detail: str = Field(description="What is wrong, in words a client developer can act on.")


class ListOut(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="Number of all matches, not only those returned.")
    next: str | None = Field(description="URL of the next page (same query, later `offset`); null on the last.")


def resolve_locale(code: str) -> Locale:
    """The Wagtail locale for a ``locale`` parameter, activating it for translated strings.

    An unknown code is a 400 that names the known ones.
    """
    known = [language for language, _ in settings.LANGUAGES]
    if code not in known:
        raise HttpError(400, f"Unknown locale {code!r}: use one of {', '.join(known)}.")
    translation.activate(code)
    try:
        return Locale.objects.get(language_code=code)
    except Locale.DoesNotExist:
        raise HttpError(400, f"Locale {code!r} is not set up on this site.") from None


def absolute_url(request, url: str | None) -> str:
    """*url* (a path, or a URL of another site) as an absolute URL on the requested scheme and host."""
    return request.build_absolute_uri(url) if url else ""


def page_url(request, page) -> str:
    """The page's absolute URL on the host the client asked, not the Site's stored hostname."""
    return absolute_url(request, page.get_url(request))


def next_url(request, offset: int, limit: int, count: int) -> str | None:
    """The request's own URL with ``offset`` moved one page on, or None when no match is left."""
    if offset + limit >= count or offset + limit > MAX_OFFSET:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset + limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def listing(request, items, count: int, offset: int, limit: int) -> dict:
    """One page of a list: *items* are already the page (``[offset:offset + limit]`` of all *count*)."""
    return {"items": list(items), "count": count, "next": next_url(request, offset, limit, count)}
