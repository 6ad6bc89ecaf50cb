"""Demo content of the facilities domain, called by the load_demo command for each demo city.

Each city's own open data files, shipped in data/opendata/, into its own directory page:
高松市 (372013, takamatsu-opendata): libraries, community centres, kindergartens, nurseries,
AEDs and evacuation sites; 市川市 (122033, standard-dataset-ichikawa): public facilities,
evacuation sites, preschools and AEDs; 川口市 (112038, standard-dataset-kawaguchi): preschools.
Imported with the same code as import_opendata (so a second run changes nothing). Every city's
directory page and the categories exist in every language; 高松市's libraries are also
translated into English. Facility names and addresses stay Japanese in the other languages
until a translator translates them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from facilities.loading import DEFAULT_CATEGORIES, directory_page, ensure_categories, import_opendata_file
from facilities.models import FacilityCategory, FacilityPage

OPENDATA = Path(settings.BASE_DIR) / "data" / "opendata"
DATA = OPENDATA / "takamatsu-opendata"

# (kind, file, category or None to decide from kind and name)
FILES = [
    ("facilities", "0035.csv", "library"),
    ("facilities", "0004.csv", "community_centre"),
    ("childcare", "0012.csv", None),
    ("childcare", "0013.csv", None),
    ("aed", "0002.csv", None),
    ("evacuation", "0060.csv", None),
]
# Each demo city's own files, by municipality code: (kind, path under data/opendata, category).
CITY_FILES = {
    "372013": [(kind, f"takamatsu-opendata/{name}", category) for kind, name, category in FILES],
    "122033": [
        ("facilities", "standard-dataset-ichikawa/122033_101_public_facility.csv", None),
        ("evacuation", "standard-dataset-ichikawa/122033_103_evacuation_space.csv", None),
        ("childcare", "standard-dataset-ichikawa/122033_105_preschool.csv", None),
        ("aed", "standard-dataset-ichikawa/122033_108_aed.csv", None),
    ],
    "112038": [("childcare", "standard-dataset-kawaguchi/112038_preschool.csv", None)],
}

DIRECTORY_TITLES = {
    "en": ("Facilities", "Map and list of libraries, community centres, evacuation sites, AEDs and nurseries."),
    "zh-hans": ("设施指南", "图书馆、社区中心、避难场所、AED、保育所等设施的地图和列表。"),
    "ko": ("시설 안내", "도서관, 커뮤니티 센터, 피난 장소, AED, 보육소 등의 지도와 목록입니다."),
    "vi": ("Cơ sở công cộng", "Bản đồ và danh sách thư viện, nhà văn hóa, nơi sơ tán, AED và nhà trẻ."),
    "pt": ("Instalações", "Mapa e lista de bibliotecas, centros comunitários, locais de evacuação, DEA e creches."),
    "ja-x-easy": ("しせつ（たてもの）", "としょかん、ひなんする ところ、AED などの ちずと いちらんです。"),
}
CATEGORY_NAMES = {
    "en": {
        "library": "Libraries",
        "community_centre": "Community centres",
        "evacuation": "Evacuation sites",
        "aed": "AED",
        "childcare": "Nurseries and kindergartens",
        "hospital": "Hospitals",
        "park": "Parks",
        "ward_office": "City office branches",
        "school": "Schools",
        "sports": "Sports facilities",
        "other": "Other facilities",
    },
    "zh-hans": {
        "library": "图书馆",
        "community_centre": "公民馆・社区中心",
        "evacuation": "避难场所",
        "aed": "AED（自动体外除颤器）",
        "childcare": "保育所・幼儿园",
        "hospital": "医院",
        "park": "公园",
        "ward_office": "区役所・支所",
        "school": "学校",
        "sports": "体育设施",
        "other": "其他设施",
    },
    "ko": {
        "library": "도서관",
        "community_centre": "공민관・커뮤니티 센터",
        "evacuation": "피난 장소",
        "aed": "AED(자동심장충격기)",
        "childcare": "보육소・유치원",
        "hospital": "병원",
        "park": "공원",
        "ward_office": "구청・지소",
        "school": "학교",
        "sports": "체육 시설",
        "other": "기타 시설",
    },
    "vi": {
        "library": "Thư viện",
        "community_centre": "Nhà văn hóa cộng đồng",
        "evacuation": "Nơi sơ tán",
        "aed": "AED (máy khử rung tim)",
        "childcare": "Nhà trẻ, mẫu giáo",
        "hospital": "Bệnh viện",
        "park": "Công viên",
        "ward_office": "Văn phòng chi nhánh",
        "school": "Trường học",
        "sports": "Cơ sở thể thao",
        "other": "Cơ sở khác",
    },
    "pt": {
        "library": "Bibliotecas",
        "community_centre": "Centros comunitários",
        "evacuation": "Locais de evacuação",
        "aed": "DEA (desfibrilador)",
        "childcare": "Creches e jardins de infância",
        "hospital": "Hospitais",
        "park": "Parques",
        "ward_office": "Filiais da prefeitura",
        "school": "Escolas",
        "sports": "Instalações esportivas",
        "other": "Outras instalações",
    },
    "ja-x-easy": {
        "library": "としょかん",
        "community_centre": "コミュニティセンター（ちいきの たてもの）",
        "evacuation": "ひなんする ところ",
        "aed": "AED（しんぞうの きかい）",
        "childcare": "ほいくしょ・ようちえん",
        "hospital": "びょういん",
        "park": "こうえん",
        "ward_office": "しやくしょの まどぐち",
        "school": "がっこう",
        "sports": "スポーツを する ところ",
        "other": "ほかの しせつ",
    },
}
LIBRARY_NAMES_EN = {
    "高松市中央図書館": "Takamatsu Central Library",
    "高松市牟礼図書館": "Takamatsu Mure Library",
    "高松市香川図書館": "Takamatsu Kagawa Library",
    "高松市国分寺図書館": "Takamatsu Kokubunji Library",
    "高松市夢みらい図書館": "Takamatsu Yume Mirai Library",
}


def _translate_categories(locales) -> None:
    sources = ensure_categories()
    for locale in locales:
        names = CATEGORY_NAMES.get(locale.language_code, {})
        for code, *_ in DEFAULT_CATEGORIES:
            source = sources[code]
            category = FacilityCategory.objects.filter(translation_key=source.translation_key, locale=locale).first()
            if category is None:
                category = source.copy_for_translation(locale)
            wanted = names.get(code, source.name)
            if category.pk is None or category.name != wanted:
                category.name = wanted
                category.save()


def _publish(page, **fields) -> None:
    if page.pk is None or any(getattr(page, name) != value for name, value in fields.items()) or not page.live:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()


def _translate_directory(directory, locales) -> None:
    for locale in locales:
        title, summary = DIRECTORY_TITLES.get(locale.language_code, (directory.title, directory.summary))
        translated = directory.get_translation_or_none(locale)
        if translated is None:
            translated = directory.copy_for_translation(locale, copy_parents=True)
        _publish(translated.specific, title=title, summary=summary, show_in_menus=True)


def _translate_libraries(locale, municipality) -> None:
    libraries = FacilityPage.objects.filter(
        locale=Locale.get_default(), category__code="library", municipality=municipality
    )
    for library in libraries:
        name = LIBRARY_NAMES_EN.get(library.title)
        if not name:
            continue
        translated = library.get_translation_or_none(locale)
        if translated is None:
            translated = library.copy_for_translation(locale, copy_parents=True)
        _publish(translated.specific, title=name)


def _evacuation_page(directory) -> None:
    """A light "避難所 near me" page: the same directory, evacuation sites only, 1 km by default."""
    from facilities.models import FacilityIndexPage

    home = directory.get_parent().specific
    page = FacilityIndexPage.objects.child_of(home).filter(slug="hinanjo").first()
    evacuation = FacilityCategory.objects.get(code="evacuation", locale=directory.locale)
    fields = {
        "title": "避難所を探す",
        "summary": "住所か現在地から、近くの指定緊急避難場所と対象の災害（洪水・土砂災害・地震・津波など）を探せます。",
        "default_category": evacuation,
        "default_radius_m": 1000,
    }
    if page is None:
        page = FacilityIndexPage(slug="hinanjo", **fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    else:
        _publish(page, **fields)


def load_demo(municipality, stdout) -> None:
    """Create or update the facilities *municipality*'s own data gives, in its own directory (idempotent).

    A city without facility files keeps its empty directory, titled in every language.
    """
    directory = directory_page(municipality)
    _publish(directory, show_in_menus=True)
    files = CITY_FILES.get(municipality.code, [])
    for kind, name, category in files:
        report = import_opendata_file(kind, OPENDATA / name, municipality, skip_invalid=True, category_code=category)
        stdout.write(f"  {Path(name).name}: {report.summary().splitlines()[0]}")
    if FacilityPage.objects.filter(municipality=municipality, kind="evacuation").exists():
        _evacuation_page(directory)  # after the import that creates the evacuation category
    others = list(Locale.objects.exclude(pk=Locale.get_default().pk))
    _translate_categories(others)
    _translate_directory(directory, others)
    english = next((locale for locale in others if locale.language_code == "en"), None)
    if english and municipality.code == "372013":
        _translate_libraries(english, municipality)
