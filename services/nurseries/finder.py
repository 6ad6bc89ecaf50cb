"""Finding nurseries for a parent: filters, the latest notice's places, distance, history.

One place for the nursery page and the API, so both answer alike. The number of queries
does not grow with the number of nurseries or notices (tests/services/nurseries/test_queries.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from geo.formatting import format_distance
from geo.nearest import nearest
from geo.points import MAX_RADIUS_M, validate_point
from home.formats import local_date
from home.visibility import resident_pages, resident_rows
from japanese.analysis import reading_key

from .dates import AGE_CLASSES, age_class, fiscal_year, nursery_age_class
from .models import Nursery, NurseryKind, VacancyCount, VacancyNotice

DEFAULT_RADIUS_M = 5_000

# Only what lists show: facility pages are wide rows, and 1,000 of them in full take seconds.
NURSERY_FIELDS = [
    "municipality_id",
    "facility_id",
    "number",
    "kind",
    "ward",
    "age_classes",
    "opens_at",
    "closes_at",
    "extended_care",
    "temporary_care",
    "holiday_care",
    "contact",
]
FACILITY_FIELDS = [
    f"facility__{name}"
    for name in (
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "locale_id",
        "translation_key",
        "live",
        "content_type_id",
        "address",
        "latitude",
        "longitude",
        "category_id",
    )
]


class FilterError(ValueError):
    """A filter a parent or a client gave that cannot be used; the message says why, in the
    active language. ``field`` names the filter at fault (``birth_date``, ``lat``…), so a page
    can show the message next to it and keep the other filters."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class NurseryFilters:
    age: int | None = None
    birth_date: date | None = None
    kind: str | None = None
    ward: str | None = None
    has_vacancy: bool = False
    lat: float | None = None
    lng: float | None = None
    radius_m: float | None = None
    municipality_id: int | None = None

    def validate(self, on: date) -> NurseryFilters:
        """Check the combination and turn a birth date into the age class; FilterError if wrong."""
        if self.age is not None and self.age not in AGE_CLASSES:
            raise FilterError(_("The age class must be from 0 to 5, not %(age)s.") % {"age": self.age}, "age")
        if self.birth_date is not None:
            if self.birth_date > on:
                raise FilterError(
                    _("The birth date is after the date of the notice (%(date)s). Check the year.")
                    % {"date": local_date(on)},
                    "birth_date",
                )
            try:
                age = nursery_age_class(self.birth_date, on)
            except ValueError:
                raise FilterError(
                    _("A child born on %(birth)s is in the age %(class)d class this year; nurseries take ages 0 to 5.")
                    % {"birth": local_date(self.birth_date), "class": age_class(self.birth_date, fiscal_year(on))},
                    "birth_date",
                ) from None
            if self.age is not None and self.age != age:
                raise FilterError(
                    _("A child born on %(birth)s is in the age %(class)d class, not age %(age)d.")
                    % {"birth": local_date(self.birth_date), "class": age, "age": self.age},
                    "birth_date",
                )
            self.age = age
        if self.kind and self.kind not in NurseryKind.values:
            raise FilterError(
                _("The type must be one of %(kinds)s.") % {"kinds": ", ".join(NurseryKind.values)}, "type"
            )
        if (self.lat is None) != (self.lng is None):
            raise FilterError(_("Give lat and lng together."), "lat")
        if self.radius_m is not None and self.lat is None:
            raise FilterError(_("A distance needs a position (lat and lng) or an address."), "radius_m")
        if self.lat is not None:
            try:
                validate_point(self.lat, self.lng)
            except ValueError as reason:
                raise FilterError(str(reason), "lat") from None
            if self.radius_m is not None and not 0 < self.radius_m <= MAX_RADIUS_M:
                raise FilterError(
                    _("The distance must be more than 0 and at most %(max)d m.") % {"max": MAX_RADIUS_M}, "radius_m"
                )
        return self

    @property
    def near(self) -> bool:
        return self.lat is not None


@dataclass
class NurseryResult:
    nursery: Nursery
    page: object  # the facility page in the reader's language (or the source page)
    counts: VacancyCount | None
    distance_m: float | None = None

    @property
    def distance_text(self) -> str:
        return format_distance(self.distance_m) if self.distance_m is not None else ""

    @property
    def by_age(self):
        return self.counts.by_age() if self.counts else None


@dataclass
class NurseryResults:
    items: list[NurseryResult]
    count: int
    notices: dict[int, VacancyNotice] = field(default_factory=dict)  # municipality id → latest notice
    age: int | None = None

    @property
    def as_of(self) -> date | None:
        dates = [notice.as_of for notice in self.notices.values()]
        return min(dates) if dates else None


def latest_notices(municipality_id: int | None = None) -> dict[int, VacancyNotice]:
    """{municipality id: its latest published notice} in one query."""
    notices = VacancyNotice.objects.published().defer("counts").order_by("municipality_id", "-as_of")
    if municipality_id is not None:
        notices = notices.filter(municipality_id=municipality_id)
    latest: dict[int, VacancyNotice] = {}
    for notice in notices:
        latest.setdefault(notice.municipality_id, notice)
    return latest


def find_nurseries(
    filters: NurseryFilters,
    *,
    locale: Locale | None = None,
    limit: int | None = None,
    offset: int = 0,
    today: date | None = None,
) -> NurseryResults:
    """The nurseries matching *filters* with their places in the latest notice, nearest first
    when a position is given, otherwise in ``list_order``."""
    notices = latest_notices(filters.municipality_id)
    notice_ids = [notice.pk for notice in notices.values()]
    as_of = max((n.as_of for n in notices.values()), default=None) or today or timezone.localdate()
    filters.validate(as_of)

    nurseries = (
        resident_rows(Nursery.objects.all(), "facility")
        .select_related("facility__category", "municipality")
        .only(*NURSERY_FIELDS, *FACILITY_FIELDS, "facility__category__name", "municipality__name")
    )
    if filters.municipality_id is not None:
        nurseries = nurseries.filter(municipality_id=filters.municipality_id)
    if filters.kind:
        nurseries = nurseries.filter(kind=filters.kind)
    if filters.ward:
        nurseries = nurseries.filter(ward=filters.ward)
    if filters.age is not None:
        nurseries = nurseries.offering_age(filters.age)
    if filters.has_vacancy:
        open_rows = VacancyCount.objects.filter(nursery=OuterRef("pk"), notice_id__in=notice_ids)
        open_rows = (
            open_rows.filter(VacancyCount.open_for_age(filters.age))
            if filters.age is not None
            else open_rows.filter(has_vacancy=True)
        )
        nurseries = nurseries.filter(Exists(open_rows))

    if filters.near:
        radius = filters.radius_m or DEFAULT_RADIUS_M
        found, count = nearest(
            nurseries,
            (filters.lat, filters.lng),
            radius,
            limit=limit or None,
            offset=offset,
            lat_field="facility__latitude",
            lng_field="facility__longitude",
        )
        pairs = [(nursery, nursery.distance_m) for nursery in found]
    else:
        ordered = list_order(nurseries.values_list("pk", "municipality_id", "ward", "facility__title"))
        count = len(ordered)
        chosen = ordered[offset : offset + limit if limit else None]
        by_pk = nurseries.in_bulk(chosen)
        pairs = [(by_pk[pk], None) for pk in chosen]

    ids = [nursery.pk for nursery, _ in pairs]
    counts = {c.nursery_id: c for c in VacancyCount.objects.filter(notice_id__in=notice_ids, nursery_id__in=ids)}
    pages = localized_pages([nursery.facility for nursery, _ in pairs], locale)
    items = [
        NurseryResult(
            nursery, pages.get(nursery.facility.translation_key, nursery.facility), counts.get(nursery.pk), metres
        )
        for nursery, metres in pairs
    ]
    return NurseryResults(items=items, count=count, notices=notices, age=filters.age)


def localized_pages(pages, locale: Locale | None) -> dict:
    """{translation key: the live translation in *locale*} for the given source pages, one query."""
    if locale is None or not pages:
        return {}
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    if not keys:
        return {}
    model = type(pages[0])
    return {
        page.translation_key: page
        for page in resident_pages(model.objects.filter(translation_key__in=keys, locale=locale))
    }


def vacancy_history(nursery: Nursery, limit: int | None = None):
    """The nursery's places in every published notice, newest first (one query)."""
    notices = VacancyNotice.objects.published().values("pk")
    rows = VacancyCount.objects.filter(nursery=nursery, notice__in=notices).order_by("-as_of", "-pk")
    return list(rows[:limit] if limit else rows)


def list_order(rows) -> list[int]:
    """Nursery ids of (pk, municipality id, ward, name) rows in the order a parent reads a city's
    list: by ward in the city's own order (the order its files list them: 鶴見区, 神奈川区, 西区 …
    for 横浜市), then by name in 五十音 order (the reading, so 漢字 and かな names interleave)."""
    rows = list(rows)
    ward_rank: dict[tuple[int, str], int] = {}
    for pk, municipality_id, ward, _name in rows:
        key = (municipality_id, ward)
        ward_rank[key] = min(pk, ward_rank.get(key, pk))
    return [
        pk
        for pk, municipality_id, ward, name in sorted(
            rows, key=lambda row: (row[1], ward_rank[(row[1], row[2])], name_key(row[3]), row[0])
        )
    ]


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A nursery name's reading (cached: a city's list sorts the same names on every request)."""
    return reading_key(name)


def wards(municipality_id: int | None = None) -> list[str]:
    """The city's wards or areas, in the city's own order (as ``list_order``)."""
    nurseries = Nursery.objects.exclude(ward="")
    if municipality_id is not None:
        nurseries = nurseries.filter(municipality_id=municipality_id)
    first = {}
    for pk, ward in nurseries.order_by("pk").values_list("pk", "ward"):
        first.setdefault(ward, pk)
    return list(first)
