"""An area's calendar and the sorting dictionary, from the database, in a bounded number of queries.

``AreaSchedule.load(area)`` reads the area's rules and exceptions in two queries (however many
rules there are) and then computes any range with the pure engine in ``rules.py``. Category
names come in the resident's locale through ``localised_categories`` (one query).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from wagtail.models import Locale

from home.lookups import default_locale
from japanese.analysis import reading_key, words
from japanese.text import normalise

from . import rules as engine
from .dictionary import rank_key
from .models import (
    CollectionArea,
    CollectionException,
    CollectionPolicy,
    CollectionRule,
    GarbageCategory,
    GarbageRemark,
    SortingItem,
)

MAX_RANGE_DAYS = 400


@dataclass(frozen=True)
class Collection:
    date: date
    category: GarbageCategory
    note: str = ""


def localised_categories(municipality, locale: Locale | None) -> dict:
    """{translation_key: category} in *locale*, falling back to the Japanese source, in one query."""
    default = default_locale()
    wanted = {default.pk} | ({locale.pk} if locale else set())
    chosen: dict = {}
    sources: dict = {}
    for category in GarbageCategory.objects.filter(municipality=municipality, locale__in=wanted):
        if category.locale_id == default.pk:
            sources[category.translation_key] = category
        if category.translation_key not in chosen or (locale and category.locale_id == locale.pk):
            chosen[category.translation_key] = category
    if locale and locale.pk != default.pk:
        # How to put it out falls back to Japanese fact by fact, and says so (models.how_to_put_out).
        for key, category in chosen.items():
            category.put_out_source = sources.get(key)
    return chosen


def area_remarks(area: CollectionArea, categories: dict) -> list[tuple[str, str]]:
    """(category name in the page's language, note) for each remarks.csv note (``*ID`` in a 5374
    cell) the area's schedule refers to, in category order."""
    if not area.remarks:
        return []
    texts = dict(GarbageRemark.objects.filter(municipality_id=area.municipality_id).values_list("code", "text"))
    keys = dict(
        GarbageCategory.objects.filter(
            municipality_id=area.municipality_id, locale=Locale.get_default(), name__in=list(area.remarks)
        ).values_list("name", "translation_key")
    )
    remarks = []
    for category_name, codes in area.remarks.items():
        category = categories.get(keys.get(category_name))
        for code in codes:
            if code in texts:
                remarks.append((category.name if category else category_name, texts[code]))
    return remarks


class AreaSchedule:
    """Rules and exceptions of one area, loaded once; computes collections for any range."""

    def __init__(
        self,
        area: CollectionArea,
        rules: list[CollectionRule],
        exceptions: list[CollectionException],
        holidays_collected: bool = True,
    ):
        self.area = area
        self.holidays_collected = holidays_collected
        self.rules: dict[int, list[engine.Rule]] = defaultdict(list)
        self.categories: dict[int, GarbageCategory] = {}
        for rule in rules:
            self.rules[rule.category_id].append(rule.to_rule())
            self.categories[rule.category_id] = rule.category
        self.exception_rows = exceptions
        for row in exceptions:
            if row.category_id and row.kind == CollectionException.Kind.EXTRA:
                self.categories.setdefault(row.category_id, row.category)

    @classmethod
    def load(cls, area: CollectionArea) -> AreaSchedule:
        rules = list(CollectionRule.objects.filter(area=area).select_related("category"))
        exceptions = list(
            CollectionException.objects.filter(municipality_id=area.municipality_id)
            .filter(Q(area=area) | Q(area__isnull=True))
            .select_related("category")
        )
        return cls(area, rules, exceptions, CollectionPolicy.collects_on_holidays(area.municipality))

    def exceptions_for(self, category_id: int) -> tuple[engine.Exceptions, dict[date, str]]:
        centre = self.area.centre
        shutdown = centre.shutdown if centre else None
        moves, extra, cancelled, notes = [], set(), set(), {}
        for row in self.exception_rows:
            if row.category_id not in (None, category_id):
                continue
            if row.kind == CollectionException.Kind.MOVED:
                moves.append(engine.Move(row.day, row.new_day))
                notes[row.new_day] = row.note or f"{row.day.month}/{row.day.day} →"
            elif row.kind == CollectionException.Kind.EXTRA:
                extra.add(row.day)
                notes[row.day] = row.note
            else:
                cancelled.add(row.day)
        return (
            engine.Exceptions(
                shutdowns=(shutdown,) if shutdown else (),
                week_shift=bool(centre and centre.week_shift),
                holidays_collected=self.holidays_collected,
                moves=tuple(moves),
                extra=frozenset(extra),
                cancelled=frozenset(cancelled),
            ),
            notes,
        )

    def category_ids(self) -> list[int]:
        """Categories with rules, or with an extra day of their own."""
        return sorted(self.categories, key=lambda pk: (self.categories[pk].sort_order, pk))

    def dates(self, category_id: int, start: date, end: date) -> list[tuple[date, str]]:
        exceptions, notes = self.exceptions_for(category_id)
        days = engine.collection_dates(self.rules.get(category_id, []), start, end, exceptions)
        return [(day, notes.get(day, "")) for day in days]

    def collections(self, start: date, end: date, categories: dict | None = None) -> list[Collection]:
        """Every collection in [start, end], by date then category order; names in *categories*' locale."""
        found = []
        for category_id in self.category_ids():
            category = self._localised(category_id, categories)
            for day, note in self.dates(category_id, start, end):
                found.append(Collection(day, category, note))
        return sorted(found, key=lambda c: (c.date, c.category.sort_order, c.category.pk))

    def next_collections(self, today: date, categories: dict | None = None) -> list[Collection]:
        """The next collection of every category, soonest first."""
        found = []
        for category_id in self.category_ids():
            days = self.dates(category_id, today, today + timedelta(days=MAX_RANGE_DAYS))
            if days:
                found.append(Collection(days[0][0], self._localised(category_id, categories), days[0][1]))
        return sorted(found, key=lambda c: (c.date, c.category.sort_order))

    def last_collection_day(self, today: date) -> date | None:
        """The last collection day up to *today* (10 years back): when an area has no next
        collection, the day its published calendar ended (函館市's run to March 2020)."""
        start = today - timedelta(days=3653)
        days = [day for category_id in self.category_ids() for day, _note in self.dates(category_id, start, today)]
        return max(days, default=None)

    def _localised(self, category_id: int, categories: dict | None) -> GarbageCategory:
        category = self.categories[category_id]
        if categories:
            return categories.get(category.translation_key, category)
        return category


def find_areas(municipality, text: str):
    """Areas whose name or towns match *text*, or whose towns an address in *text* contains.

    An address the gazetteer reads (番町1-8-15, 高松市番町一丁目, the site's city assumed) answers
    the area(s) listing its town; otherwise the names are matched as text.

    The prefecture and municipality at the start of an address are ignored, so 香川県高松市屋島西町
    does not match every area with a town called 香川.
    """
    areas = CollectionArea.objects.select_related("municipality")
    if municipality is not None:
        areas = areas.filter(municipality=municipality)
    text = (text or "").strip()
    if not text:
        return list(areas)
    if municipality is not None:
        from .towns import locate_address

        located = locate_address(municipality, text)
        if located is not None and located.areas:
            return located.areas  # an address in a town some area lists: that area (or those)
    found = []
    for area in areas:
        address = text
        for prefix in (area.municipality.prefecture, area.municipality.name):
            if prefix and address.startswith(prefix):
                address = address[len(prefix) :]
        key, reading = normalise(address), reading_key(address)
        if not key:
            continue
        towns = [normalise(town) for town in re.split(r"[\n・、,（）()]", f"{area.name}\n{area.towns}")]
        if (
            key in area.search_key
            or (reading and reading in area.search_key)
            or any(len(town) >= 2 and town in key for town in towns)
        ):
            found.append(area)
    return found


# How residents ask: 電池はどうやって捨てるの？ / スプレー缶 捨て方 / 傘って何ごみ？
_PARTICLE = r"(?:は|を|って|の)?\s*"
_ASK = r"(?:どうやって|どうやったら|どのように|どう|どこに|何ごみ|なにごみ|何ゴミ|なにゴミ|何の日|いつ)"
_VERB = r"(?:捨てる|すてる|捨てれば|捨てたら|出す|だす|出せば|出したら|処分する|処分)"
_ENDING = r"(?:の|方|かた|には|ですか|でしょうか|いい|良い|よい)*\s*"
_QUESTION = re.compile(rf"(?:{_PARTICLE}{_ASK}?\s*{_VERB}{_ENDING}|{_PARTICLE}{_ASK}\s*{_ENDING}|\s*)[?？。!！]*$")
_HOW = re.compile(r"\s*(?:の)?(?:捨て方|すてかた|出し方|だしかた|処分方法|分別)\s*")
_CJK = r"\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff"


def dictionary_query(text: str) -> str:
    """The item a question names: 電池はどうやって捨てるの？ → 電池; スプレー缶 捨て方 → スプレー缶."""
    text = (text or "").strip()
    text = _HOW.sub(" ", text)
    previous = None
    while previous != text:
        previous = text
        text = _QUESTION.sub("", text).strip()
    return text.strip(" 　?？")


def search_items(municipality, locale: Locale | None, text: str):
    """Dictionary items answering *text* however it is spelt, the item itself first.

    Searches the items' Japanese names and their names in *locale* alike (a resident may type
    either); each item is returned in *locale* where translated, with its category in *locale*.
    Ranking is ``dictionary.rank_key``: exact name or reading, prefix, whole word, part of a word;
    a match that only straddles a word boundary (たばこ in げたばこ) is dropped.
    """
    query = dictionary_query(text)
    default = Locale.get_default()
    locale = locale or default
    items = SortingItem.objects.filter(municipality=municipality).select_related("category")
    if not query:
        found = _localised_items(municipality, locale, list(items.filter(locale=default)), items)
        return query, found
    key, reading = normalise(query), reading_key(query)
    condition = Q(search_key__contains=key)
    if reading:
        condition |= Q(search_key__contains=reading)
    for word in words(query):  # English stems: "battery" finds "batteries"
        if word.token.isascii() and len(word.token) > 1:
            condition |= Q(search_key__contains=word.token)
    matches = list(items.filter(locale__in={default.pk, locale.pk}).filter(condition))
    keys = {item.translation_key for item in matches}
    names: dict = defaultdict(list)
    sources: dict = {}
    for item in items.filter(translation_key__in=keys, locale__in={default.pk, locale.pk}):
        names[item.translation_key].append(item.name)
        if item.locale_id == default.pk:
            sources[item.translation_key] = item
    ranked = []
    for translation_key, source in sources.items():
        rank = rank_key(query, names[translation_key], source.sort_order)
        if rank is not None:
            ranked.append((rank, source.pk, source))
    ranked.sort(key=lambda row: row[:2])
    return query, _localised_items(municipality, locale, [source for _rank, _pk, source in ranked], items)


def _localised_items(municipality, locale: Locale, sources: list, items) -> list:
    """*sources* (Japanese items) in *locale* where translated, their categories in *locale*."""
    if locale.pk == Locale.get_default().pk or not sources:
        return sources
    translated = {
        item.translation_key: item
        for item in items.filter(locale=locale, translation_key__in=[s.translation_key for s in sources])
    }
    categories = localised_categories(municipality, locale)
    found = []
    for source in sources:
        item = translated.get(source.translation_key, source)
        item.category = categories.get(item.category.translation_key, item.category)
        found.append(item)
    return found


def month_grid(year: int, month: int, collections: list[Collection]) -> list[list[tuple[date | None, list]]]:
    """Weeks (Sunday first, as Japanese paper calendars) of (day, collections) for a table."""
    import calendar as stdlib_calendar

    by_day = defaultdict(list)
    for collection in collections:
        by_day[collection.date].append(collection)
    weeks = []
    for week in stdlib_calendar.Calendar(firstweekday=6).monthdatescalendar(year, month):
        weeks.append([(day if day.month == month else None, by_day.get(day, [])) for day in week])
    return weeks
