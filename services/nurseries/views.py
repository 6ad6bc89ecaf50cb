"""The nursery page residents use: filters, the latest notice as a table and a map, and a
nursery's own page with its vacancy history. Served by NurseryIndexPage's routes."""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from geo.geocoding import geocode, location_level, location_matched, ward_choices
from geo.maps import map_features
from home.visibility import resident_rows

from .dates import AGE_CLASSES, notice_is_stale
from .finder import FilterError, NurseryFilters, find_nurseries, localized_pages, vacancy_history, wards
from .models import Nursery, NurseryKind

RADIUS_CHOICES = [(1000, "1 km"), (2000, "2 km"), (5000, "5 km"), (10000, "10 km"), (30000, "30 km")]
# 50 nurseries a page: 横浜市 has 1,221, which on one phone page ran to 40,000 px.
PAGE_SIZE = 50


class NurseryFilterForm(forms.Form):
    age = forms.TypedChoiceField(
        label=gettext_lazy("Child's age class"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Any age"))]
        + [(age, gettext_lazy("Age %(age)d") % {"age": age}) for age in AGE_CLASSES],
    )
    birth_date = forms.DateField(
        label=gettext_lazy("or birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Turned into the age class as cities count it: the age on April 1."),
    )
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    ward = forms.ChoiceField(label=gettext_lazy("Ward or area"), required=False)
    vacancy = forms.BooleanField(label=gettext_lazy("Only with places open (空きあり)"), required=False)
    address = forms.CharField(
        label=gettext_lazy("Near this address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    radius_m = forms.TypedChoiceField(
        label=gettext_lazy("Within"), required=False, coerce=int, empty_value=None, choices=RADIUS_CHOICES, initial=5000
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)

    def __init__(self, data=None, *args, ward_choices=(), **kwargs):
        if data is not None and not data.get("radius_m"):
            # A search by ward alone sends no distance; show the default, not the first choice (1 km).
            data = data.copy()
            data["radius_m"] = str(self.base_fields["radius_m"].initial)
        super().__init__(data, *args, **kwargs)
        self.fields["type"].choices = [("", _("Any type"))] + list(NurseryKind.choices)
        self.fields["ward"].choices = [("", _("Anywhere"))] + [(ward, ward) for ward in ward_choices]


def city_id(page, request) -> int:
    """The id of the page's city (its own, else the site's); 0, which matches nothing, without one."""
    municipality = page.municipality_for(request)
    return municipality.pk if municipality is not None else 0


# Which form field shows a FilterError about a filter, and which filters go with it.
FILTER_FIELDS = {
    "age": ("age", ["age"]),
    "birth_date": ("birth_date", ["birth_date"]),
    "type": ("type", ["kind"]),
    "lat": ("address", ["lat", "lng", "radius_m"]),
    "radius_m": ("radius_m", ["radius_m"]),
}


def filters_from_form(form: NurseryFilterForm, filters: NurseryFilters, municipality) -> str:
    """Fill *filters* from every field the resident filled in correctly (a wrong one keeps its
    error and is left out, the others still apply); the matched address, if one was typed."""
    form.is_valid()
    data = form.cleaned_data
    filters.age = data.get("age")
    filters.birth_date = data.get("birth_date")
    filters.kind = data.get("type") or None
    filters.ward = data.get("ward") or None
    filters.has_vacancy = bool(data.get("vacancy"))
    if form.errors.get("lat") or form.errors.get("lng"):
        # Hidden fields a device fills in: say so where the resident can act, next to the address.
        form.errors.pop("lat", None)
        form.errors.pop("lng", None)
        form.add_error("address", _("The position from your device could not be used. Type an address instead."))
    matched = ""
    form.address_choices = []
    if data.get("address"):
        # The site's city is assumed where the resident leaves it out (鶴見中央1丁目 on 横浜市's site).
        location = geocode(data["address"], municipality)
        form.address_choices = ward_choices(location) if location is not None else []
        if form.address_choices:
            form.add_error(
                "address",
                _("%(address)s is in more than one ward. Choose the one you mean below.")
                % {"address": data["address"]},
            )
        elif location is None or location_level(location) == "city":
            # A city-level answer is the city's centre: distances from it would mislead.
            form.add_error(
                "address", _("We could not find that address. Try the town name and block, e.g. 鶴見中央1丁目.")
            )
        else:
            filters.lat, filters.lng, matched = location.latitude, location.longitude, location_matched(location)
    elif data.get("lat") is not None and data.get("lng") is not None:
        filters.lat, filters.lng = data["lat"], data["lng"]
    if filters.lat is not None:
        filters.radius_m = data.get("radius_m") or 5000
    return matched


def find_keeping_good_filters(form: NurseryFilterForm, filters: NurseryFilters, locale, offset: int = 0):
    """find_nurseries; a filter it refuses gets its message on its field and is dropped, the rest apply."""
    for _attempt in range(len(FILTER_FIELDS) + 1):
        try:
            return find_nurseries(filters, locale=locale, limit=PAGE_SIZE, offset=offset)
        except FilterError as reason:
            field, attributes = FILTER_FIELDS.get(reason.field, (None, []))
            form.add_error(field, str(reason))
            if not attributes:
                break
            for attribute in attributes:
                setattr(filters, attribute, None)
    return find_nurseries(
        NurseryFilters(municipality_id=filters.municipality_id), locale=locale, limit=PAGE_SIZE, offset=offset
    )


def requested_page(request) -> int:
    """The page number asked for; a missing or malformed one is the first page."""
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1


def nursery_index(request, page):
    municipality = page.municipality_for(request)
    municipality_id = municipality.pk if municipality is not None else 0
    form = NurseryFilterForm(request.GET or None, ward_choices=wards(municipality_id))
    filters = NurseryFilters(municipality_id=municipality_id)
    matched_address = filters_from_form(form, filters, municipality) if form.is_bound else ""
    locale = Locale.get_active()
    number = requested_page(request)
    results = find_keeping_good_filters(form, filters, locale, offset=(number - 1) * PAGE_SIZE)
    page_obj = Paginator(range(results.count), PAGE_SIZE).get_page(number)
    if page_obj.number != number:  # past the last page (a link from a larger result): show the last
        results = find_keeping_good_filters(form, filters, locale, offset=page_obj.start_index() - 1)
    query = request.GET.copy()
    query.pop("page", None)
    address_links = []
    for choice in getattr(form, "address_choices", []):
        chosen = query.copy()
        chosen["address"] = choice
        address_links.append((choice, "?" + chosen.urlencode()))

    notices = sorted(results.notices.values(), key=lambda n: n.as_of)
    page_url = page.get_url(request) or ""  # relative on the page's own site, whatever its port
    today = timezone.localdate()
    context = {
        "page": page,
        "self": page,
        "form": form,
        "results": results,
        "page_obj": page_obj,
        "show_hours": any(item.nursery.has_hours for item in results.items),
        "page_links": page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1),
        "query_string": query.urlencode(),
        "problems": form.errors if form.is_bound else {},
        "matched_address": matched_address,
        "address_links": address_links,
        "notices": notices,
        "stale_notices": [notice for notice in notices if notice.is_stale(today)],
        "ages": list(AGE_CLASSES),
        "chosen_age": results.age,
        "origin": (filters.lat, filters.lng) if filters.lat is not None else None,
        "map_features": map_features(
            [
                SimpleNamespace(
                    latitude=item.nursery.facility.latitude,
                    longitude=item.nursery.facility.longitude,
                    title=item.page.title,
                    url=page_url + page.reverse_subpage("nursery_route", args=[item.nursery.pk]),
                    category=_vacancy_label(item, results.age),
                    distance_m=item.distance_m,
                )
                for item in results.items
            ]
        ),
        "map_origin": {"lat": filters.lat, "lng": filters.lng} if filters.lat is not None else None,
    }
    return TemplateResponse(request, "services/nurseries/nursery_index_page.html", context)


def _vacancy_label(item, age: int | None) -> str:
    if item.counts is None:
        return _("Not in the latest notice")
    has = item.by_age[age].has_vacancy if age is not None else item.counts.has_vacancy
    return _("Places open") if has else _("No places")


def nursery_detail(request, page, nursery_id: int):
    nurseries = resident_rows(Nursery.objects.all(), "facility").select_related("facility", "municipality")
    nurseries = nurseries.filter(municipality_id=city_id(page, request))
    nursery = nurseries.filter(pk=nursery_id).first()
    if nursery is None:
        raise Http404(_("No such nursery."))
    facility_page = localized_pages([nursery.facility], Locale.get_active()).get(
        nursery.facility.translation_key, nursery.facility
    )
    history = vacancy_history(nursery)
    latest = history[0] if history else None
    context = {
        "page": page,
        "self": page,
        "nursery": nursery,
        "facility_page": facility_page,
        "history": [(row, [row.by_age()[age] for age in AGE_CLASSES]) for row in history],
        "latest": latest,
        "stale": latest is not None and notice_is_stale(latest.as_of, timezone.localdate()),
        "ages": list(AGE_CLASSES),
        "map_features": map_features(
            [
                SimpleNamespace(
                    latitude=nursery.facility.latitude,
                    longitude=nursery.facility.longitude,
                    title=facility_page.title,
                    url="",
                    category=nursery.get_kind_display(),
                )
            ]
        ),
    }
    return TemplateResponse(request, "services/nurseries/nursery_detail.html", context)
