"""What the events section offers as open data (opendata/downloads.py)."""


def _feed(request, page):
    from .models import EventIndexPage

    if isinstance(page, EventIndexPage) and page.url:
        return page.url + "feed/"
    return None


def register() -> None:
    from opendata import downloads

    downloads.register_kind(
        "events",
        "events",
        "events.csv",
        label="イベント一覧",
        description="公開中のイベント（自治体標準オープンデータセットの項目、UTF-8 BOM 付き）",
        order=10,
    )
    downloads.register(
        "events",
        "events.ics",
        label="イベントカレンダー",
        format="iCalendar",
        description="カレンダーアプリで購読できるイベントの予定",
        link=_feed,
        order=20,
    )
