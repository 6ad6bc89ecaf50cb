"""/api/v1/nurseries: nurseries with the places of the latest published notice, and their history."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from geo.formatting import api_metres
from home.api import LimitParam, ListOut, LocaleParam, OffsetParam, listing, page_url, resolve_locale
from home.sites import answering_municipality
from home.visibility import resident_rows

from .dates import AGE_CLASSES
from .finder import FilterError, NurseryFilters, find_nurseries, localized_pages, vacancy_history
from .importers import AgeVacancy, Availability
from .models import Nursery, NurseryKind

router = Router(tags=["nurseries"])

AGE_KEYS = [str(age) for age in AGE_CLASSES]


class VacancyOut(Schema):
    as_of: date = Field(description="The date of the notice (…現在).")
    by_age: dict[str, int | None] = Field(
        description='Open places per age class, "0" to "5": a number (0 = full), or null when the nursery has '
        "no class of that age or gave no number (see status_by_age)."
    )
    status_by_age: dict[str, str] = Field(
        description='Per age class: "places" (a number is given), "few" (若干: open, number not given) or '
        '"no_class" (the nursery has no class of that age).'
    )
    has_vacancy: bool = Field(description="A place is open in some age class (in the asked age class with `age`).")
    stale: bool = Field(description="The notice's month is over: places may have changed since.")


HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class HoursOut(Schema):
    opens_at: str | None = Field(pattern=HHMM, description="Opening time, HH:MM (Japan time); null when unknown.")
    closes_at: str | None = Field(pattern=HHMM, description="Closing time, HH:MM (Japan time); null when unknown.")
    extended_care: bool = Field(description="延長保育")
    temporary_care: bool = Field(description="一時預かり")
    holiday_care: bool = Field(description="休日保育")


class NurseryOut(Schema):
    id: int
    facility_id: int
    name: str
    category: str = Field(description="The facility category.")
    type: str = Field(
        description="licensed (認可保育所), certified (認定こども園), small (小規模保育事業), home (家庭的保育), workplace (事業所内保育)."
    )
    type_name: str
    ward: str
    address: str
    lat: float | None
    lng: float | None
    distance_m: int | None = Field(description="Metres from lat/lng, when given.")
    url: str
    age_classes: list[int]
    hours: HoursOut
    contact: str = Field(description="Where parents apply.")
    vacancy: VacancyOut | None = Field(description="From the latest published notice; null if none lists it.")


class HistoryOut(Schema):
    as_of: date
    by_age: dict[str, int | None]
    status_by_age: dict[str, str]
    has_vacancy: bool


class HistoryListOut(ListOut[HistoryOut]):
    nursery: int
    name: str


def _municipality_id(request, code: str | None = None) -> int:
    """The requested site's city: every route answers for it alone (home/sites.py); 0 (no
    nursery) before any city is set up."""
    try:
        municipality = answering_municipality(request, code)
    except ValueError as problem:
        raise HttpError(422, str(problem)) from None
    except LookupError as problem:
        raise HttpError(404, str(problem)) from None
    return municipality.pk if municipality is not None else 0


def vacancy_out(by_age: dict[int, AgeVacancy], as_of: date, age: int | None, today: date) -> dict:
    from .dates import notice_is_stale

    has = by_age[age].has_vacancy if age is not None else any(cell.has_vacancy for cell in by_age.values())
    return {
        "as_of": as_of,
        "by_age": {
            str(a): (cell.places if cell.availability == Availability.PLACES else None) for a, cell in by_age.items()
        },
        "status_by_age": {str(a): cell.availability.value for a, cell in by_age.items()},
        "has_vacancy": has,
        "stale": notice_is_stale(as_of, today),
    }


def _text(page, *names) -> str:
    for name in names:
        value = getattr(page, name, None)
        if value:
            return str(value)
    return ""


def nursery_out(result, age: int | None, today: date, request) -> dict:
    nursery, page = result.nursery, result.page
    facility = nursery.facility
    category = getattr(facility, "category", None)
    return {
        "id": nursery.pk,
        "facility_id": facility.pk,
        "name": page.title,
        "category": str(category) if category else "",
        "type": nursery.kind,
        "type_name": str(NurseryKind(nursery.kind).label),
        "ward": nursery.ward,
        "address": _text(page, "address"),
        "lat": facility.latitude,
        "lng": facility.longitude,
        "distance_m": api_metres(result.distance_m, whole=True),
        "url": page_url(request, page),
        "age_classes": nursery.ages,
        "hours": {
            "opens_at": nursery.opens_at.strftime("%H:%M") if nursery.opens_at else None,
            "closes_at": nursery.closes_at.strftime("%H:%M") if nursery.closes_at else None,
            "extended_care": nursery.extended_care,
            "temporary_care": nursery.temporary_care,
            "holiday_care": nursery.holiday_care,
        },
        "contact": nursery.contact,
        "vacancy": vacancy_out(result.by_age, result.counts.as_of, age, today) if result.counts else None,
    }


@router.get(
    "/nurseries",
    response=ListOut[NurseryOut],
    summary="Nurseries with their open places",
    description="Nurseries with the places per age class of the latest published vacancy notice of their "
    "municipality. With lat/lng: within radius_m (default 5000), nearest first.",
)
def list_nurseries(
    request,
    locale: LocaleParam = "ja",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
    lat: Annotated[float | None, Query(description="Latitude (WGS84) of the parent's position.")] = None,
    lng: Annotated[float | None, Query(description="Longitude (WGS84).")] = None,
    radius_m: Annotated[float | None, Query(description="Metres around lat/lng (at most 100000).")] = None,
    age: Annotated[int | None, Query(description="Age class 0–5 (the age on April 1 of the fiscal year).")] = None,
    birth_date: Annotated[date | None, Query(description="The child's birth date, turned into the age class.")] = None,
    has_vacancy: Annotated[
        bool, Query(description="Only nurseries with a place (in the `age` class if given).")
    ] = False,
    type: Annotated[str | None, Query(description="Nursery type: " + ", ".join(NurseryKind.values))] = None,  # noqa: A002
    ward: Annotated[str | None, Query(description="Ward or area, e.g. 鶴見区.")] = None,
    municipality: Annotated[
        str | None,
        Query(
            description="6-digit local government code of this site's city (optional: every answer is for the "
            "city of the site asked; another city's code is a 404)."
        ),
    ] = None,
):
    locale_obj = resolve_locale(locale)
    filters = NurseryFilters(
        age=age,
        birth_date=birth_date,
        kind=type,
        ward=ward,
        has_vacancy=has_vacancy,
        lat=lat,
        lng=lng,
        radius_m=radius_m,
    )
    filters.municipality_id = _municipality_id(request, municipality)
    today = timezone.localdate()
    try:
        with translation.override("en"):  # the API's reasons are English, like its other errors
            results = find_nurseries(filters, locale=locale_obj, limit=limit, offset=offset, today=today)
    except FilterError as reason:
        raise HttpError(400, f"{reason.field}: {reason}" if reason.field else str(reason)) from None
    return listing(
        request, (nursery_out(r, results.age, today, request) for r in results.items), results.count, offset, limit
    )


@router.get(
    "/nurseries/{nursery_id}/vacancies",
    response=HistoryListOut,
    summary="A nursery's vacancy history",
    description="Open places per age class in every published notice, newest first.",
)
def nursery_vacancies(
    request, nursery_id: int, locale: LocaleParam = "ja", limit: LimitParam = 100, offset: OffsetParam = 0
):
    locale_obj = resolve_locale(locale)
    nurseries = Nursery.objects.select_related("facility").filter(municipality_id=_municipality_id(request))
    nursery = get_object_or_404(resident_rows(nurseries, "facility"), pk=nursery_id)
    page = localized_pages([nursery.facility], locale_obj).get(nursery.facility.translation_key, nursery.facility)
    rows = vacancy_history(nursery)
    items = [
        {k: v for k, v in vacancy_out(row.by_age(), row.as_of, None, timezone.localdate()).items() if k != "stale"}
        for row in rows[offset : offset + limit]
    ]
    return {**listing(request, items, len(rows), offset, limit), "nursery": nursery.pk, "name": page.title}
