"""Nurseries and their vacancy notices.

A ``Nursery`` adds childcare facts (type, age classes, hours) to a facility page, so
near-me, the map and search stay those of the facilities. A ``VacancyNotice`` is one dated
snapshot ("2024年8月1日現在") of places per age class for every nursery of a municipality;
staff save it as a draft, schedule and publish it with Wagtail revisions. The published
counts are copied into ``VacancyCount`` rows, which residents' pages and the API query.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from home.formats import local_date
from home.models import BasePage
from home.visibility import resident_snippets

from .dates import AGE_CLASSES
from .importers import AgeVacancy, Availability

# How one age of one nursery is stored, in a notice's ``counts`` and in ``VacancyCount``:
# a whole number of places (0 = full), FEW for 若干 (open, number not given), None for
# "no class of that age". FEW is -1 in the integer columns of VacancyCount.
FEW = "few"
FEW_PLACES = -1


class NurseryKind(models.TextChoices):
    LICENSED = "licensed", _("Licensed nursery")  # 認可保育所
    CERTIFIED = "certified", _("Certified centre for early childhood education and care")  # 認定こども園
    SMALL = "small", _("Small-scale childcare")  # 小規模保育事業
    HOME = "home", _("Home-based childcare")  # 家庭的保育
    WORKPLACE = "workplace", _("Workplace childcare")  # 事業所内保育

    @classmethod
    def from_japanese(cls, text: str) -> NurseryKind:
        """The kind for the Japanese name cities use (認可保育所, 認定こども園, 小規模保育事業 …)."""
        for word, kind in JAPANESE_KINDS.items():
            if word in (text or ""):
                return kind
        return cls.LICENSED


JAPANESE_KINDS = {
    "こども園": NurseryKind.CERTIFIED,
    "小規模": NurseryKind.SMALL,
    "家庭的": NurseryKind.HOME,
    "家庭": NurseryKind.HOME,
    "事業所内": NurseryKind.WORKPLACE,
    "保育所": NurseryKind.LICENSED,
    "保育園": NurseryKind.LICENSED,
}


def encode_vacancy(cell: AgeVacancy) -> int | str | None:
    if cell.availability == Availability.NO_CLASS:
        return None
    if cell.availability == Availability.FEW:
        return FEW
    return cell.places


def decode_vacancy(value: int | str | None) -> AgeVacancy:
    if value is None:
        return AgeVacancy(Availability.NO_CLASS)
    if value in (FEW, FEW_PLACES):
        return AgeVacancy(Availability.FEW)
    return AgeVacancy(Availability.PLACES, int(value))


class NurseryQuerySet(models.QuerySet):
    def offering_age(self, age: int):
        return self.filter(age_classes__contains=str(age))


class Nursery(index.Indexed, models.Model):
    """The childcare facts of one facility: type, age classes, hours, the application contact."""

    facility = models.OneToOneField(
        "facilities.FacilityPage",
        on_delete=models.CASCADE,
        related_name="nursery",
        verbose_name=_("facility"),
        help_text=_("The facility page (in the source language) with the address and position."),
    )
    municipality = models.ForeignKey("home.Municipality", on_delete=models.PROTECT, verbose_name=_("municipality"))
    number = models.CharField(
        _("facility number"),
        max_length=40,
        blank=True,
        help_text=_("The number the city's vacancy files use for this nursery (Yokohama: 施設番号)."),
    )
    kind = models.CharField(_("type"), max_length=12, choices=NurseryKind.choices, default=NurseryKind.LICENSED)
    ward = models.CharField(_("ward or area"), max_length=40, blank=True)
    age_classes = models.CharField(
        _("age classes"),
        max_length=6,
        default="012345",
        help_text=_("The age classes it has, as digits: 012345 for 0歳児 to 5歳児, 012 for a small-scale nursery."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    extended_care = models.BooleanField(_("extended hours"), default=False)  # 延長保育
    temporary_care = models.BooleanField(_("temporary care"), default=False)  # 一時預かり
    holiday_care = models.BooleanField(_("holiday care"), default=False)  # 休日保育
    contact = models.CharField(
        _("application contact"),
        max_length=200,
        blank=True,
        help_text=_("Where parents apply, e.g. the ward's childcare section and its phone number."),
    )

    objects = NurseryQuerySet.as_manager()

    panels = [
        FieldPanel("facility"),
        "municipality",
        FieldRowPanel(["number", "kind", "ward"]),
        FieldRowPanel(["age_classes", "capacity"]),
        MultiFieldPanel(
            [FieldRowPanel(["opens_at", "closes_at"]), "extended_care", "temporary_care", "holiday_care"],
            heading=_("Hours"),
        ),
        "contact",
    ]
    search_fields = [
        index.SearchField("number"),
        index.AutocompleteField("number"),
        index.RelatedFields("facility", [index.SearchField("title"), index.AutocompleteField("title")]),
        index.FilterField("municipality"),
    ]

    class Meta:
        ordering = ["municipality", "ward", "number", "pk"]
        verbose_name = _("nursery")
        verbose_name_plural = _("nurseries")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], condition=~Q(number=""), name="nursery_number_unique_per_city"
            )
        ]

    def __str__(self):
        return self.facility.title if self.facility_id else self.number

    @property
    def ages(self) -> list[int]:
        return [int(digit) for digit in self.age_classes if digit.isdigit()]

    @property
    def has_hours(self) -> bool:
        """Whether there is anything to show under 保育時間 (times or a care service)."""
        return bool(
            (self.opens_at and self.closes_at) or self.extended_care or self.temporary_care or self.holiday_care
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        digits = self.age_classes or ""
        if not digits or any(c not in "012345" for c in digits) or len(set(digits)) != len(digits):
            raise ValidationError({"age_classes": _("Write each age class once, as digits from 0 to 5.")})
        self.age_classes = "".join(sorted(digits))


class VacancyNoticeQuerySet(models.QuerySet):
    def published(self):
        """Notices parents may read: published and not expired (``home.visibility``)."""
        return resident_snippets(self)

    def latest_ids(self, municipality=None) -> dict[int, int]:
        """{municipality id: id of its latest published notice}, in one query."""
        notices = self.published()
        if municipality is not None:
            notices = notices.filter(municipality=municipality)
        latest: dict[int, int] = {}
        for notice_id, municipality_id in notices.order_by("municipality_id", "-as_of").values_list(
            "id", "municipality_id"
        ):
            latest.setdefault(municipality_id, notice_id)
        return latest


class VacancyNotice(PreviewableMixin, LockableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A dated snapshot of open places per nursery and age class, published monthly.

    ``counts`` is {nursery id: [places for 0歳, …, 5歳]} (see FEW above), so every
    revision holds the whole snapshot and a published notice only changes through a new
    revision. Uploads create and update notices (services/nurseries/views.py); the edit
    form only holds the date and the note.
    """

    municipality = models.ForeignKey("home.Municipality", on_delete=models.PROTECT, verbose_name=_("municipality"))
    as_of = models.DateField(_("as of"), help_text=_("The date the places were counted (…現在)."))
    note = models.TextField(_("note for parents"), blank=True)
    source_file = models.CharField(_("source file"), max_length=255, blank=True, editable=False)
    counts = models.JSONField(_("places per nursery"), default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyNoticeQuerySet.as_manager()

    panels = [
        "municipality",
        "as_of",
        "note",
        HelpPanel(template="services/nurseries/admin/notice_counts_panel.html", heading=_("Places")),
        PublishingPanel(),
    ]

    class Meta:
        ordering = ["-as_of", "municipality"]
        verbose_name = _("vacancy notice")
        verbose_name_plural = _("vacancy notices")
        constraints = [models.UniqueConstraint(fields=["municipality", "as_of"], name="one_notice_per_city_and_date")]

    def __str__(self):
        return _("Vacancies as of %(date)s") % {"date": local_date(self.as_of)}

    def vacancies(self) -> dict[int, dict[int, AgeVacancy]]:
        return {
            int(nursery_id): {age: decode_vacancy(value) for age, value in enumerate(values)}
            for nursery_id, values in (self.counts or {}).items()
        }

    @cached_property
    def nursery_count(self) -> int:
        return len(self.counts or {})

    def get_preview_template(self, request, mode_name):
        return "services/nurseries/notice_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        nurseries = Nursery.objects.filter(pk__in=[int(k) for k in self.counts or {}]).select_related("facility")
        vacancies = self.vacancies()
        context["rows"] = [(nursery, [vacancies[nursery.pk][age] for age in AGE_CLASSES]) for nursery in nurseries]
        context["ages"] = list(AGE_CLASSES)
        return context

    def rebuild_counts(self) -> int:
        """Make the VacancyCount rows say what this notice says while it is live."""
        VacancyCount.objects.filter(notice=self).delete()
        if not self.live:
            return 0
        known = set(Nursery.objects.filter(pk__in=[int(k) for k in self.counts]).values_list("pk", flat=True))
        rows = [
            VacancyCount.from_values(self, int(nursery_id), values)
            for nursery_id, values in self.counts.items()
            if int(nursery_id) in known
        ]
        VacancyCount.objects.bulk_create(rows, batch_size=500)
        return len(rows)

    def is_stale(self, today: date | None = None) -> bool:
        from .dates import notice_is_stale

        return notice_is_stale(self.as_of, today or timezone.localdate())


class VacancyCount(models.Model):
    """Places per age class of one nursery in one published notice (derived; not edited)."""

    notice = models.ForeignKey(VacancyNotice, on_delete=models.CASCADE, related_name="vacancy_counts")
    nursery = models.ForeignKey(Nursery, on_delete=models.CASCADE, related_name="vacancy_counts")
    as_of = models.DateField()
    places_0 = models.IntegerField(null=True)
    places_1 = models.IntegerField(null=True)
    places_2 = models.IntegerField(null=True)
    places_3 = models.IntegerField(null=True)
    places_4 = models.IntegerField(null=True)
    places_5 = models.IntegerField(null=True)
    has_vacancy = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "nursery"], name="one_count_per_notice_and_nursery")]
        indexes = [models.Index(fields=["nursery", "-as_of"])]
        ordering = ["-as_of"]

    def __str__(self):
        return f"{self.nursery_id} @ {self.as_of}"

    @classmethod
    def from_values(cls, notice: VacancyNotice, nursery_id: int, values: list) -> VacancyCount:
        cells = [decode_vacancy(value) for value in values]
        columns = {
            f"places_{age}": (FEW_PLACES if cell.availability == Availability.FEW else cell.places)
            for age, cell in enumerate(cells)
        }
        return cls(
            notice=notice,
            nursery_id=nursery_id,
            as_of=notice.as_of,
            has_vacancy=any(cell.has_vacancy for cell in cells),
            **columns,
        )

    @staticmethod
    def open_for_age(age: int) -> Q:
        """Rows with a place for a child of that age class (a number above 0, or 若干)."""
        column = f"places_{age}"
        return Q(**{f"{column}__gt": 0}) | Q(**{column: FEW_PLACES})

    def by_age(self) -> dict[int, AgeVacancy]:
        return {age: decode_vacancy(getattr(self, f"places_{age}")) for age in AGE_CLASSES}

    @property
    def total_places(self) -> int:
        """Places with a number given (若干 adds none)."""
        return sum(max(getattr(self, f"places_{age}") or 0, 0) for age in AGE_CLASSES)


class NurseryIndexPage(RoutablePageMixin, BasePage):
    """The nursery page: the latest notice as a table and a map, filters, and each nursery's history."""

    municipality = models.ForeignKey(
        "home.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("municipality"),
        help_text=_(
            "Show the nurseries of this municipality; empty: the municipality of the site the page is on. "
            "A page never lists another city's nurseries."
        ),
    )
    intro = models.TextField(_("introduction"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)

    content_panels = BasePage.content_panels + ["intro", "how_to_apply"]
    settings_panels = BasePage.settings_panels + ["municipality"]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nursery vacancies page")

    def municipality_for(self, request):
        """The city whose nurseries, wards and notices this page shows: its own, else the site's."""
        if self.municipality_id:
            return self.municipality
        from home.sites import request_municipality

        return request_municipality(request)

    @path("")
    def index_route(self, request):
        from .views import nursery_index

        return nursery_index(request, self)

    @path("<int:nursery_id>/")
    def nursery_route(self, request, nursery_id):
        from .views import nursery_detail

        return nursery_detail(request, self, nursery_id)
