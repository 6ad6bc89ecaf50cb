"""An admin panel listing the dates an event expands to, so the editor sees what a rule means."""

from __future__ import annotations

import itertools

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from . import recurrence
from .formatting import format_occurrence
from .recurrence import RecurrenceError

SHOWN = 60


class OccurrencesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "services/events/admin/occurrences_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            dates, error, total = [], "", 0
            if getattr(page, "start_date", None):
                try:
                    schedule = page.schedule()
                    total = recurrence.check(schedule)
                    dates = [
                        format_occurrence(o, "ja")
                        for o in itertools.islice(recurrence.iter_occurrences(schedule), SHOWN)
                    ]
                except RecurrenceError as exc:
                    error = exc.message
            context.update(
                dates=dates,
                error=error,
                total=total,
                more=max(total - SHOWN, 0),
                empty_text=_("Save a draft to see the dates."),
            )
            return context
