"""Admin panel: the computed calendar of the area being edited, so an editor sees what the rules mean."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

PREVIEW_DAYS = 62


class CalendarPreviewPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "services/garbage/admin/calendar_preview_panel.html"

        def get_context_data(self, parent_context=None):
            from japanese.dates import today_in_japan

            from .calendar import AreaSchedule

            context = super().get_context_data(parent_context)
            area = self.instance
            collections = []
            if area and area.pk:
                today = today_in_japan()
                collections = AreaSchedule.load(area).collections(today, today + timedelta(days=PREVIEW_DAYS))
            context.update(collections=collections, empty_text=_("Save the area and add rules to see its calendar."))
            return context
