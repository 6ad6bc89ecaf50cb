"""Demo content of the events domain, called by the load_demo command for each demo city.

Only 高松市 (372013) publishes events among the demo cities (the others keep an empty events
page, titled in every language): its real event list (0081.csv, 2020–21) moved by whole years so that the demo shows
upcoming events (spans of up to a week keep their weekday: a Saturday workshop stays on a
Saturday), categories and "free" read from each event's own words, and two recurring events:
a monthly 第2土曜 market and a weekly storytime at a library.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from japanese.dates import today_in_japan
from opendata.reading import ImportReport
from opendata.saving import set_changed

from .importers import EventRecord, read_events
from .imports import events_index, facility_names, match_venue, save_records, shift_years
from .models import EventIndexPage, EventPage

EVENTS_FILE = Path(settings.BASE_DIR) / "data" / "opendata" / "takamatsu-opendata" / "0081.csv"

INDEX_TITLES = {
    "en": ("Events", "Events, courses and consultations in the city."),
    "zh-hans": ("活动", "市内举办的活动、讲座和咨询会。"),
    "ko": ("행사", "시내에서 열리는 행사, 강좌, 상담회입니다."),
    "vi": ("Sự kiện", "Sự kiện, khóa học và buổi tư vấn trong thành phố."),
    "pt": ("Eventos", "Eventos, cursos e consultas na cidade."),
    "ja-x-easy": ("イベント（もよおし）", "まちで ある もよおしや きょうしつの よていです。"),
}

# Demo categories from the event's own words (the open data file has no category column).
TOPIC_WORDS = {
    "子育て": (
        "子ども",
        "こども",
        "子育て",
        "親子",
        "児童",
        "赤ちゃん",
        "乳幼児",
        "おはなし会",
        "絵本",
        "小学生",
        "中学生",
    ),
    "健康": ("健康", "検診", "健診", "体操", "ヨガ", "ヨーガ", "運動", "介護", "がん", "歯科", "ウォーキング", "栄養"),
    "文化・スポーツ": (
        "展",
        "コンサート",
        "演奏",
        "美術",
        "歴史",
        "文化",
        "スポーツ",
        "音楽",
        "映画",
        "プラネタリウム",
        "大会",
    ),
    "防災": ("防災", "避難", "地震", "災害", "シェイクアウト", "消防"),
    "観光": ("観光", "まつり", "祭", "ツアー", "まちあるき", "花火", "瀬戸内"),
}


def topics(record: EventRecord) -> list[str]:
    text = f"{record.title}\n{record.description[:300]}"
    return [topic for topic, words in TOPIC_WORDS.items() if any(word in text for word in words)]


def audience(record: EventRecord) -> str:
    text = record.title + record.description[:300]
    if "親子" in text:
        return "families"
    if any(word in text for word in ("小学生", "中学生", "児童", "子ども向け")):
        return "children"
    if any(word in text for word in ("高齢者", "シニア", "60歳以上", "65歳以上")):
        return "seniors"
    return "everyone"


def years_to_shift(today: date) -> int:
    """Whole years that move the 2020-04 … 2021-06 list over *today*'s month."""
    return today.year - 2020 if today.month >= 4 else today.year - 2021


TAKAMATSU = "372013"


def load_demo(municipality, stdout) -> None:
    """Create or update the events *municipality*'s own data gives, in its own events page (idempotent)."""
    index = events_index(municipality)
    if not index.show_in_menus:
        index.show_in_menus = True
        index.save_revision().publish()
    translate_index(index)
    if municipality.code != TAKAMATSU:
        return

    result = read_events(EVENTS_FILE, skip_invalid=True)
    for record in result.records:
        if record.fee is None and "無料" in record.description:
            record.fee = 0
    today = today_in_japan()
    years = years_to_shift(today)
    report = ImportReport(skipped=list(result.errors))
    save_records(result.records, municipality, report, index, shift=shift_years(years), tags_for=topics)
    _set_audiences(index, {r.no: audience(r) for r in result.records}, municipality)
    recurring(index, municipality, today)
    stdout.write(
        f"  events: Takamatsu 0081.csv moved by {years} years: created {report.created}, "
        f"updated {report.updated}, unchanged {report.unchanged}; {len(report.skipped)} rows skipped "
        "(they end before they start)"
    )


def _set_audiences(index: EventIndexPage, wanted: dict[str, str], municipality) -> None:
    for page in EventPage.objects.child_of(index).filter(source_id__startswith=f"{municipality.code}:"):
        value = wanted.get(page.source_id.split(":", 1)[1])
        if value and page.audience != value:
            EventPage.objects.filter(pk=page.pk).update(audience=value)


def translate_index(index: EventIndexPage) -> None:
    for code, (title, summary) in INDEX_TITLES.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        page = index.get_translation_or_none(locale)
        if page is None:
            page = index.copy_for_translation(locale)
        page = page.specific
        if page.title != title or page.summary != summary or not page.live:
            page.title, page.summary = title, summary
            page.save_revision().publish()


def _second_saturday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7 + 7)


def recurring(index: EventIndexPage, municipality, today: date) -> None:
    """The monthly 第2土曜 market and the weekly library storytime, starting this month."""
    facilities = facility_names(municipality)
    market_day = _second_saturday(today.year, today.month)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    library = match_venue("高松市中央図書館", facilities, municipality.name)
    events = [
        {
            "source_id": f"{municipality.code}:demo-market",
            "slug": "saturday-market",
            "title": "第2土曜 まちなかマルシェ",
            "summary": "毎月第2土曜日の朝、地元の野菜や果物、パンが並ぶ市場です。",
            "start_date": market_day,
            "start_time": time(9, 0),
            "end_time": time(12, 0),
            # Canonical RRULE text (as EventPage.clean stores it), so a second run changes nothing.
            "rrule": f"FREQ=MONTHLY;UNTIL={(market_day + timedelta(days=365)).strftime('%Y%m%d')}T145959Z;BYDAY=2SA",
            "venue_name": "中央公園",
            "address": "香川県高松市番町一丁目",
            "fee": 0,
            "organiser": "高松市 産業振興課（デモ）",
            "tags": ["観光"],
            "audience": "everyone",
        },
        {
            "source_id": f"{municipality.code}:demo-storytime",
            "slug": "storytime",
            "title": "土曜おはなし会",
            "summary": "毎週土曜日、絵本の読み聞かせと手遊びをします。申し込みは不要です。",
            "start_date": saturday,
            "start_time": time(11, 0),
            "end_time": time(11, 30),
            "rrule": "FREQ=WEEKLY;COUNT=52;BYDAY=SA",
            "venue_id": library,
            "venue_name": "高松市中央図書館 おはなしのへや",
            "address": "香川県高松市昭和町一丁目2-20",
            "fee": 0,
            "organiser": "高松市中央図書館（デモ）",
            "tags": ["子育て"],
            "audience": "families",
        },
    ]
    if library is not None:
        del events[1]["address"]  # the page takes its venue's address on save
    for fields in events:
        tags = fields.pop("tags")
        page = EventPage.objects.child_of(index).filter(source_id=fields["source_id"]).first()
        if page is None:
            page = EventPage(municipality=municipality, **fields)
            page.tags.set(tags)
            index.add_child(instance=page)
            page.save_revision().publish()
            continue
        fields.pop("slug")
        changed = set_changed(page, fields)
        if changed or sorted(t.name for t in page.tags.all()) != sorted(tags):
            page.tags.set(tags)
            page.save_revision().publish()
