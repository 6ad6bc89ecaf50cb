"""The admin form of every page residents read (``BasePage.base_form_class``).

Publishing, scheduling or sending a page for 承認 runs the accessibility check
(``home.accessibility``) on its rich text, StreamFields and images, and refuses with each fault
named; saving a draft does not (Wagtail defers validation for a draft, and so does the check).
"""

import json

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model

from home.accessibility import page_problems
from home.page_templates import TO_WRITE


def _is_read_by_residents(model_field) -> bool:
    if isinstance(model_field, RichTextField | StreamField):
        return True
    return isinstance(model_field, models.ForeignKey) and model_field.related_model is get_image_model()


def unwritten_template_lines(values) -> list[str]:
    """A page started from a template (定型) still holding its 【記入】 lines."""
    left = sum(
        json.dumps(
            list(value.raw_data) if hasattr(value, "raw_data") else str(value), ensure_ascii=False, default=str
        ).count(TO_WRITE)
        for value in values
        if value is not None
    )
    if not left:
        return []
    return [
        ngettext(
            "%(count)d line of the template (【記入】) is still to be written.",
            "%(count)d lines of the template (【記入】) are still to be written.",
            left,
        )
        % {"count": left}
    ]


class PageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:  # a draft: saved as it is
            return cleaned_data
        values = []
        for name in self.fields:
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:  # a form-only field
                continue
            if _is_read_by_residents(model_field) and name not in self.errors:
                values.append(cleaned_data.get(name))
        problems = page_problems(values)
        if problems:
            lead = _("The accessibility check found problems; fix them to publish (the draft can be saved):")
            self.add_error(None, ValidationError([lead, *problems], code="accessibility"))
        for unwritten in unwritten_template_lines(values):
            self.add_error(None, ValidationError(unwritten, code="template_unwritten"))
        return cleaned_data
