"""Update in place: an import's second run changes nothing and says so, and an editor's change
to an imported field survives the next import (a conflict in the report, not an overwrite)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from opendata.reading import Change, Conflict, ImportReport


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


def conflict_key(instance: models.Model, name: str) -> str:
    """How staff's choice for one conflicted field is named between the preview and the commit."""
    return f"{instance._meta.label_lower}:{instance.pk}:{name}"


def field_label(instance: models.Model, name: str) -> str:
    """The field's name as staff read it in the admin (its verbose name), else *name*."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))  # a reverse relation has none


def takes_file_value(instance: models.Model, name: str, overwrite_edits) -> bool:
    """*overwrite_edits* is True (every conflict takes the file's value), False, or the
    ``conflict_key``s staff chose to take from the file."""
    if isinstance(overwrite_edits, bool):
        return overwrite_edits
    return conflict_key(instance, name) in set(overwrite_edits or ())


def keeps_edit(
    instance: models.Model,
    name: str,
    current,
    file_value,
    last: dict | None,
    report: ImportReport,
    *,
    row: int | None = None,
    overwrite_edits=False,
    shown: tuple | None = None,
    label: str = "",
) -> bool:
    """True when *name* keeps its *current* value because an editor changed it since the last
    import (*last*, what that import wrote) and the file now disagrees: a conflict in *report*
    (shown as *shown*, editor's and file's value, when given), unless staff take the file's
    value (*overwrite_edits*). A value that is not a model field (a list of rules) uses this too."""
    current, file_value = plain(current), plain(file_value)
    edited = last is not None and name in last and current != last[name]
    if not edited or current == file_value or takes_file_value(instance, name, overwrite_edits):
        return False
    editor_value, new_value = shown or (current, file_value)
    report.conflicts.append(
        Conflict(
            row,
            str(instance),
            name,
            editor_value,
            new_value,
            key=conflict_key(instance, name),
            label=label or field_label(instance, name),
        )
    )
    return True


def set_imported(
    instance: models.Model,
    values: dict,
    last: dict | None,
    report: ImportReport,
    *,
    row: int | None = None,
    overwrite_edits=False,
) -> list[str]:
    """``set_changed`` that keeps an editor's work: a field whose current value is not what the last
    import wrote (*last*) was edited since, so it keeps its value and the disagreement with the file
    is a conflict in *report* (unless *overwrite_edits*: True, or the ``conflict_key``s staff chose
    to take from the file). Without *last* (never imported with provenance) every field follows the
    file, as before. Returns the names of the fields set; an existing object's are listed in
    ``report.changes`` (field, old value, new value) for the preview."""
    wanted = {
        name: value
        for name, value in values.items()
        if not keeps_edit(
            instance, name, _current(instance, name), value, last, report, row=row, overwrite_edits=overwrite_edits
        )
    }
    before = {name: _current(instance, name) for name in wanted} if instance.pk is not None else {}
    changed = set_changed(instance, wanted)
    if before:
        report.changes += [
            Change(row, str(instance), name, before[name], _current(instance, name), field_label(instance, name))
            for name in changed
        ]
    return changed


def remember_imported(instance: models.Model, values: dict, last: dict | None = None, source: str = "") -> None:
    """Record *values* as what this import wrote to *instance* (after it is saved); no write when
    they are what the last import wrote already (*last*), so a second run writes nothing. The
    fields of *last* this import does not write stay remembered (two imports may feed one object:
    the 5374 files and the 町丁目 table both write a collection area)."""
    from opendata.models import ImportedValues

    written = {**(last or {}), **{name: plain(value) for name, value in values.items()}}
    if written == last:
        return
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    ImportedValues.objects.update_or_create(
        content_type=content_type,
        object_id=str(instance.pk),
        defaults={"values": written, "source": source[:255]},
    )


def remember_created(written: Iterable[tuple[models.Model, dict, str]]) -> None:
    """``remember_imported`` for objects created by this import (no record yet): one insert for all."""
    from opendata.models import ImportedValues

    rows = [
        ImportedValues(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
            values={name: plain(value) for name, value in values.items()},
            source=source[:255],
        )
        for instance, values, source in written
    ]
    ImportedValues.objects.bulk_create(rows, batch_size=500)
