"""Demo content of the garbage domain, called by the load_demo command for each demo city.

Each city's own open data, shipped in data/opendata/, into its own garbage page:
高松市 (372013) from takamatsu-opendata (0090 collection days, 0074 sorting list; CC BY 4.0,
高松市) and its 町丁目 → area table (data/derived/takamatsu-garbage-towns), with a 年末年始 shutdown, an example move, and English category names, instructions
and common dictionary items; 金沢市 (172014), 目黒区 (131105), 生駒市 (292095) and 函館市
(012025) from their 5374 file sets, each area's towns read from its name where it lists them
(函館市's from data/derived/hakodate-garbage-towns). Every city's garbage page is titled in English.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from home.sites import city_section
from search.demo import promote

from . import towns
from .demo_guides import CATEGORY_NAMES_EN, GUIDES
from .demo_guides_languages import CATEGORY_NAMES, FACTS
from .importers import read_5374_dir, read_takamatsu_dir
from .loading import import_dataset
from .models import (
    CollectionArea,
    CollectionException,
    DisposalCentre,
    GarbageCalendarPage,
    GarbageCategory,
    SortingItem,
)

PUT_OUT_FIELDS = ("bag", "put_out_by", "place", "fee", "description")
OPENDATA = Path(settings.BASE_DIR) / "data" / "opendata"
SOURCE = OPENDATA / "takamatsu-opendata"
# 高松市 names its areas by 地区 (校区): its 町丁目 → area table, derived from its own open data
# (data/derived/takamatsu-garbage-towns/README.md says how).
DERIVED = Path(settings.BASE_DIR) / "data" / "derived"
TAKAMATSU_TOWNS = DERIVED / "takamatsu-garbage-towns" / "towns.csv"
TAKAMATSU = "372013"
# Towns tables of the 5374 cities whose area names list no town: 函館市's カレンダー(1)…(16),
# transcribed from the original app's エリア-カレンダー対照表 (its README says from where).
# 町丁目 → area tables for 5374 cities whose area names do not list their towns: 函館市's
# エリア-カレンダー対照表, and 金沢市's 10 校下 drawn on Code for Kanazawa's map (see their READMEs).
TOWN_TABLES_5374 = {
    "012025": DERIVED / "hakodate-garbage-towns" / "towns.csv",
    "172014": DERIVED / "kanazawa-garbage-towns" / "towns.csv",
}
# The 5374 cities: municipality code -> (folder, week_shift). Kanazawa moves a collection that
# falls in a centre's New Year shutdown a week later (its upstream WeekShift=true).
CITIES_5374 = {
    "172014": ("5374-kanazawa", True),
    "131105": ("5374-meguro", False),
    "292095": ("5374-ikoma", False),
    "012025": ("5374-hakodate", False),
}

# 高松市's category names in English; how to put each out is in demo_guides.GUIDES (sourced).
CATEGORIES_EN = {
    "燃やせるごみ": "Burnable waste",
    "破砕ごみ": "Crushable waste",
    "缶・びん・ペットボトル": "Cans, bottles and PET bottles",
    "紙・布": "Paper and cloth",
    "プラスチック容器包装": "Plastic packaging",
    "臨時・粗大ごみ": "Oversized waste (by appointment)",
    "収集不可": "Not collected by the city",
    "家電リサイクル法対象品": "Home appliance recycling",
    "有害ごみ": "Hazardous waste",
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
    "テレビ": "TV (television)",
    "テレビ台": "TV stand",
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
    """Create or update the garbage data *municipality*'s own files give (idempotent).

    A city without garbage data keeps its empty garbage page, titled in English too.
    """
    if municipality.code == TAKAMATSU:
        dataset, errors = read_takamatsu_dir(SOURCE)
        report = import_dataset(municipality, dataset, errors, skip_invalid=True)
        stdout.write(f"  garbage: {report.summary().splitlines()[0]}")
        towns_report = towns.import_file(TAKAMATSU_TOWNS, municipality)
        stdout.write(f"  garbage towns: {towns_report.notes[-1]}")
        _centre_and_exceptions(municipality)
        _english(municipality)
        _how_to_put_out(municipality)
    elif municipality.code in CITIES_5374:
        folder, week_shift = CITIES_5374[municipality.code]
        dataset, errors = read_5374_dir(OPENDATA / folder)
        # Skipped cells (Hakodate's malformed dates) are reported, the rest imported.
        report = import_dataset(municipality, dataset, errors, skip_invalid=True, week_shift=week_shift)
        stdout.write(f"  garbage ({folder}): {report.summary().splitlines()[0]}")
        if municipality.code in TOWN_TABLES_5374:
            # skip_invalid: towns of an area the import skipped (函館市's カレンダー(14), whose
            # source row has the malformed date 2020024) are left out and reported.
            towns_report = towns.import_file(TOWN_TABLES_5374[municipality.code], municipality, skip_invalid=True)
            stdout.write(f"  garbage towns: {towns_report.notes[-1]}, {len(towns_report.skipped)} rows skipped")
        _how_to_put_out(municipality)
    calendar = _pages(municipality)
    if calendar is not None and municipality.code == TAKAMATSU:
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
        translated = category.get_translation_or_none(english) or category.copy_for_translation(english)
        translated.name = CATEGORIES_EN.get(category.name, category.name)
        translated.save()
        categories[category.pk] = translated
    for item in SortingItem.objects.filter(municipality=municipality, locale=source, name__in=list(ITEMS_EN)):
        translated = item.get_translation_or_none(english) or item.copy_for_translation(english)
        translated.name = ITEMS_EN[item.name]
        translated.category = categories[item.category_id]
        translated.save()


def _how_to_put_out(municipality) -> None:
    """Each category's bag, time, place, fee and notes from the city's own files (demo_guides),
    in Japanese and in every language of the portal (English in demo_guides, the others in
    demo_guides_languages, translated from the Japanese text), with the category's name.

    A fact with no translation is left empty in that language: the page and the API then show
    the Japanese one, saying it is untranslated (``GarbageCategory.how_to_put_out``).
    """
    guide = GUIDES.get(municipality.code, {})
    source = Locale.get_default()
    locales = Locale.objects.exclude(pk=source.pk)
    for category in GarbageCategory.objects.filter(municipality=municipality, locale=source):
        texts = guide.get(category.name, {})
        japanese = texts.get("ja", {})
        if japanese:  # else keep what the city's import gave (Kanazawa's description.csv)
            for field in PUT_OUT_FIELDS:
                setattr(category, field, japanese.get(field, ""))
            category.save()
        for locale in locales:
            language = locale.language_code
            name = (CATEGORY_NAMES_EN if language == "en" else {}).get(category.name) or CATEGORY_NAMES.get(
                category.name, {}
            ).get(language)
            facts = {field: _fact(texts, japanese, field, language) for field in PUT_OUT_FIELDS}
            if not name and not any(facts.values()):
                continue
            translated = category.get_translation_or_none(locale) or category.copy_for_translation(locale)
            if name and translated.name == category.name:
                translated.name = name
            for field, text in facts.items():
                setattr(translated, field, text)
            translated.save()


def _fact(texts: dict, japanese: dict, field: str, language: str) -> str:
    """One fact in *language*: written for it in demo_guides (English), else the translation of
    its Japanese text in demo_guides_languages, else '' (shown in Japanese, marked)."""
    if language in texts:
        return texts[language].get(field, "")
    return FACTS.get(japanese.get(field, ""), {}).get(language, "")


# The garbage page's title, summary and intro in each language (the Japanese are in apps.py).
PAGE_TEXTS = {
    "en": (
        "Garbage collection",
        "Collection days and sorting for your area.",
        "Choose your area to see the next collection days and this and next month's calendar.",
    ),
    "zh-hans": (
        "垃圾收集日・分类",
        "您所在地区的收集日，以及垃圾的分类和投放方法。",
        "选择地区后，可以查看下一次收集日以及本月和下月的日历。",
    ),
    "ko": (
        "쓰레기 수거일・분리배출",
        "우리 지역의 수거일과 쓰레기 분리・배출 방법.",
        "지역을 선택하면 다음 수거일과 이번 달・다음 달 달력을 볼 수 있습니다.",
    ),
    "vi": (
        "Ngày thu gom và phân loại rác",
        "Ngày thu gom ở khu vực của bạn, cách phân loại và bỏ rác.",
        "Chọn khu vực để xem ngày thu gom tiếp theo và lịch tháng này, tháng sau.",
    ),
    "pt": (
        "Coleta de lixo",
        "Dias de coleta da sua área, separação e descarte.",
        "Escolha sua área para ver os próximos dias de coleta e o calendário deste mês e do próximo.",
    ),
    "ja-x-easy": (
        "ごみの ひ・ごみの わけかた",
        "あなたの ところの ごみの ひと、ごみの わけかた・だしかた。",
        "ちいきを えらぶと、つぎの ごみの ひと、こんげつと らいげつの カレンダーが みられます。",
    ),
}


def _pages(municipality):
    """The city's garbage page (its section, made by setup_city), with its translations titled."""
    source = Locale.get_default()
    page = city_section(municipality, GarbageCalendarPage)
    if page is None:
        return None
    for locale in Locale.objects.exclude(pk=source.pk):
        title, summary, intro = PAGE_TEXTS.get(locale.language_code, (page.title, page.summary, page.intro))
        translated = page.get_translation_or_none(locale)
        if translated is None:
            if page.get_parent().specific.get_translation_or_none(locale) is None:
                continue
            translated = page.copy_for_translation(locale)
        translated = translated.specific
        if (translated.title, translated.summary, translated.intro) != (title, summary, intro) or not translated.live:
            translated.title, translated.summary, translated.intro = title, summary, intro
            translated.save_revision().publish()
    return page
