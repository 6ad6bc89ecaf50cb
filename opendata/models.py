"""What the last import wrote to each imported object, so a re-import can tell an editor's change."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedValues(models.Model):
    """The field values the last import wrote to one object (a page, an area, a notice).

    A field whose current value differs from the one here was changed by an editor since: the
    next import keeps it and reports a conflict instead of overwriting it (``opendata.saving``).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    source = models.CharField(_("import source id"), max_length=255, blank=True)
    values = models.JSONField(default=dict)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported values")
        verbose_name_plural = _("imported values")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="imported_values_per_object")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
