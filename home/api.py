"""Conventions every /api/v1 list follows: ``locale``, ``limit``, and ``{"items": [...], "count": N}``.

Domain routers import these so each list behaves the same (see DESIGN.md, Public interfaces).
"""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from django.conf import settings
from django.utils import translation
from ninja import Query, Schema
from ninja.errors import HttpError
from pydantic import Field
from wagtail.models import Locale

T = TypeVar("T")

MAX_LIMIT = 1000

LocaleParam = Annotated[
    str, Query(description="Language of the answer: " + ", ".join(code for code, _ in settings.LANGUAGES))
]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Most items returned (1–{MAX_LIMIT}).")]


class ListOut(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="Number of all matches, not only those returned.")


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


def listing(items, count: int) -> dict:
    return {"items": list(items), "count": count}
