"""Demo content of the nurseries domain, called by the load_demo command for each demo city.

- A city's own nurseries (高松市, 市川市, 川口市): the facility pages the facilities demo made
  from its 子育て施設 file (open data kind ``childcare``) get their childcare facts. These
  cities publish no vacancy numbers, so they have no notice.
- 横浜市 (141003), with its real snapshot of 2024-08-01 (data/opendata/nursery-vacancy-yokohama:
  1,221 nurseries, positions from its location list), in its own facility directory.
- Every city's nursery page in every language.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Locale

from facilities.models import FacilityCategory, FacilityIndexPage, FacilityPage
from home.sites import city_section, require_city_home
from japanese.text import narrow
from opendata.reading import ImportReport
from opendata.saving import last_imported, remember_imported, set_imported
from opendata.tables import read_table
from search.demo import promote

from .importers import YokohamaFacility, parse_vacancies, read_yokohama_locations, yokohama_facilities
from .models import Nursery, NurseryIndexPage, NurseryKind
from .notices import counts_from, match_sheet, save_notice

YOKOHAMA = {"code": "141003", "name": "横浜市", "name_kana": "よこはまし", "prefecture": "神奈川県"}
YOKOHAMA_DIR = Path(settings.BASE_DIR) / "data" / "opendata" / "nursery-vacancy-yokohama"
YOKOHAMA_AS_OF = date(2024, 8, 1)

YOKOHAMA_KINDS = {
    "認可保育所": NurseryKind.LICENSED,
    "認定こども園": NurseryKind.CERTIFIED,
    "小規模保育事業": NurseryKind.SMALL,
    "家庭的保育": NurseryKind.HOME,
    "事業所内保育": NurseryKind.WORKPLACE,
}

PAGE_TEXTS = {
    "ja": ("保育所の空き状況", "認可保育所・認定こども園・小規模保育などの空き状況を、年齢や場所から探せます。"),
    "en": ("Nursery vacancies", "Find open places in nurseries by your child's age and where you live."),
    "zh-hans": ("保育所空位情况", "按孩子的年龄和住址查找保育所的空位。"),
    "ko": ("보육소 빈자리 현황", "아이의 나이와 사는 곳으로 보육소의 빈자리를 찾을 수 있습니다."),
    "vi": ("Chỗ trống nhà trẻ", "Tìm chỗ trống ở nhà trẻ theo tuổi của con và nơi bạn sống."),
    "pt": ("Vagas em creches", "Encontre vagas em creches pela idade da criança e pelo lugar onde mora."),
}
HOW_TO_APPLY = (
    "入所の申込みは、お住まいの区役所・市役所の保育担当窓口で受け付けています。"
    "空き状況は毎月1日時点の数です。申込みの前に窓口へお問い合わせください。"
)


def load_demo(municipality, stdout) -> None:
    """Create or update the nurseries *municipality*'s own data gives (idempotent).

    A city without nursery data keeps its empty nursery page, titled in every language.
    """
    if municipality.code == YOKOHAMA["code"]:
        nurseries = ensure_yokohama_nurseries(
            municipality, YOKOHAMA_DIR / "202408-kanou.csv", YOKOHAMA_DIR / "202408-location.csv"
        )
        sheet = parse_vacancies(YOKOHAMA_DIR / "202408-kanou.csv", as_of=YOKOHAMA_AS_OF)
        if sheet.errors:
            raise ValueError("\n".join(str(error) for error in sheet.errors))
        saved = save_notice(
            municipality,
            YOKOHAMA_AS_OF,
            counts_from(match_sheet(sheet, municipality)),
            source_file="202408-kanou.csv",
            publish=True,
        )
        stdout.write(f"  nurseries: {nurseries}, notice {saved.notice.as_of} ({saved.notice.nursery_count})")
    else:
        own = ensure_city_nurseries(municipality)
        if own:
            stdout.write(f"  nurseries: {own}")
    page = ensure_nursery_page(municipality)
    if page is not None and municipality.code == "372013":
        promote("保育園", page, "空き状況と施設の一覧")


# --- the demo city's own nurseries ---------------------------------------------------------


def _parse_clock(text: str) -> time | None:
    match = re.match(r"^(\d{1,2})[:：](\d{2})", narrow(text))
    if not match or int(match.group(1)) > 23:
        return None
    return time(int(match.group(1)), int(match.group(2)))


def age_classes_from_text(text: str) -> str:
    """The age classes a nursery takes, from the open data's 受入年齢 text.

    "3か月～" → 012345, "18か月～" → 12345, "1歳から5歳" → 12345, "おおむね2か月～2歳児" → 012,
    "1号認定 3歳児～、2・3号認定 3か月～" → 012345; empty → 012345.
    """
    value = narrow(text).replace("〜", "~").replace("から", "~")
    starts, ends = [], []
    for number, unit in re.findall(r"(\d+)\s*(か月|ヶ月|カ月|ケ月|日)", value):
        starts.append(int(number) // 12 if unit != "日" else 0)
    starts += [int(n) for n in re.findall(r"(\d+)\s*歳児?\s*(?:~|以上)", value)]
    starts += [int(n) for n in re.findall(r"(\d+)\s*~\s*\d+\s*歳", value)]
    ends += [int(n) for n in re.findall(r"~\s*(\d+)\s*歳", value)]
    open_ended = not ends or "以上" in value or re.search(r"~\s*(?:[、,]|$)", value)
    youngest = min(min(starts, default=0), 5)
    oldest = 5 if open_ended else min(max(ends), 5)
    return "".join(str(age) for age in range(youngest, max(oldest, youngest) + 1))


def ensure_city_nurseries(municipality) -> int:
    """Childcare facts for the facility pages imported from the city's 子育て施設 file (kind childcare)."""
    pages = FacilityPage.objects.filter(municipality=municipality, kind="childcare", locale=Locale.get_default())
    count = 0
    for page in pages:
        opens, closes = _parse_clock(page.opening_time), _parse_clock(page.closing_time)
        wanted = {
            "municipality": municipality,
            "number": page.source_id,
            "kind": NurseryKind.from_japanese(page.facility_type),
            "age_classes": age_classes_from_text(page.accepted_age),
            "capacity": page.capacity,
            "opens_at": opens,
            "closes_at": closes,
            # 延長保育: care past the standard 11 hours, i.e. open after 18:00 (inferred from the hours).
            "extended_care": bool(closes and closes > time(18, 0)),
            "temporary_care": bool(page.temporary_care),
            "holiday_care": "日" in (page.available_days or "") or "祝" in (page.available_days or ""),
            "contact": f"{municipality.name}役所 保育の担当窓口",
        }
        _update_or_create_nursery(page, wanted)
        count += 1
    return count


def _update_or_create_nursery(page: FacilityPage, wanted: dict, report: ImportReport | None = None) -> Nursery:
    """The nursery of *page* with the file's facts; a fact staff changed since the last load keeps
    their value (``opendata.saving``: a conflict in *report*)."""
    nursery = Nursery.objects.filter(facility=page).first()
    if nursery is None:
        nursery = Nursery.objects.create(facility=page, **wanted)
        remember_imported(nursery, wanted, source=page.source_id)
        return nursery
    last = last_imported([nursery]).get(nursery.pk)
    if set_imported(nursery, wanted, last, report if report is not None else ImportReport()):
        nursery.save()
    remember_imported(nursery, wanted, last, source=page.source_id)
    return nursery


# --- Yokohama ------------------------------------------------------------------------------


def nursery_category() -> FacilityCategory:
    category, _ = FacilityCategory.objects.get_or_create(
        code="childcare",
        locale=Locale.get_default(),
        defaults={"name": "保育所・幼稚園", "kind": "childcare", "sort_order": 50},
    )
    return category


def ensure_yokohama_nurseries(municipality, vacancy_path: Path, location_path: Path) -> int:
    """Facility pages and nurseries for every row of Yokohama's file, joined with its positions,
    in Yokohama's own facility directory (``CityNotSetUp`` when 横浜市 has no site).

    Pages are created live without revisions (1,221 of them); a second run only updates
    what differs.
    """
    require_city_home(municipality)
    facilities = yokohama_facilities(read_table(vacancy_path), read_yokohama_locations(location_path))
    index = city_section(municipality, FacilityIndexPage)
    category = nursery_category()
    existing = {
        page.source_id: page
        for page in FacilityPage.objects.filter(municipality=municipality, locale=index.locale).select_related(
            "nursery"
        )
    }
    for facility in facilities:
        page = existing.get(facility.number)
        fields = _yokohama_page_fields(facility)
        if page is None:
            page = FacilityPage(
                slug=slugify(f"yokohama-{facility.number}"),
                municipality=municipality,
                category=category,
                kind="childcare",
                source_id=facility.number,
                live=True,
                **fields,
            )
            index.add_child(instance=page)
        elif any(getattr(page, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(page, name, value)
            page.save(update_fields=list(fields))
        _update_or_create_nursery(
            page,
            {
                "municipality": municipality,
                "number": facility.number,
                "kind": YOKOHAMA_KINDS[facility.kind],
                "ward": facility.ward,
                "age_classes": "".join(str(age) for age in facility.ages) or "012345",
                "contact": f"横浜市{facility.ward} こども家庭支援課",
            },
        )
    return len(facilities)


def _yokohama_page_fields(facility: YokohamaFacility) -> dict:
    return {
        "title": facility.name,
        "facility_type": facility.kind,
        "address": f"神奈川県横浜市{facility.ward}",
        "latitude": facility.lat,
        "longitude": facility.lng,
        "note": "位置は施設名から推定したもので、おおよその場所です。",
    }


# --- the nursery page ----------------------------------------------------------------------


def ensure_nursery_page(municipality=None) -> NurseryIndexPage | None:
    """The city's nursery page (its section, made by setup_city; the default city's without
    *municipality*), titled in every language."""
    from home.sites import default_municipality

    page = city_section(municipality or default_municipality(), NurseryIndexPage)
    if page is None:
        return None
    if not page.how_to_apply:
        page.how_to_apply = HOW_TO_APPLY
        page.save_revision().publish()
    for translated_home in page.get_parent().specific.get_translations():
        locale = translated_home.locale
        if locale.language_code not in PAGE_TEXTS:
            continue
        translated = page.get_translation_or_none(locale)
        if translated is None:
            translated = page.copy_for_translation(locale)
        translated = translated.specific
        title, summary = PAGE_TEXTS[locale.language_code]
        if translated.title != title or translated.summary != summary or not translated.live:
            translated.title, translated.summary = title, summary
            translated.save_revision().publish()
    return page
