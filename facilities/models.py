"""Facility pages, their categories, and the index page with the map and "near me" search.

Positions are two indexed float columns (``latitude``, ``longitude``) so a near-me query can
prefilter with a bounding box on SQLite and PostgreSQL alike (``geo.nearest``); facts
(address, phone, coordinates, hours) are synchronized across languages, names and notes are
translated.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from facilities import hours as opening_hours
from facilities.importers import ACCESSIBILITY_COLUMNS, HAZARDS, KIND_LABELS, KINDS
from home.lookups import default_locale, locale_by_id
from home.models import BasePage
from home.page_forms import PageForm
from home.sites import request_pages_q
from home.visibility import resident_pages, resident_translation_q
from japanese import dates
from japanese.index import JapaneseAutocompleteField, JapaneseSearchField

#: The role a row of each guest dataset gives its place (facilities.places).
KIND_ROLE = {"aed": "aed", "evacuation": "evacuation"}
KIND_CHOICES = [(kind, KIND_LABELS[kind]) for kind in KINDS]
HAZARD_CHOICES = [(code, word) for code, (_suffix, word) in HAZARDS.items()]
ACCESSIBILITY_CHOICES = [(name, name) for name in ACCESSIBILITY_COLUMNS]


class FacilityCategory(TranslatableMixin, index.Indexed, models.Model):
    """図書館, 公民館・コミュニティセンター, 避難所, AED …: how residents filter facilities."""

    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Stable identifier used in URLs and the API, e.g. library.")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("open data kind"),
        max_length=20,
        choices=KIND_CHOICES,
        default="facilities",
        help_text=_("Which standard open data file facilities of this category are exported to."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = ["name", "code", "kind", "sort_order"]
    search_fields = [index.SearchField("name"), index.SearchField("code"), index.FilterField("locale")]
    override_translatable_fields = [SynchronizedField("code"), SynchronizedField("kind")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("facility category")
        verbose_name_plural = _("facility categories")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_facility_category_code")]

    def __str__(self):
        return self.name


class FacilityIndexPage(BasePage):
    """The facilities directory: map, list without JavaScript, category and text filters, near me."""

    default_category = models.ForeignKey(
        FacilityCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default category"),
        help_text=_("Show only this category unless the resident picks another (e.g. an 避難所 page)."),
    )
    default_radius_m = models.PositiveIntegerField(
        _("default search radius (m)"), default=2000, help_text=_("Radius of a near-me search, in metres.")
    )

    content_panels = BasePage.content_panels + ["default_category", "default_radius_m"]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["facilities.FacilityPage"]

    class Meta:
        verbose_name = _("facility directory")

    def get_context(self, request, *args, **kwargs):
        from facilities.views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request, self))
        return context


class FacilityPageForm(PageForm):
    """Lists stored as JSON (hazards, accessibility) edited as tick boxes."""

    hazards = forms.MultipleChoiceField(
        label=_("designated for"),
        choices=HAZARD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.MultipleChoiceField(
        label=_("accessibility"),
        choices=ACCESSIBILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        lat, lng = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("longitude" if lat is not None else "latitude", _("Give both latitude and longitude."))
        elif lat is not None:
            from geo.points import check_in_japan

            try:
                check_in_japan(lat, lng)
            except ValueError as error:
                self.add_error("latitude", str(error))
        return cleaned


class FacilityQuerySet(PageQuerySet):
    def with_position(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def in_box(self, lat: float, lng: float, radius_m: float):
        """Only the rows inside the bounding box of the circle (uses the coordinate index)."""
        from geo.nearest import in_box

        return in_box(self, lat, lng, radius_m)


FacilityPageManager = PageManager.from_queryset(FacilityQuerySet)


#: Facts of a facility that are the same in every language: translations keep them in step with
#: the Japanese page (wagtail-localize synchronises them) and imports set them.
FACT_FIELDS = (
    "kind",
    "source_id",
    "name_kana",
    "name_en",
    "address",
    "building",
    "postal_code",
    "latitude",
    "longitude",
    "elevation",
    "phone",
    "extension",
    "fax",
    "email",
    "website",
    "available_days",
    "opening_time",
    "closing_time",
    "accessibility",
    "hazards",
    "capacity",
    "is_shelter",
    "residents_associations",
    "aed_child_pads",
    "temporary_care",
    "roles",
    "keep_separate",
)
#: Text an import sets that translators translate.
IMPORTED_TEXT_FIELDS = (
    "title",
    "facility_type",
    "hours_note",
    "description",
    "access",
    "parking",
    "accepted_age",
    "aed_location",
    "note",
)


class FacilityPage(BasePage):
    """A public facility: library, community centre, nursery, AED, evacuation site …"""

    municipality = models.ForeignKey(
        "home.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("municipality"),
    )
    category = models.ForeignKey(
        FacilityCategory, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("category")
    )
    kind = models.CharField(_("open data kind"), max_length=20, choices=KIND_CHOICES, default="facilities")
    source_id = models.CharField(
        _("ID in the open data file"), max_length=100, blank=True, db_index=True, help_text=_("The file's ID column.")
    )
    name_kana = models.CharField(_("name (kana)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (roman letters)"), max_length=255, blank=True)
    facility_type = models.CharField(
        _("type"), max_length=100, blank=True, help_text=_("種別, e.g. 認可保育所, 私立幼稚園.")
    )

    address = models.CharField(_("address"), max_length=255, blank=True)
    building = models.CharField(_("building, floor"), max_length=255, blank=True, help_text=_("方書"))
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, db_index=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, db_index=True)
    elevation = models.FloatField(_("elevation (m)"), null=True, blank=True)

    phone = models.CharField(_("phone"), max_length=50, blank=True)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    available_days = models.CharField(
        _("open on"), max_length=30, blank=True, help_text=_("Weekdays as in the open data, e.g. 月火水木金.")
    )
    opening_time = models.CharField(_("opens at"), max_length=10, blank=True, help_text=_("e.g. 9:00"))
    closing_time = models.CharField(_("closes at"), max_length=10, blank=True, help_text=_("e.g. 17:15"))
    hours_note = models.TextField(
        _("opening hours notes"),
        blank=True,
        help_text=_("Exceptions: 年末年始 (12/29～1/3休館), 祝日休館, 土日祝は17:00まで …"),
    )

    description = models.TextField(_("description"), blank=True)
    access = models.TextField(_("how to get there"), blank=True)
    parking = models.TextField(_("parking"), blank=True)
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)

    # 指定緊急避難場所
    hazards = models.JSONField(_("designated for"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    is_shelter = models.BooleanField(_("also a designated shelter (指定避難所)"), null=True, blank=True)
    residents_associations = models.TextField(_("residents' associations served"), blank=True)

    # AED
    aed_location = models.CharField(_("where the AED is"), max_length=255, blank=True)
    aed_child_pads = models.BooleanField(_("child pads / mode"), null=True, blank=True)

    # 子育て施設
    accepted_age = models.CharField(_("ages accepted"), max_length=100, blank=True)
    temporary_care = models.BooleanField(_("temporary care (一時預かり)"), null=True, blank=True)

    note = models.TextField(_("notes"), blank=True)

    # One page per place (facilities.places): the AED and evacuation-site rows of other datasets
    # that are this building, each {"kind", "key", "values": the row as imported}.
    roles = models.JSONField(_("roles from other datasets"), default=list, blank=True)
    role_kinds = models.CharField(
        _("role kinds"), max_length=100, blank=True, editable=False, help_text=_("e.g. aed evacuation")
    )
    keep_separate = models.BooleanField(
        _("keep as its own page"),
        default=False,
        help_text=_("Set when an editor split this page off a merged place: imports will not merge it again."),
    )

    objects = FacilityPageManager()

    base_form_class = FacilityPageForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            ["category", "kind", "name_kana", "name_en", "facility_type", "municipality", "source_id"],
            heading=_("Facility"),
        ),
        MultiFieldPanel(
            [
                "address",
                "building",
                "postal_code",
                FieldRowPanel(["latitude", "longitude"]),
                FieldPanel("elevation"),
            ],
            heading=_("Location"),
            classname="facility-location",
        ),
        MultiFieldPanel(["phone", "extension", "fax", "email", "website"], heading=_("Contact")),
        MultiFieldPanel(
            ["available_days", FieldRowPanel(["opening_time", "closing_time"]), "hours_note"],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            ["description", "access", "parking", "accessibility", "accessibility_notes"],
            heading=_("Details and accessibility"),
        ),
        MultiFieldPanel(
            ["hazards", "capacity", "is_shelter", "residents_associations"],
            heading=_("Evacuation site"),
            classname="collapsed",
        ),
        MultiFieldPanel(["aed_location", "aed_child_pads"], heading=_("AED"), classname="collapsed"),
        MultiFieldPanel(["accepted_age", "temporary_care"], heading=_("Childcare"), classname="collapsed"),
        "note",
        MultiFieldPanel(["keep_separate"], heading=_("Merged places"), classname="collapsed"),
    ]
    search_fields = BasePage.search_fields + [
        JapaneseSearchField("name_kana"),
        JapaneseSearchField("address"),
        JapaneseSearchField("description"),
        JapaneseSearchField("facility_type"),
        JapaneseAutocompleteField("title"),
        index.FilterField("category"),
        index.FilterField("kind"),
        index.FilterField("municipality"),
    ]
    override_translatable_fields = [SynchronizedField(name) for name in ("municipality", "category", *FACT_FIELDS)]
    parent_page_types = ["facilities.FacilityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        indexes = [models.Index(fields=["latitude", "longitude"], name="facility_lat_lng")]

    def clean(self):
        super().clean()
        errors = {}
        try:
            opening_hours.parse_days(self.available_days)
        except opening_hours.HoursError as error:
            errors["available_days"] = str(error)
        for name in ("opening_time", "closing_time"):
            try:
                opening_hours.parse_time(getattr(self, name), name)
            except opening_hours.HoursError as error:
                errors[name] = str(error)
        for name in ("hours_note", "note"):
            try:
                opening_hours.parse_note(getattr(self, name))
            except opening_hours.HoursError as error:
                errors[name] = str(error)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.role_kinds = " ".join(dict.fromkeys(role["kind"] for role in self.roles or []))
        return super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.title

    @property
    def role_codes(self) -> list[str]:
        """What the place is, e.g. ``["library", "aed", "evacuation"]``: its category, then the
        roles merged from other datasets."""
        codes = [self.category.code, *(role["kind"] for role in self.roles or [])]
        if self.kind in KIND_ROLE:
            codes.append(KIND_ROLE[self.kind])
        return list(dict.fromkeys(codes))

    def role(self, kind: str) -> dict | None:
        """The values of the merged *kind* row (the first one), or None."""
        return next((role["values"] for role in self.roles or [] if role["kind"] == kind), None)

    @cached_property
    def aed(self) -> dict | None:
        """The AED here: this page's own (an AED row) or a merged one; with ``usable``
        (an ``OpenStatus`` or None when its hours are not known)."""
        if self.kind == "aed":
            values = {name: getattr(self, name) for name in ("aed_location", "aed_child_pads")}
            hours = self.opening_hours
        elif (values := self.role("aed")) is not None:
            values = dict(values)
            try:
                hours = opening_hours.parse_hours(
                    values.get("available_days", ""),
                    values.get("opening_time", ""),
                    values.get("closing_time", ""),
                    values.get("hours_note", ""),
                )
            except opening_hours.HoursError:
                hours = None
            if hours is None or not hours.known:
                hours = self.opening_hours  # an AED inside a building is there while it is open
        else:
            return None
        values["usable"] = hours.status_at(dates.now_in_japan()) if hours else None
        return values

    @cached_property
    def evacuation(self) -> dict | None:
        """The evacuation-site facts of this page (an evacuation row) or of a merged one."""
        names = ("hazards", "capacity", "is_shelter", "elevation", "residents_associations")
        if self.kind == "evacuation":
            values = {name: getattr(self, name) for name in names}
        elif (values := self.role("evacuation")) is None:
            return None
        hazards = values.get("hazards") or []
        return {
            **{name: values.get(name) for name in names},
            "hazard_labels": [word for code, word in HAZARD_CHOICES if code in hazards],
        }

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def full_address(self) -> str:
        return f"{self.address} {self.building}".strip()

    @cached_property
    def opening_hours(self) -> opening_hours.OpeningHours | None:
        try:
            return opening_hours.parse_hours(
                self.available_days,
                self.opening_time,
                self.closing_time,
                opening_hours.hours_notes(self.hours_note, self.note),
            )
        except opening_hours.HoursError:
            return None

    @cached_property
    def status_now(self) -> opening_hours.OpenStatus | None:
        """Open or closed at this moment in Japan, with when it closes or next opens; None when
        the hours are not known. AED rows answer in ``aed`` instead."""
        if self.kind == "aed":
            return None
        hours = self.opening_hours
        return hours.status_at(dates.now_in_japan()) if hours else None

    def open_on(self, day: date | None = None) -> bool | None:
        """True/False for *day* (today in Japan by default), None when the hours are not known."""
        from django.utils import timezone

        hours = self.opening_hours
        return hours.is_open_on(day or timezone.localdate()) if hours else None

    def hazard_labels(self) -> list[str]:
        return [word for code, word in HAZARD_CHOICES if code in (self.hazards or [])]

    def get_context(self, request, *args, **kwargs):
        from geo.maps import map_features

        context = super().get_context(request, *args, **kwargs)
        # Category names in this page's language (a translated page may still point at the source category).
        names = dict(FacilityCategory.objects.filter(locale_id=self.locale_id).values_list("code", "name"))
        self.category_name = names.get(self.category.code, self.category.name)
        context["nearby"] = self.nearby(within=request_pages_q(request))
        for other in context["nearby"]:
            other.category_name = names.get(other.category.code, other.category.name)
        context["page_features"] = map_features([self], request)
        return context

    def nearby(self, radius_m: float = 1500, limit: int = 5, *, within: models.Q) -> list[FacilityPage]:
        """Other live public facilities of the city (*within*: ``home.sites.request_pages_q``) in the
        same locale, nearest first, with ``distance_m`` set."""
        if not self.has_position:
            return []
        from geo.nearest import nearest

        pages = (
            facility_pages_for_locale(locale_by_id(self.locale_id), within)
            .exclude(pk=self.pk)
            .select_related("category")
        )
        return nearest(pages, (self.latitude, self.longitude), radius_m, limit=limit)[0]


def facility_pages_for_locale(locale, within: models.Q) -> PageQuerySet:
    """The live facility pages residents may see among *within* (one city's pages:
    ``home.sites.request_pages_q(request)``) in *locale*, Japanese ones standing in for those not
    yet translated. View-restricted pages are never listed."""
    default = default_locale()
    pages = resident_pages(FacilityPage.objects.all()).filter(within)
    if locale.pk == default.pk:
        return pages.filter(locale=locale)
    return pages.filter(
        models.Q(locale=locale) | (models.Q(locale=default) & ~resident_translation_q(FacilityPage, locale))
    )
