"""Demo content of the garbage domain, called by the load_demo command.

高松市 (372013) with the city's own open data shipped in data/opendata/takamatsu-opendata
(0090 collection days, 0074 sorting list; CC BY 4.0, 高松市), a 年末年始 shutdown, an example
move, a garbage calendar page in every language, and English category names, instructions
and common dictionary items.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from home.models import HomePage
from search.demo import promote

from .importers import read_takamatsu_dir
from .loading import import_dataset
from .models import (
    CollectionArea,
    CollectionException,
    DisposalCentre,
    GarbageCalendarPage,
    GarbageCategory,
    SortingItem,
)

SOURCE = Path(settings.BASE_DIR) / "data" / "opendata" / "takamatsu-opendata"

CATEGORIES_EN = {
    "燃やせるごみ": ("Burnable waste", "Put out by 8:30 in the morning in the city's designated bag."),
    "破砕ごみ": ("Crushable waste", "Metal, glass, ceramics and small appliances, in the designated bag."),
    "缶・びん・ペットボトル": ("Cans, bottles and PET bottles", "Empty and rinse them first."),
    "紙・布": ("Paper and cloth", "Tie paper with string; put cloth in a transparent bag."),
    "プラスチック容器包装": ("Plastic packaging", "Only packaging with the プラ mark, rinsed."),
    "臨時・粗大ごみ": ("Oversized waste (by appointment)", "Call the city to book a collection (a fee applies)."),
    "収集不可": ("Not collected by the city", "Ask the shop or a specialist company."),
    "家電リサイクル法対象品": (
        "Home appliance recycling",
        "TVs, fridges, washing machines and air conditioners: ask the shop.",
    ),
    "有害ごみ": ("Hazardous waste", "Batteries, fluorescent tubes and thermometers, kept apart."),
}

ITEMS_EN = {
    "筒型乾電池": "Dry-cell batteries",
    "乾電池（筒形）": "Dry-cell batteries (cylindrical)",
    "ペットボトル（飲料・酒・醤油用など）": "PET bottles (drinks, sake, soy sauce)",
    "スプレー缶": "Spray cans",
    "傘": "Umbrella",
    "新聞": "Newspapers",
    "雑誌": "Magazines",
    "段ボール箱": "Cardboard boxes",
    "衣類": "Clothes",
    "テレビ": "Television",
    "自転車": "Bicycle",
    "蛍光管（電球型蛍光管を含む）": "Fluorescent tubes",
    "食用油": "Cooking oil",
    "空き缶（オイル缶・塗料缶は除く）": "Empty cans",
    "ガラス食器": "Glass tableware",
    "ハンガー": "Hangers",
    "卵殻": "Eggshells",
    "卵パック（プラスチック製）": "Egg cartons (plastic)",
    "カップ麺の容器（プラスチック製）": "Instant noodle cups (plastic)",
    "ふとん（2枚まで）": "Futons (up to 2)",
}


def load_demo(municipality, stdout) -> None:
    """Create or update this domain's demo content for *municipality* (idempotent)."""
    dataset, errors = read_takamatsu_dir(SOURCE)
    report = import_dataset(municipality, dataset, errors, skip_invalid=True)
    stdout.write(f"  garbage: {report.summary().splitlines()[0]}")
    _centre_and_exceptions(municipality)
    _english(municipality)
    _pages(municipality)
    calendar = GarbageCalendarPage.objects.live().filter(locale=Locale.get_default()).first()
    if calendar is not None:
        promote("ごみ", calendar, "収集日・分別の案内はこちら")


def _centre_and_exceptions(municipality) -> None:
    centre, _created = DisposalCentre.objects.update_or_create(
        municipality=municipality,
        name="西部クリーンセンター",
        defaults={"shutdown_start": date(2026, 12, 31), "shutdown_end": date(2027, 1, 3), "week_shift": False},
    )
    CollectionArea.objects.filter(municipality=municipality, centre__isnull=True).update(centre=centre)
    burnable = GarbageCategory.objects.filter(
        municipality=municipality, locale=Locale.get_default(), name="燃やせるごみ"
    ).first()
    if burnable:
        CollectionException.objects.get_or_create(
            municipality=municipality,
            area=None,
            category=burnable,
            kind=CollectionException.Kind.EXTRA,
            day=date(2026, 12, 30),
            defaults={"note": "年末の臨時収集"},
        )


def _english(municipality) -> None:
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return
    source = Locale.get_default()
    categories = {}
    for category in GarbageCategory.objects.filter(municipality=municipality, locale=source):
        name, description = CATEGORIES_EN.get(category.name, (category.name, category.description))
        translated = category.get_translation_or_none(english) or category.copy_for_translation(english)
        translated.name, translated.description = name, description
        translated.save()
        categories[category.pk] = translated
    for item in SortingItem.objects.filter(municipality=municipality, locale=source, name__in=list(ITEMS_EN)):
        translated = item.get_translation_or_none(english) or item.copy_for_translation(english)
        translated.name = ITEMS_EN[item.name]
        translated.category = categories[item.category_id]
        translated.save()


def _pages(municipality) -> None:
    source = Locale.get_default()
    home = HomePage.objects.filter(locale=source).first()
    if home is None:
        return
    page = GarbageCalendarPage.objects.filter(locale=source, municipality=municipality).first()
    if page is None:
        page = GarbageCalendarPage(
            title="ごみ収集日・分別",
            slug="garbage",
            municipality=municipality,
            summary="お住まいの地区の収集日と、ごみの分け方・出し方。",
            intro="地区を選ぶと、次の収集日と今月・来月のカレンダーが見られます。",
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    titles = {"en": ("Garbage collection", "Collection days and sorting for your area.")}
    for locale in Locale.objects.exclude(pk=source.pk):
        if page.get_translation_or_none(locale) is not None:
            continue
        if home.get_translation_or_none(locale) is None:
            continue
        translated = page.copy_for_translation(locale)
        title, summary = titles.get(locale.language_code, (page.title, page.summary))
        translated.title, translated.summary = title, summary
        translated.save_revision().publish()
