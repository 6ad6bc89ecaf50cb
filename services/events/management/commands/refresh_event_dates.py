"""refresh_event_dates: keep open-ended repeating events listed three years ahead (run daily)."""

from datetime import datetime

from django.core.management.base import BaseCommand

from services.events import recurrence
from services.events.models import EventOccurrence, EventPage
from services.events.recurrence import TOKYO, RecurrenceError


class Command(BaseCommand):
    help = (
        "Re-expand every event whose repeat rule has no end (no UNTIL or COUNT) so that its stored dates "
        f"reach {recurrence.OPEN_ENDED_YEARS} years from today. Saving a page does this for that page; run "
        "this daily (cron, a scheduled task) so untouched pages keep appearing in lists, calendars and feeds. "
        "Idempotent: a page whose dates are already current is not written."
    )

    def handle(self, *args, **options):
        today = datetime.now(TOKYO).date()
        extended = current = 0
        for page in EventPage.objects.exclude(rrule="").iterator():
            schedule = page.schedule()
            if not schedule.is_open_ended:
                continue
            try:
                occurrences = recurrence.materialise(schedule, today=today)
            except RecurrenceError:
                continue  # the page's own validation reports it when an editor saves it
            stored = list(
                EventOccurrence.objects.filter(page=page).order_by("start").values_list("start", "end", "all_day")
            )
            if stored == [(o.start, o.end, o.all_day) for o in occurrences]:
                current += 1
                continue
            page.materialise_occurrences(occurrences=occurrences)
            extended += 1
        self.stdout.write(f"{extended} open-ended event(s) extended, {current} already current")
