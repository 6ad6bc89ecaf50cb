"""What the last import wrote to each imported object, so a re-import can tell an editor's change;
the imports the worker runs for the admin."""

from __future__ import annotations

import uuid

from django.conf import settings
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


class ImportJob(models.Model):
    """An import committed in the admin and run by the worker (opendata/background.py): what to
    import, how far it got, and its report, for the progress page."""

    WAITING, RUNNING, DONE, FAILED = "waiting", "running", "done", "failed"
    STATUSES = [
        (WAITING, _("waiting for the worker")),
        (RUNNING, _("importing")),
        (DONE, _("imported")),
        (FAILED, _("nothing imported")),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    flow = models.CharField(max_length=200)  # "module:name" of the ImportFlow
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    files = models.JSONField(default=list)  # [[stored path, uploaded name], …]
    options = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=STATUSES, default=WAITING)
    stage = models.CharField(max_length=100, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    errors = models.JSONField(default=list)  # RowErrors as dicts: found so far, or why nothing was imported
    report = models.JSONField(null=True, blank=True)  # the ImportReport as a dict, when done
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import job")

    def __str__(self) -> str:
        return f"{self.flow} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)
