"""Garbage data: categories, areas, centres, rules, exceptions, the sorting dictionary, the calendar page.

The rules are stored one row per pattern (毎週火, 第2水, 隔週水 from a date, explicit dates)
and turned into ``services.garbage.rules.Rule`` for the pure rule engine; see
``services/garbage/calendar.py`` for the queries that compute an area's calendar.
Residents read category names and instructions and the dictionary, so those are
translatable (wagtail-localize); areas, centres and rules are facts of the Japanese source.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.models import BasePage, Municipality
from japanese.analysis import reading_key
from japanese.index import JapaneseAutocompleteField, JapaneseSearchField
from japanese.text import normalise

from . import rules as engine

colour_validator = RegexValidator(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", _("Use a colour such as #ea3b13."))


class CollectionPolicy(models.Model):
    """A municipality's garbage rules that hold for every area; a municipality without one
    collects on national holidays."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="garbage_policy", verbose_name=_("municipality")
    )
    collect_on_holidays = models.BooleanField(
        _("garbage is collected on national holidays"),
        default=True,
        help_text=_("Most cities collect on 祝日; untick if collection days that fall on one are skipped."),
    )

    panels = ["municipality", "collect_on_holidays"]

    class Meta:
        verbose_name = _("collection policy")
        verbose_name_plural = _("collection policies")

    def __str__(self):
        return str(self.municipality)

    @classmethod
    def collects_on_holidays(cls, municipality: Municipality) -> bool:
        """No query where the caller read ``select_related("municipality__garbage_policy")``."""
        try:
            return municipality.garbage_policy.collect_on_holidays
        except cls.DoesNotExist:
            return True


class GarbageCategory(TranslatableMixin, index.Indexed, models.Model):
    """燃やすごみ, 資源, … with its colour and how to put it out."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    code = models.SlugField(_("code"), max_length=40, allow_unicode=True, help_text=_("Stable id used by the API."))
    name = models.CharField(_("name"), max_length=100)
    colour = models.CharField(_("colour"), max_length=7, default="#767676", validators=[colour_validator])
    description = models.TextField(_("instructions"), blank=True)
    # How to put it out, one fact per field so each is translated and shown on its own line.
    bag = models.CharField(_("bag or container"), max_length=200, blank=True, help_text=_("e.g. 指定収集袋"))
    put_out_by = models.CharField(
        _("when to put it out"), max_length=200, blank=True, help_text=_("e.g. 朝8時30分まで")
    )
    place = models.CharField(_("where to put it out"), max_length=200, blank=True, help_text=_("e.g. ごみステーション"))
    fee = models.CharField(_("fee"), max_length=200, blank=True, help_text=_("Empty where collection is free."))
    sublabel = models.CharField(_("sub-label"), max_length=100, blank=True)
    icon = models.CharField(_("icon path"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    scheduled = models.BooleanField(
        _("has collection days"), default=True, help_text=_("Off for dictionary-only categories such as 粗大ごみ.")
    )

    panels = [
        "municipality",
        "name",
        "code",
        "colour",
        MultiFieldPanel(["bag", "put_out_by", "place", "fee", "description"], heading=_("How to put it out")),
        "sublabel",
        "icon",
        "sort_order",
        "scheduled",
    ]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]
    override_translatable_fields = [
        SynchronizedField(name) for name in ("municipality", "code", "colour", "icon", "sort_order", "scheduled")
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "locale", "code"], name="garbage_category_code_unique")
        ]
        verbose_name = _("garbage category")
        verbose_name_plural = _("garbage categories")

    def __str__(self):
        return self.name

    # field, its API name, its label
    PUT_OUT_FACTS = (
        ("bag", "bag", _("Bag")),
        ("put_out_by", "put_out_by", _("Put out by")),
        ("place", "place", _("Place")),
        ("fee", "fee", _("Fee")),
        ("description", "notes", _("Notes")),
    )

    def _put_out_facts(self) -> list[tuple[str, str, str, bool]]:
        """(API name, label, text, in Japanese) of every fact. In another language, a fact this
        translation lacks is the Japanese source's, marked True (``put_out_source`` is set by
        ``calendar.localised_categories``; it is the category itself when no translation exists),
        so a resident reads the city's own text, told it is untranslated, rather than nothing."""
        source = getattr(self, "put_out_source", None)
        facts = []
        for field, key, label in self.PUT_OUT_FACTS:
            text, fallback = getattr(self, field), False
            if source is not None and (source.pk == self.pk or not text):
                text = getattr(source, field)
                fallback = bool(text)
            facts.append((key, str(label), text, fallback))
        return facts

    def how_to_put_out(self) -> list[tuple[str, str, bool]]:
        """(label, text, in Japanese) of each filled fact of how to put it out, in display order."""
        return [(label, text, fallback) for _key, label, text, fallback in self._put_out_facts() if text]

    def put_out_in_japanese(self) -> bool:
        """Whether any fact of ``how_to_put_out`` is shown in Japanese for want of a translation."""
        return any(fallback for *_rest, fallback in self._put_out_facts())

    def put_out_texts(self) -> dict[str, str]:
        """The facts by API name (``notes`` for ``description``), untranslated ones in Japanese."""
        return {key: text for key, _label, text, _fallback in self._put_out_facts()}


class DisposalCentre(models.Model):
    """A disposal centre whose shutdown (年末年始) stops collection in the areas it serves."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=100)
    shutdown_start = models.DateField(_("shutdown starts"), null=True, blank=True)
    shutdown_end = models.DateField(_("shutdown ends"), null=True, blank=True)
    week_shift = models.BooleanField(
        _("move collections a week"),
        default=False,
        help_text=_("On: a collection inside the shutdown moves a week later (Kanazawa). Off: it is dropped."),
    )

    panels = ["municipality", "name", FieldRowPanel(["shutdown_start", "shutdown_end"]), "week_shift"]

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="garbage_centre_unique")]
        verbose_name = _("disposal centre")
        verbose_name_plural = _("disposal centres")

    def __str__(self):
        return self.name

    def clean(self):
        if bool(self.shutdown_start) != bool(self.shutdown_end):
            raise ValidationError(_("Give both ends of the shutdown, or neither."))
        if self.shutdown_start and self.shutdown_start > self.shutdown_end:
            raise ValidationError({"shutdown_end": _("The shutdown cannot end before it starts.")})

    @property
    def shutdown(self) -> engine.Shutdown | None:
        if self.shutdown_start and self.shutdown_end:
            return engine.Shutdown(self.shutdown_start, self.shutdown_end)
        return None


class CollectionArea(index.Indexed, models.Model):
    """A collection area (a group of 町名 or school districts) with its own calendar."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Stable id used in URLs and the API."))
    name = models.CharField(_("name"), max_length=200)
    towns = models.TextField(
        _("towns (町丁目)"),
        blank=True,
        help_text=_(
            "One 町丁目 per line, as in an address: 番町一丁目 or 番町1丁目; 番町 alone covers all its 丁目. "
            "A town split between areas goes in each: residents there are asked which is theirs."
        ),
    )
    centre = models.ForeignKey(
        DisposalCentre, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("disposal centre")
    )
    remarks = models.JSONField(_("5374 remark references"), default=dict, blank=True, editable=False)
    search_key = models.TextField(editable=False, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = ["municipality", "name", "code", "towns", "centre", "sort_order"]
    search_fields = [index.SearchField("name"), index.SearchField("towns"), index.FilterField("municipality")]

    class Meta:
        ordering = ["municipality", "sort_order", "pk"]
        verbose_name = _("collection area")
        verbose_name_plural = _("collection areas")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = area_search_key(self.name, self.towns)
        super().save(*args, **kwargs)

    @property
    def town_count(self) -> int:
        return sum(1 for line in self.towns.splitlines() if line.strip())


def area_search_key(name: str, towns: str) -> str:
    text = f"{name}\n{towns}"
    return f"{normalise(text)}\n{reading_key(text)}"


class GarbageRemark(models.Model):
    """A note a schedule cell refers to with ``*ID`` (5374 remarks.csv)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    code = models.CharField(_("ID"), max_length=20)
    text = models.TextField(_("note"))

    panels = ["municipality", "code", "text"]

    class Meta:
        ordering = ["municipality", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "code"], name="garbage_remark_unique")]
        verbose_name = _("collection remark")
        verbose_name_plural = _("collection remarks")

    def __str__(self):
        return f"{self.code}: {self.text}"


class RuleKind(models.TextChoices):
    WEEKLY = "weekly", _("Every week (毎週)")
    NTH = "nth", _("Nth weekday of the month (第n曜日)")
    BIWEEKLY = "biweekly", _("Every other week from a date (隔週)")
    DATES = "dates", _("Explicit dates (不定期)")


WEEKDAY_CHOICES = [(index, char) for index, char in enumerate(engine.WEEKDAY_CHARS)]


class CollectionRule(models.Model):
    """When one category is collected in one area: one pattern per row."""

    area = models.ForeignKey(CollectionArea, on_delete=models.CASCADE, related_name="rules", verbose_name=_("area"))
    category = models.ForeignKey(
        GarbageCategory, on_delete=models.CASCADE, verbose_name=pgettext_lazy("garbage", "category")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices, default=RuleKind.WEEKLY)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAY_CHOICES, null=True, blank=True)
    nth = models.PositiveSmallIntegerField(_("week of the month (1–5)"), null=True, blank=True)
    anchor = models.DateField(_("first day (every other week)"), null=True, blank=True)
    dates = models.JSONField(_("explicit dates"), default=list, blank=True, help_text=_("ISO dates, YYYY-MM-DD."))
    months = models.JSONField(_("months"), default=list, blank=True, help_text=_("Empty: every month."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        "area",
        "category",
        "kind",
        FieldRowPanel(["weekday", "nth", "anchor"]),
        "dates",
        "months",
        MultiFieldPanel([FieldRowPanel(["valid_from", "valid_until"])], heading=_("Validity")),
    ]

    class Meta:
        ordering = ["area", "category", "position", "pk"]
        verbose_name = _("collection rule")
        verbose_name_plural = _("collection rules")

    def __str__(self):
        from .rule_text import describe

        try:
            return f"{self.area} · {self.category}: {describe([self.to_rule()])}"
        except ValueError:
            return f"{self.area} · {self.category}"

    def to_rule(self) -> engine.Rule:
        return engine.Rule(
            engine.RuleKind(self.kind),
            weekday=self.weekday,
            nth=self.nth,
            anchor=self.anchor,
            dates=tuple(sorted(date.fromisoformat(str(day)) for day in self.dates or ())),
            months=frozenset(self.months) if self.months else engine.ALL_MONTHS,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )

    @classmethod
    def from_rule(cls, rule: engine.Rule, **fields) -> CollectionRule:
        return cls(
            kind=str(rule.kind),
            weekday=rule.weekday,
            nth=rule.nth,
            anchor=rule.anchor,
            dates=[day.isoformat() for day in rule.dates],
            months=[] if rule.months == engine.ALL_MONTHS else sorted(rule.months),
            valid_from=rule.valid_from,
            valid_until=rule.valid_until,
            **fields,
        )

    def clean(self):
        try:
            self.to_rule()
        except (ValueError, TypeError) as problem:
            raise ValidationError(str(problem)) from None


class CollectionException(models.Model):
    """A one-off change: a day moved (1月2日 → 1月4日), an extra day, a cancelled day."""

    class Kind(models.TextChoices):
        MOVED = "moved", _("Moved to another day")
        EXTRA = "extra", _("Extra collection day")
        CANCELLED = "cancelled", _("Cancelled")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    area = models.ForeignKey(
        CollectionArea,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exceptions",
        verbose_name=_("area"),
        help_text=_("Empty: every area."),
    )
    category = models.ForeignKey(
        GarbageCategory, null=True, blank=True, on_delete=models.CASCADE, verbose_name=pgettext_lazy("garbage", "category"),
        help_text=_("Empty: every category."),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    day = models.DateField(_("day"))
    new_day = models.DateField(_("moved to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = ["municipality", "area", "category", "kind", FieldRowPanel(["day", "new_day"]), "note"]

    class Meta:
        ordering = ["day"]
        verbose_name = _("collection exception")
        verbose_name_plural = _("collection exceptions")

    def __str__(self):
        if self.kind == self.Kind.MOVED:
            return f"{self.day} → {self.new_day}"
        return f"{self.get_kind_display()}: {self.day}"

    def clean(self):
        if self.kind == self.Kind.MOVED and not self.new_day:
            raise ValidationError({"new_day": _("Say which day the collection moves to.")})
        if self.kind != self.Kind.MOVED and self.new_day:
            raise ValidationError({"new_day": _("Only a moved collection has a new day.")})


class SortingItem(TranslatableMixin, index.Indexed, models.Model):
    """An entry of the sorting dictionary (分別辞典): what it is, its category, how to put it out."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    category = models.ForeignKey(
        GarbageCategory, on_delete=models.PROTECT, verbose_name=pgettext_lazy("garbage", "category")
    )
    name = models.CharField(_("item"), max_length=200)
    reading = models.CharField(
        _("reading (kana)"), max_length=200, blank=True, help_text=_("ふりがな, or its index kana.")
    )
    notice = models.TextField(_("instructions"), blank=True)
    search_key = models.TextField(editable=False, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = ["municipality", "name", "reading", "category", "notice", "sort_order"]
    # The furigana too (a dictionary's own reading beats Sudachi's guess for rare names), and
    # prefixes for the suggestions while typing.
    search_fields = [
        index.SearchField("name"),
        JapaneseSearchField("reading"),
        JapaneseAutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("municipality"),
    ]
    override_translatable_fields = [
        SynchronizedField(name) for name in ("municipality", "category", "reading", "sort_order")
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("sorting dictionary item")
        verbose_name_plural = _("sorting dictionary")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = item_search_key(self.name, self.reading)
        super().save(*args, **kwargs)


def item_search_key(name: str, reading: str = "") -> str:
    """Spelling-insensitive forms of an item: width/kana folded, and its reading (電池 → でんち)."""
    return f"{normalise(name)}\n{reading_key(name)}\n{normalise(reading) if len(reading) > 1 else ''}"


class GarbageCalendarPage(RoutablePageMixin, BasePage):
    """The garbage page of one municipality: area picker, next collections, calendar, dictionary."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("municipality"), "intro"]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    template = "services/garbage/garbage_calendar_page.html"
    # A resident who types a category (燃やせるごみ, 資源ごみ) lands on the calendar that has it.
    search_fields = BasePage.search_fields + [JapaneseSearchField("intro"), JapaneseSearchField("category_text")]

    class Meta:
        verbose_name = _("garbage calendar page")

    def category_text(self) -> str:
        """The names and instructions of the city's categories, in the page's language."""
        categories = GarbageCategory.objects.filter(municipality_id=self.municipality_id, locale_id=self.locale_id)
        return "\n".join(f"{category.name} {category.description}" for category in categories)

    @path("")
    def calendar_view(self, request):
        from .views import calendar_context

        return self.render(request, context_overrides=calendar_context(self, request))

    @path("print/")
    def print_view(self, request):
        from .views import print_context

        return self.render(
            request,
            template="services/garbage/garbage_calendar_print.html",
            context_overrides=print_context(self, request),
        )
