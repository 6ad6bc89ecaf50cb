"""Event pages, their materialised occurrences, and the events index with list, calendar and feeds.

An event's schedule (dates, times, RFC 5545 recurrence) lives on ``EventPage``. Every time a
page is saved its occurrences are written to ``EventOccurrence``, one row per date, so the list,
the calendar, the feeds and the API select a date window in SQL without loading every event.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.lookups import default_locale
from home.models import BasePage
from home.visibility import resident_rows, resident_translation_q
from japanese.index import JapaneseSearchField

from . import recurrence
from .forms import EventPageForm
from .panels import OccurrencesPanel
from .recurrence import TOKYO, Recurrence, RecurrenceError, Schedule

#: Where a RecurrenceError's field is shown on the event form.
ERROR_FIELDS = {"start": "start_date", "end": "end_date", "rrule": "rrule", "exdates": "exdates", "rdates": "rdates"}


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children")
    FAMILIES = "families", _("Parents and children")
    STUDENTS = "students", _("Students")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("events.EventPage", related_name="tagged_items", on_delete=models.CASCADE)


class EventPage(RoutablePageMixin, BasePage):
    """One event: when (once, over several days, or repeating), where, for whom, at what cost."""

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty: the same day."))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False, help_text=_("No times; the event fills its days."))
    rrule = models.CharField(
        _("repeat rule (RRULE)"),
        max_length=255,
        blank=True,
        help_text=_("RFC 5545, e.g. FREQ=MONTHLY;BYDAY=2SA. Usually filled in from the choices below."),
    )
    exdates = models.TextField(_("excluded dates"), blank=True, help_text=_("YYYYMMDD, separated by commas."))
    rdates = models.TextField(_("added dates"), blank=True, help_text=_("YYYYMMDD, separated by commas."))
    date_note = models.CharField(_("note on the dates"), max_length=255, blank=True)
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "Residents see 中止 on the page, in the list, the calendar, the API and calendar apps. "
            "Imports never undo it."
        ),
    )

    venue = models.ForeignKey(
        "facilities.FacilityPage",
        verbose_name=_("venue (facility)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    venue_name = models.CharField(_("venue name"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lng = models.FloatField(_("longitude"), null=True, blank=True)

    description = RichTextField(_("description"), blank=True, features=["bold", "link", "ol", "ul", "h2", "h3"])
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    fee = models.PositiveIntegerField(_("fee (yen)"), null=True, blank=True, help_text=_("0 means free."))
    fee_detail = models.TextField(_("fee details"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_method = models.TextField(_("how to apply"), blank=True)
    registration_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("categories and tags"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A photo or flyer of the event; its alt text is read to residents who cannot see it."),
    )

    municipality = models.ForeignKey(
        "home.Municipality", verbose_name=_("municipality"), null=True, blank=True, on_delete=models.SET_NULL
    )
    source_id = models.CharField(
        _("open data id"), max_length=100, blank=True, db_index=True, help_text=_("Set by imports.")
    )

    template = "services/events/event_page.html"
    base_form_class = EventPageForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(["start_date", "start_time"]),
                FieldRowPanel(["end_date", "end_time"]),
                "all_day",
                "date_note",
                "cancelled",
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat_frequency"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_count"), FieldPanel("repeat_until")]),
                FieldPanel("repeat_weekdays"),
                FieldRowPanel(
                    [FieldPanel("repeat_month_day"), FieldPanel("repeat_week_of_month"), FieldPanel("repeat_weekday")]
                ),
                FieldRowPanel([FieldPanel("repeat_excluded"), FieldPanel("repeat_added")]),
                "rrule",
                OccurrencesPanel(heading=_("Dates of this event")),
            ],
            heading=_("Repeat"),
        ),
        MultiFieldPanel(
            ["venue", "venue_name", "address", FieldRowPanel(["lat", "lng"])],
            heading=_("Where"),
            help_text=_(
                "Choose a facility, or type a venue name and address: the address is placed on the map "
                "when you save. Adjust the coordinates if the point is off."
            ),
        ),
        "description",
        "image",
        MultiFieldPanel(
            ["audience", "tags", FieldRowPanel(["fee", "capacity"]), "fee_detail", "organiser", "contact_phone"],
            heading=_("Details"),
        ),
        MultiFieldPanel(
            ["registration_url", "registration_method", "registration_deadline"],
            heading=_("How to apply"),
        ),
    ]
    settings_panels = BasePage.settings_panels + ["municipality", "source_id"]
    search_fields = BasePage.search_fields + [
        JapaneseSearchField("description"),
        JapaneseSearchField("venue_name"),
        JapaneseSearchField("organiser"),
        index.FilterField("start_date"),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "all_day",
            "cancelled",
            "rrule",
            "exdates",
            "rdates",
            "venue",
            "address",
            "lat",
            "lng",
            "fee",
            "capacity",
            "contact_phone",
            "registration_url",
            "registration_deadline",
            "audience",
            "municipality",
            "source_id",
        )
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")

    # --- the schedule -------------------------------------------------------------

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule or self.rdates)

    def schedule(self) -> Schedule:
        """The event's first occurrence and recurrence, in Japan time."""
        recurrence_value = Recurrence(
            self.rrule,
            recurrence.parse_date_list(self.exdates, "exdates"),
            recurrence.parse_date_list(self.rdates, "rdates"),
        )
        start_date = _as_date(self.start_date)
        end_date = _as_date(self.end_date) or start_date
        if self.all_day or self.start_time is None:
            return Schedule.all_day_event(start_date, end_date, recurrence_value)
        start = datetime.combine(start_date, _as_time(self.start_time), tzinfo=TOKYO)
        if self.end_time is not None:
            end = datetime.combine(end_date, _as_time(self.end_time), tzinfo=TOKYO)
        elif end_date > start_date:
            end = datetime.combine(end_date, time(23, 59, 59), tzinfo=TOKYO)
        else:
            end = start
        return Schedule(start, end, False, recurrence_value)

    def clean(self):
        super().clean()
        if self.all_day:
            self.start_time = self.end_time = None
        if self.lat is not None and not -90 <= self.lat <= 90:
            raise ValidationError({"lat": _("Latitude must be between -90 and 90.")})
        if self.lng is not None and not -180 <= self.lng <= 180:
            raise ValidationError({"lng": _("Longitude must be between -180 and 180.")})
        if (self.lat is None) != (self.lng is None):
            raise ValidationError({"lng": _("Give both latitude and longitude, or neither.")})
        if self.start_date is None:
            return
        try:
            schedule = self.schedule()
            if schedule.recurrence.rrule:
                self.rrule = recurrence.normalise_rrule(schedule.recurrence.rrule, schedule.start, schedule.all_day)
                schedule = self.schedule()
            recurrence.check(schedule)
        except RecurrenceError as error:
            raise ValidationError({ERROR_FIELDS.get(error.field, "rrule"): error.message}) from None
        self.exdates = recurrence.format_date_list(schedule.recurrence.exdates)
        self.rdates = recurrence.format_date_list(schedule.recurrence.rdates)

    def save(self, *args, **kwargs):
        self.sync_venue()
        result = super().save(*args, **kwargs)
        self.materialise_occurrences()
        return result

    def sync_venue(self) -> None:
        """A facility venue gives its address and position (synchronised, never typed twice);
        a typed address without coordinates is placed with the facilities geocoder."""
        venue = self.venue
        if venue is not None:
            self.venue_name = self.venue_name or venue.title
            if venue.address:
                self.address = venue.address
            lat, lng = venue_position(venue)
            if lat is not None:
                self.lat, self.lng = lat, lng
            return
        if self.address and self.lat is None and self.lng is None:
            from .imports import place_address

            position = place_address(self.address)
            if position is not None:
                self.lat, self.lng = position

    def materialise_occurrences(self, today: date | None = None, occurrences=None) -> int:
        """Replace this page's rows in the occurrence table (with *occurrences* when the caller
        has already expanded the schedule); returns how many there are."""
        if occurrences is None:
            try:
                occurrences = recurrence.materialise(self.schedule(), today=today)
            except RecurrenceError:
                occurrences = []
        with transaction.atomic():
            EventOccurrence.objects.filter(page_id=self.pk).delete()
            EventOccurrence.objects.bulk_create(
                EventOccurrence(page_id=self.pk, start=o.start, end=o.end, all_day=o.all_day) for o in occurrences
            )
        return len(occurrences)

    # --- what a resident sees ---------------------------------------------------------

    @property
    def venue_label(self) -> str:
        return self.venue_name or (self.venue.title if self.venue_id else "")

    def get_context(self, request, *args, **kwargs):
        from .views import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(self, request))
        return context

    @path("ics/")
    def ics_view(self, request):
        from .views import event_ics

        return event_ics(request, self)


def venue_position(venue) -> tuple[float | None, float | None]:
    """Latitude and longitude of a facility page, whatever the facilities app calls them."""
    for lat_name, lng_name in (("lat", "lng"), ("latitude", "longitude")):
        lat, lng = getattr(venue, lat_name, None), getattr(venue, lng_name, None)
        if lat is not None and lng is not None:
            return float(lat), float(lng)
    location = getattr(venue, "location", None)
    if location:
        lat = getattr(location, "lat", None) or getattr(location, "y", None)
        lng = getattr(location, "lng", None) or getattr(location, "x", None)
        if lat is not None and lng is not None:
            return float(lat), float(lng)
    return None, None


def _as_date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _as_time(value):
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(str(value))


class EventOccurrenceQuerySet(models.QuerySet):
    def overlapping(self, window_start: datetime, window_end: datetime):
        """Occurrences in the half-open window (see recurrence.overlaps)."""
        return self.filter(Q(start__lt=window_end) & (Q(end__gt=window_start) | Q(start__gte=window_start)))

    def for_locale(self, locale: Locale):
        """Live events in *locale*, and Japanese ones not translated into it."""
        default = default_locale()
        live = resident_rows(self, "page")
        if locale.pk == default.pk:
            return live.filter(page__locale=locale)
        translated = resident_translation_q(EventPage, locale, "page__translation_key")
        return live.filter(Q(page__locale=locale) | (Q(page__locale=default) & ~translated))

    def with_page(self):
        return self.select_related("page", "page__locale", "page__venue").order_by("start", "page__title", "page_id")


class EventOccurrence(models.Model):
    """One date of an event, materialised from its schedule when the page is saved."""

    page = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    all_day = models.BooleanField(default=False)

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "page_id"]
        indexes = [models.Index(fields=["start", "end"])]
        verbose_name = _("event date")
        verbose_name_plural = _("event dates")

    def __str__(self):
        return f"{self.page_id} {self.start.isoformat()}"

    def as_occurrence(self) -> recurrence.Occurrence:
        return recurrence.Occurrence(self.start.astimezone(TOKYO), self.end.astimezone(TOKYO), self.all_day)


class EventIndexPage(RoutablePageMixin, BasePage):
    """The events section: upcoming events as a list or a month calendar, with filters and feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])

    template = "services/events/event_index_page.html"

    content_panels = BasePage.content_panels + ["intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events index page")

    @path("")
    def list_view(self, request):
        from .views import event_list

        return event_list(request, self)

    @path("calendar/")
    @path("calendar/<int:year>/<int:month>/")
    def calendar_view(self, request, year=None, month=None):
        from .views import event_calendar

        return event_calendar(request, self, year, month)

    @path("feed/")
    @path("tags/<str:tag>/feed/")
    def feed_view(self, request, tag=None):
        from .views import event_feed

        return event_feed(request, self, tag)

    def event_pages(self):
        return EventPage.objects.child_of(self)


def pages_with_tag(tag: str):
    """Events tagged *tag* (its name or its slug)."""
    return Q(tags__name=tag) | Q(tags__slug=tag)
