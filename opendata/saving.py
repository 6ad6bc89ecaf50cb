"""Update in place: an import's second run changes nothing and says so, and an editor's change
to an imported field survives the next import (a conflict in the report, not an overwrite)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from opendata.reading import Conflict, ImportReport


def set_changed(instance: models.Model, values: dict) -> list[str]:
    """Set the fields of *instance* whose value differs from *values*; the names of those set.

    A foreign key is compared by id (no query for the related row); saving is left to the caller,
    which counts the row as updated when anything changed and unchanged otherwise.
    """
    changed = []
    for name, value in values.items():
        wanted = (value.pk if value is not None else None) if _foreign_key(instance, name) else value
        if _current(instance, name) != wanted:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _foreign_key(instance: models.Model, name: str):
    """The foreign key *name* names by its field name ("venue", not "venue_id"), or None (another
    field, or a plain attribute: a property with a setter)."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.many_to_one and name != field.attname else None


def _current(instance: models.Model, name: str):
    """The value of *name* on *instance*; a foreign key's id, without a query for the related row."""
    field = _foreign_key(instance, name)
    return getattr(instance, field.attname if field else name)


# --- an editor's change survives a re-import ------------------------------------------------


def plain(value):
    """*value* as JSON keeps it (dates as ISO text, a related row as its id), for comparison."""
    if isinstance(value, models.Model):
        return value.pk
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def last_imported(objects: Iterable[models.Model]) -> dict:
    """What the last import wrote to each of *objects* (one model), by pk: one query."""
    from opendata.models import ImportedValues

    objects = list(objects)
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)
    ids = [str(obj.pk) for obj in objects]
    rows = ImportedValues.objects.filter(content_type=content_type, object_id__in=ids)
    by_id = {row.object_id: row.values for row in rows}
    return {obj.pk: by_id[str(obj.pk)] for obj in objects if str(obj.pk) in by_id}


def set_imported(
    instance: models.Model,
    values: dict,
    last: dict | None,
    report: ImportReport,
    *,
    row: int | None = None,
    overwrite_edits: bool = False,
) -> list[str]:
    """``set_changed`` that keeps an editor's work: a field whose current value is not what the last
    import wrote (*last*) was edited since, so it keeps its value and the disagreement with the file
    is a conflict in *report* (unless *overwrite_edits*). Without *last* (never imported with
    provenance) every field follows the file, as before. Returns the names of the fields set."""
    wanted = dict(values)
    for name, value in values.items():
        current, file_value = plain(_current(instance, name)), plain(value)
        edited = last is not None and name in last and current != last[name]
        if edited and current != file_value and not overwrite_edits:
            report.conflicts.append(Conflict(row, str(instance), name, current, file_value))
            del wanted[name]
    return set_changed(instance, wanted)


def remember_imported(instance: models.Model, values: dict, last: dict | None = None, source: str = "") -> None:
    """Record *values* as what this import wrote to *instance* (after it is saved); no write when
    they are what the last import wrote already (*last*), so a second run writes nothing."""
    from opendata.models import ImportedValues

    written = {name: plain(value) for name, value in values.items()}
    if written == last:
        return
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    ImportedValues.objects.update_or_create(
        content_type=content_type,
        object_id=str(instance.pk),
        defaults={"values": written, "source": source[:255]},
    )
