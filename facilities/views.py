"""The facility directory: filters, near-me search and the map data for FacilityIndexPage."""

from __future__ import annotations

import re

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from facilities.models import FacilityCategory, FacilityPage, facility_pages_for_locale
from geo.geocoding import geocode, ward_choices
from geo.maps import map_features
from geo.nearest import nearest
from geo.points import MAX_RADIUS_M, check_in_japan
from home.lookups import locale_by_id, remember
from home.sites import request_municipality, request_pages_q
from home.visibility import searchable_resident_pages
from search.index import matching_ids

RADIUS_CHOICES = [
    (500, _("500 m (about 6 min on foot)")),
    (1000, _("1 km (about 13 min on foot)")),
    (2000, _("2 km")),
    (5000, _("5 km")),
    (10000, _("10 km")),
]
PAGE_SIZE = 50


class DirectoryForm(forms.Form):
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Facility category"), required=False)
    radius = forms.TypedChoiceField(
        label=_("Within"), choices=RADIUS_CHOICES, coerce=int, required=False, empty_value=None
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categories=(), default_radius=None, example_address="", **kwargs):
        super().__init__(*args, **kwargs)
        if default_radius and default_radius not in dict(RADIUS_CHOICES):
            self.fields["radius"].choices = sorted([*RADIUS_CHOICES, (default_radius, f"{default_radius} m")])
        self.fields["category"].choices = [("", _("All categories"))] + [(c.code, c.name) for c in categories]
        self.fields["address"].widget.attrs.update({"autocomplete": "street-address", "placeholder": example_address})

    def clean(self):
        cleaned = super().clean()
        lat, lng = cleaned.get("lat"), cleaned.get("lng")
        if (lat is None) != (lng is None):
            raise forms.ValidationError(_("The position is incomplete: try again."))
        if lat is not None:
            try:
                check_in_japan(lat, lng)
            except ValueError:
                raise forms.ValidationError(_("That position is outside Japan.")) from None
        radius = cleaned.get("radius")
        if radius is not None and not 0 < radius <= MAX_RADIUS_M:
            self.add_error("radius", _("Choose a radius from the list."))
        return cleaned


_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|\S{2,3}?県)")
_TOWN_AND_CHOME = re.compile(r"^(.+?(?:[一二三四五六七八九十]+|\d+)丁目)")
_BLOCK_NUMBERS = re.compile(r"^(.+?)(\d+)-\d+-\d+")  # 栄町1-2-19: 1 is the 丁目 (住居表示)
_BEFORE_NUMBER = re.compile(r"^(.+?)[\d０-９]")


def town_of(address: str) -> str:
    """The town and 丁目 of an address, as the near-me box takes it: 千葉県市川市本北方3丁目19-16 →
    市川市本北方3丁目; 埼玉県川口市栄町1-2-19 → 川口市栄町1丁目; 高松市香川町川東上1865-13 →
    高松市香川町川東上."""
    text = _PREFECTURE.sub("", (address or "").strip())
    if blocks := _BLOCK_NUMBERS.match(text):
        return f"{blocks.group(1)}{blocks.group(2)}丁目"
    match = _TOWN_AND_CHOME.match(text) or _BEFORE_NUMBER.match(text)
    return match.group(1) if match else text


def example_address(pages) -> str:
    """An address of this city to show as the example (each city its own, not 高松市's)."""
    return town_of(pages.exclude(address="").order_by("pk").values_list("address", flat=True).first() or "")


def categories_for(locale):
    """The facility categories in *locale*, else the Japanese ones (through ``home.lookups``)."""

    def find():
        categories = list(FacilityCategory.objects.filter(locale=locale))
        return categories or list(FacilityCategory.objects.filter(locale__language_code="ja"))

    return remember(f"facility-categories:{locale.pk}", find)


def with_role(queryset, code: str):
    """The facilities of category *code* and the places that carry it as a merged role (a library
    with an AED is found under AED)."""
    return queryset.filter(Q(category__code=code) | Q(role_kinds__contains=code))


def text_filter(queryset, q: str):
    """The facilities of *queryset* the site search finds for *q* (name, reading, address,
    description, type), read as the search page reads it: としょかん finds 図書館."""
    return queryset.filter(pk__in=matching_ids(searchable_resident_pages(FacilityPage.objects.all()), q))


def directory_context(request, page) -> dict:
    locale = locale_by_id(page.locale_id)
    categories = categories_for(locale)
    data = request.GET.copy()
    if page.default_category and "category" not in data:
        data["category"] = page.default_category.code
    if not data.get("radius"):
        data["radius"] = str(page.default_radius_m)
    bound = bool(request.GET or page.default_category)
    pages = facility_pages_for_locale(locale, request_pages_q(request)).select_related("category")
    example = example_address(pages)
    form = DirectoryForm(
        data if bound else None,
        categories=categories,
        default_radius=page.default_radius_m,
        example_address=example,
    )
    context = {
        "form": form,
        "categories": categories,
        "origin": None,
        "matched": None,
        "not_found": False,
        "example_address": example,
    }
    if not form.is_bound:
        form = DirectoryForm(
            initial={"radius": page.default_radius_m},
            categories=categories,
            default_radius=page.default_radius_m,
            example_address=example,
        )
        context["form"] = form
    elif form.is_valid():
        cleaned = form.cleaned_data
        if cleaned.get("category"):
            pages = with_role(pages, cleaned["category"])
        if cleaned.get("q"):
            pages = text_filter(pages, cleaned["q"])
        lat, lng = cleaned.get("lat"), cleaned.get("lng")
        if cleaned.get("address"):
            location = geocode(cleaned["address"], request_municipality(request))
            choices = ward_choices(location) if location is not None else []
            if location is None:
                context["not_found"] = True
            elif choices:
                # A town two wards share (横浜市's 吉田町): ask which, no distances from the city's centre.
                ask = request.GET.copy()
                ask.pop("page", None)
                context["address_choices"] = []
                for choice in choices:
                    ask["address"] = choice
                    context["address_choices"].append((choice, "?" + ask.urlencode()))
            else:
                lat, lng = location.latitude, location.longitude
                context["matched"] = {
                    "address": (location.raw or {}).get("matched") or location.address,
                    "level": (location.raw or {}).get("level", ""),
                }
        if lat is not None and lng is not None:
            context["origin"] = {"lat": lat, "lng": lng}
            radius = cleaned.get("radius") or page.default_radius_m
            context["radius"] = radius
            results, count = nearest(pages, (lat, lng), radius, limit=PAGE_SIZE)
            context.update(results=results, count=count)
    else:
        pages = pages.none()

    if "results" not in context:
        paginator = Paginator(pages.order_by("category__sort_order", "title", "pk"), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(results=list(page_obj.object_list), count=paginator.count, page_obj=page_obj)
    names = {category.code: category.name for category in categories}
    for facility in context["results"]:
        facility.category_name = names.get(facility.category.code, facility.category.name)
    context["map_features"] = map_features(context["results"], request)
    keep = request.GET.copy()
    keep.pop("page", None)
    context["querystring"] = keep.urlencode()
    # After a search, the page opens at the results (a phone shows the form first otherwise).
    context["searched"] = bool(
        form.is_bound and (request.GET.get("address") or request.GET.get("lat") or request.GET.get("q"))
    )
    context["level_text"] = {"town": gettext("town (町丁目)"), "city": gettext("city")}.get(
        (context["matched"] or {}).get("level"), ""
    )
    return context
