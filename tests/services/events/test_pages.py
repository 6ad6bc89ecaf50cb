"""Event pages: schedule validation, the occurrence table, rendering in two languages."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from services.events.factories import EventPageFactory
from services.events.models import EventOccurrence
from services.events.recurrence import TOKYO


def test_saving_an_event_materialises_its_dates(index):
    page = EventPageFactory(parent=index, start_date=date(2026, 5, 9), rrule="FREQ=MONTHLY;BYDAY=2SA;COUNT=3")
    starts = list(EventOccurrence.objects.filter(page=page).values_list("start", flat=True))
    assert [s.astimezone(TOKYO) for s in starts] == [
        datetime(2026, 5, 9, 10, tzinfo=TOKYO),
        datetime(2026, 6, 13, 10, tzinfo=TOKYO),
        datetime(2026, 7, 11, 10, tzinfo=TOKYO),
    ]


def test_editing_the_rule_replaces_the_dates(index):
    page = EventPageFactory(parent=index, start_date=date(2026, 5, 9), rrule="FREQ=MONTHLY;BYDAY=2SA;COUNT=3")
    page.exdates = "20260613"
    page.save_revision().publish()
    assert EventOccurrence.objects.filter(page=page).count() == 2


def test_rule_that_does_not_parse_is_refused_on_the_rrule_field(index):
    page = EventPageFactory.build(start_date=date(2026, 5, 9), rrule="FREQ=SOMETIMES")
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    assert "rrule" in error.value.message_dict


def test_end_before_start_is_refused_on_the_end_field(index):
    page = EventPageFactory.build(start_date=date(2026, 5, 9), end_date=date(2026, 5, 8))
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    assert "end_date" in error.value.message_dict


def test_event_page_renders_japanese_date_and_every_date(client, index):
    page = EventPageFactory(
        parent=index, title="第2土曜マルシェ", start_date=date(2030, 5, 11), rrule="FREQ=MONTHLY;BYDAY=2SA;COUNT=3"
    )
    html = client.get(page.url).content.decode()
    assert '<h1 id="event-title">第2土曜マルシェ</h1>' in html
    assert "2030年6月8日(土) 10:00～12:00" in html
    assert "2030年7月13日(土) 10:00～12:00" in html
