"""The events list and month calendar, filters, the event page in two languages, editor forms and roles."""

from datetime import date, time, timedelta

import pytest
from django.utils.translation import gettext, override
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home import groups
from japanese.dates import today_in_japan
from services.events.factories import EventPageFactory
from services.events.models import EventPage
from services.events.recurrence import weekend_window
from services.garbage.apps import GARBAGE_STAFF
from services.nurseries.apps import CHILDCARE_STAFF


def make(index, **kwargs):
    return EventPageFactory(parent=index, **kwargs)


def test_list_shows_upcoming_events_grouped_by_day_in_japanese(client, index):
    soon = today_in_japan() + timedelta(days=3)
    make(index, title="親子で絵本を楽しもう", start_date=soon, start_time=time(10), end_time=time(11))
    make(index, title="終わった講座", start_date=today_in_japan() - timedelta(days=3))
    html = client.get(index.url).content.decode()
    assert "親子で絵本を楽しもう" in html
    assert "終わった講座" not in html
    weekday = "月火水木金土日"[soon.weekday()]
    assert f"{soon.year}年{soon.month}月{soon.day}日({weekday}) 10:00～11:00" in html
    assert '<input type="radio" name="when" value="weekend"> 今週末</label>' in html


def test_this_weekend_filter_keeps_only_weekend_events(client, index):
    today = today_in_japan()
    first, last = weekend_window(today)
    make(index, title="週末の朝市", start_date=last)
    make(index, title="来月の講演会", start_date=last + timedelta(days=30))
    html = client.get(index.url, {"when": "weekend"}).content.decode()
    assert "週末の朝市" in html
    assert "来月の講演会" not in html


def test_range_category_and_free_filters(client, index):
    make(index, title="子育て相談", start_date=date(2030, 6, 3), tags=["子育て"], fee=0)
    make(index, title="健康講座", start_date=date(2030, 6, 4), tags=["健康"], fee=500)
    window = {"when": "range", "start": "2030-06-01", "end": "2030-06-30"}
    assert "子育て相談" in client.get(index.url, {**window, "tag": "子育て"}).content.decode()
    assert "健康講座" not in client.get(index.url, {**window, "tag": "子育て"}).content.decode()
    free = client.get(index.url, {**window, "free": "on"}).content.decode()
    assert "子育て相談" in free and "健康講座" not in free


def test_bad_filter_values_get_a_message_not_an_error(client, index):
    response = client.get(index.url, {"when": "range", "start": "2030-06-30", "end": "2030-06-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    response = client.get(index.url, {"start": "2030-02-30", "radius": "999", "when": "someday"})
    assert response.status_code == 200


def test_unknown_address_says_so(client, index):
    response = client.get(index.url, {"address": "どこにもない町999"})
    with override("ja"):
        message = gettext("This address could not be found on the map.")
    assert message in response.content.decode()


@pytest.mark.parametrize("address", ["香川県高松市番町一丁目", "番町1丁目"])  # the site's city is assumed
def test_near_an_address_lists_the_nearest_first_with_distance(client, index, address):
    make(index, title="遠い会場", start_date=date(2030, 6, 3), lat=34.2535, lng=134.0340)
    make(index, title="近い会場", start_date=date(2030, 6, 4), lat=34.3433, lng=134.0466)
    response = client.get(
        index.url,
        {"when": "range", "start": "2030-06-01", "end": "2030-06-30", "address": address, "radius": "3"},
    )
    html = response.content.decode()
    assert "近い会場" in html and "遠い会場" not in html
    assert '<span class="event-item__distance">' in html


def test_month_calendar_places_events_on_their_days_week_long_ones_below_and_notices_apart(client, index):
    make(index, title="月末の夜の催し", start_date=date(2030, 5, 31), start_time=time(22), end_time=time(23, 30))
    make(index, title="6月1日の朝", start_date=date(2030, 6, 1), start_time=time(0, 30), end_time=time(1))
    make(
        index,
        title="十日間の写真展",
        start_date=date(2030, 6, 10),
        end_date=date(2030, 6, 19),
        all_day=True,
        start_time=None,
    )
    make(  # two months: longer than EVENTS_NOTICE_MIN_DAYS (14), a notice, on no day of the grid
        index,
        title="春の補助金の申請受付",
        start_date=date(2030, 5, 1),
        end_date=date(2030, 6, 30),
        all_day=True,
        start_time=None,
    )
    html = client.get(index.url + "calendar/2030/6/").content.decode()
    assert "2030年6月" in html
    assert "6月1日の朝" in html
    assert "月末の夜の催し" not in html  # 31 May in Japan time, even though 1 June 00:00 JST is 31 May in UTC
    grid = html.split('class="month-calendar"')[1].split("</table>")[0]
    running = html.split('id="ongoing-heading"')[1].split("</section>")[0]
    assert "十日間の写真展" in running and "十日間の写真展" not in grid
    assert "春の補助金の申請受付" not in html
    notices_link = html.split('class="month-calendar__notices"><a href="')[1].split('"')[0]
    assert notices_link.endswith("?when=range&amp;start=2030-06-01&amp;end=2030-06-30#notices")
    may = client.get(index.url + "calendar/2030/5/").content.decode()
    assert "月末の夜の催し" in may and "6月1日の朝" not in may


def test_busy_day_shows_five_events_and_a_link_to_the_rest(client, index):
    """A day with more events than fit shows the first five (by time) and "+N", a link to the
    list of that day keeping the resident's filters, named in words for screen readers."""
    for hour in range(8, 16):
        make(
            index,
            title=f"体操教室{hour}時",
            start_date=date(2030, 6, 8),
            start_time=time(hour),
            end_time=time(hour, 45),
            tags=["健康"],
        )
    make(index, title="翌日の講座", start_date=date(2030, 6, 9))
    html = client.get(index.url + "calendar/2030/6/", {"tag": "健康"}).content.decode()
    shown = [f"体操教室{hour}時" for hour in range(8, 16) if f"体操教室{hour}時" in html]
    assert shown == [f"体操教室{hour}時" for hour in range(8, 13)]
    link = html.split('class="month-calendar__more" href="')[1].split('"')[0]
    assert link == "/ja/events/?tag=%E5%81%A5%E5%BA%B7&amp;when=range&amp;start=2030-06-08&amp;end=2030-06-08"
    assert '<span aria-hidden="true">+3</span><span class="visually-hidden">ほか 3 件（' in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert all(f"体操教室{hour}時" in listed for hour in range(8, 16)) and "翌日の講座" not in listed


def test_calendar_links_to_the_neighbouring_months_across_the_year(client, index):
    html = client.get(index.url + "calendar/2030/12/").content.decode()
    assert 'href="/ja/events/calendar/2031/1/"' in html
    assert 'href="/ja/events/calendar/2030/11/"' in html
    assert client.get(index.url + "calendar/2030/13/").status_code == 404


def test_list_and_calendar_queries_do_not_grow_with_events(client, index, django_assert_max_num_queries):
    for n in range(3):
        make(index, title=f"講座{n}", start_date=date(2030, 6, 1 + n), rrule="FREQ=WEEKLY;COUNT=4")
    urls = [index.url + "?when=range&start=2030-06-01&end=2030-06-30", index.url + "calendar/2030/6/"]
    counts = []
    for url in urls:
        client.get(url)  # warm the site root cache as a running server would be
        with django_assert_max_num_queries(35) as captured:  # the menu, the site and its city, the notices
            client.get(url)
        counts.append(len(captured.captured_queries))
    for n in range(15):
        make(index, title=f"教室{n}", start_date=date(2030, 6, 1 + n), rrule="FREQ=WEEKLY;COUNT=2", tags=["健康"])
    for url, count in zip(urls, counts, strict=True):
        client.get(url)
        with django_assert_max_num_queries(count):
            client.get(url)


def test_event_page_in_english_uses_the_english_date_style(client, index):
    event = make(index, title="夏まつり", start_date=date(2030, 8, 3), start_time=time(17), end_time=time(21), fee=0)
    english_index = index.get_translation(Locale.objects.get(language_code="en"))  # setup_city made it
    english_index.title = "Events"
    english_index.save_revision().publish()
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Summer festival"
    english.save_revision().publish()
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert "Sat, 3 Aug 2030, 17:00\u2009–\u200921:00" in html
    assert "Free" in html
    japanese = client.get(event.url).content.decode()
    assert "2030年8月3日(土) 17:00～21:00" in japanese and "無料" in japanese


def test_untranslated_event_shows_in_the_other_languages_lists(client, index):
    make(index, title="日本語だけの催し", start_date=date(2030, 6, 3))
    english_index = index.get_translation(Locale.objects.get(language_code="en"))  # setup_city made it
    html = client.get(english_index.url, {"when": "range", "start": "2030-06-01", "end": "2030-06-30"}).content.decode()
    assert "日本語だけの催し" in html


def test_text_typed_by_editors_is_escaped(client, index):
    event = make(index, title="<script>alert(1)</script>", start_date=date(2030, 6, 3), fee_detail="<b>500円</b>")
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;500円&lt;/b&gt;" in html


def test_event_page_links_its_facility_venue_and_shows_it_on_the_map(client, index, site_tree):
    from facilities.factories import FacilityIndexPageFactory, FacilityPageFactory

    library = FacilityPageFactory(parent=FacilityIndexPageFactory(parent=site_tree), title="高松市中央図書館")
    event = make(
        index, title="おはなし会", start_date=date(2030, 6, 1), venue=library, venue_name="", lat=None, lng=None
    )
    assert (event.lat, event.lng, event.address) == (library.latitude, library.longitude, library.address)
    html = client.get(event.url).content.decode()
    assert f'<a href="{library.url}">高松市中央図書館</a>' in html
    assert 'id="event-venue-map"' in html
    assert '"lat": 34.34397' in html


# --- the editor ---------------------------------------------------------------------


def form_for(index, user, **data):
    form_class = EventPage.get_edit_handler().get_form_class()
    values = {
        "title": "第2土曜マルシェ",
        "slug": "market",
        "start_date": "2030-05-11",
        "start_time": "09:00",
        "end_time": "12:00",
        "audience": "everyone",
        "description": rich_text(""),
        "repeat_interval": "1",
        "comments": inline_formset([]),
    }
    values.update(data)
    return form_class(nested_form_data(values), instance=EventPage(), parent_page=index, for_user=user)


def test_editor_choices_become_an_rrule_with_excluded_dates(index, make_user):
    form = form_for(
        index,
        make_user(groups.EDITORS),
        repeat_frequency="monthly_weekday",
        repeat_until="2030-12-31",
        repeat_excluded="2030-08-10",
    )
    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    assert page.rrule == "FREQ=MONTHLY;UNTIL=20301231T145959Z;BYDAY=2SA"
    assert page.exdates == "20300810"


def test_editor_sees_why_a_rule_is_refused(index, make_user):
    form = form_for(index, make_user(groups.EDITORS), repeat_frequency="daily", repeat_until="2036-12-31")
    assert not form.is_valid()
    assert "more than 1000 dates" in str(form.errors["rrule"])
    form = form_for(
        index,
        make_user(groups.EDITORS),
        start_date="2030-05-12",
        repeat_frequency="custom",
        rrule="FREQ=MONTHLY;BYDAY=2SA",
    )
    assert not form.is_valid()
    assert "2030-06-08" in str(form.errors["start_date"])
    form = form_for(index, make_user(groups.EDITORS), repeat_frequency="custom", rrule="FREQ=FORTNIGHTLY")
    assert "does not parse" in str(form.errors["rrule"])


def test_admin_shows_the_dates_of_a_saved_draft(client, index, make_user):
    event = make(index, title="第2土曜マルシェ", start_date=date(2030, 5, 11), rrule="FREQ=MONTHLY;BYDAY=2SA;COUNT=3")
    client.force_login(make_user(groups.EDITORS))
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "2030年6月8日(土) 10:00～12:00" in html
    assert "3 dates" in html or "3 日" in html


@pytest.mark.parametrize(
    ("group", "can_add"),
    [
        (groups.EDITORS, True),
        (GARBAGE_STAFF, False),
        (CHILDCARE_STAFF, False),
        (groups.TRANSLATORS, False),
    ],
)
def test_who_may_create_event_pages(client, index, make_user, group, can_add):
    client.force_login(make_user(group))
    response = client.get(f"/admin/pages/add/events/eventpage/{index.pk}/")
    assert (response.status_code == 200) is can_add


def test_translator_cannot_edit_the_japanese_event(client, index, make_user):
    event = make(index, start_date=date(2030, 6, 1))
    client.force_login(make_user(groups.TRANSLATORS))
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code != 200


def test_drafts_are_not_public(client, index):
    draft = make(index, title="未公開の催し", start_date=date(2030, 6, 3), live=False)
    assert (
        client.get(index.url, {"when": "range", "start": "2030-06-01", "end": "2030-06-30"})
        .content.decode()
        .count("未公開の催し")
        == 0
    )
    assert client.get("/api/v1/events", {"start": "2030-06-01", "end": "2030-06-30"}).json()["count"] == 0
    assert draft.pk
