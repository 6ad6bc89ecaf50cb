"""An editor marks an event 中止: residents see it on the page, the list, the calendar, the API and
in calendar apps (iCal STATUS:CANCELLED), and re-importing the city's file does not undo it."""

from datetime import date, time

from icalendar import Calendar

from services.events import imports
from services.events.factories import EventPageFactory
from services.events.models import EventPage
from tests.services.events.test_reimport import three  # noqa: F401 (the fixture)


def test_residents_see_a_cancelled_event_as_cancelled_everywhere(client, index):
    cancelled = EventPageFactory(
        parent=index, title="中止になった夏祭り", start_date=date(2030, 6, 8), start_time=time(10), end_time=time(12)
    )
    cancelled.cancelled = True
    cancelled.save_revision().publish()
    EventPageFactory(parent=index, title="予定どおりの朝市", start_date=date(2030, 6, 9), start_time=time(8))

    page = client.get(cancelled.url).content.decode()
    assert "data-event-cancelled" in page and "このイベントは中止になりました" in page
    listing = client.get(index.url, {"when": "range", "start": "2030-06-01", "end": "2030-06-30"}).content.decode()
    assert listing.count('class="event-cancelled"') == 1
    assert listing.index("中止") < listing.index("中止になった夏祭り")
    calendar = client.get(index.url + "calendar/2030/6/").content.decode()
    assert '<strong class="event-cancelled">中止</strong>' in calendar

    items = client.get("/api/v1/events", {"start": "2030-06-01", "end": "2030-06-30"}).json()["items"]
    assert {item["title"]: item["cancelled"] for item in items} == {
        "中止になった夏祭り": True,
        "予定どおりの朝市": False,
    }

    feed = Calendar.from_ical(client.get(index.url + "feed/").content)
    status = {str(event["summary"]): str(event.get("status", "")) for event in feed.walk("VEVENT")}
    assert status["中止になった夏祭り"] == "CANCELLED" and status["予定どおりの朝市"] == ""
    single = Calendar.from_ical(client.get(cancelled.url + "ics/").content)
    assert [str(event["status"]) for event in single.walk("VEVENT")] == ["CANCELLED"]


def test_a_reimport_does_not_undo_a_cancellation(site_tree, municipality, three):  # noqa: F811
    imports.import_file(three(), municipality)
    no = three.table[1][three.header.index("NO")]
    page = EventPage.objects.get(source_id__endswith=f":{no}")
    page.cancelled = True
    page.save_revision().publish()

    report = imports.import_file(three({(1, "イベント名"): "名前を変えた催し"}), municipality)

    page = EventPage.objects.get(pk=page.pk)
    assert page.cancelled and page.live
    assert page.title == "名前を変えた催し"  # fields the editor did not touch still follow the file
    assert report.updated == 1


def test_the_editor_marks_an_event_cancelled_in_the_admin_form_labelled_in_japanese(client, index, make_user):
    from home import groups

    event = EventPageFactory(parent=index, title="雨天中止の花火大会", start_date=date(2030, 8, 1))
    client.force_login(make_user(groups.EDITORS))
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="cancelled"' in html and "中止" in html
