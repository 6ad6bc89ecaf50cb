"""refresh_event_dates keeps open-ended repeating events listed ahead, and writes nothing twice."""

import io
from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command

from services.events.factories import EventPageFactory
from services.events.models import EventOccurrence
from services.events.recurrence import OPEN_ENDED_YEARS, TOKYO

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("refresh_event_dates", stdout=out)
    return out.getvalue()


def test_open_ended_rule_is_extended_to_years_from_today_once(index):
    # Started two years ago: saving stored dates up to three years after the start only.
    start = datetime.now(TOKYO).date() - relativedelta(years=2)
    weekly = EventPageFactory(parent=index, start_date=start, rrule="FREQ=WEEKLY")
    bounded = EventPageFactory(parent=index, start_date=start, rrule="FREQ=WEEKLY;COUNT=5")
    single = EventPageFactory(parent=index, start_date=start)
    last_before = EventOccurrence.objects.filter(page=weekly).latest("start").start.date()
    assert last_before < start + relativedelta(years=OPEN_ENDED_YEARS)
    untouched = {page.pk: list(EventOccurrence.objects.filter(page=page).values_list("pk", flat=True))
                 for page in (bounded, single)}  # fmt: skip

    assert run().startswith("1 open-ended event(s) extended")
    last = EventOccurrence.objects.filter(page=weekly).latest("start").start.date()
    horizon = datetime.now(TOKYO).date() + relativedelta(years=OPEN_ENDED_YEARS)
    assert horizon - timedelta(days=7) <= last < horizon
    first = EventOccurrence.objects.filter(page=weekly).earliest("start").start.date()
    assert first == start  # past dates stay listed for the archive and feeds
    for page_pk, pks in untouched.items():
        assert list(EventOccurrence.objects.filter(page_id=page_pk).values_list("pk", flat=True)) == pks

    stored = list(EventOccurrence.objects.filter(page=weekly).values_list("pk", flat=True))
    assert run().startswith("0 open-ended event(s) extended, 1 already current")
    assert list(EventOccurrence.objects.filter(page=weekly).values_list("pk", flat=True)) == stored


def test_nothing_to_refresh_says_so(index):
    EventPageFactory(parent=index, start_date=date(2026, 5, 16))
    assert run().startswith("0 open-ended event(s) extended, 0 already current")
