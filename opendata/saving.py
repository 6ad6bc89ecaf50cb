"""Update in place: an import's second run changes nothing and says so."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def set_changed(instance: models.Model, values: dict) -> list[str]:
    """Set the fields of *instance* whose value differs from *values*; the names of those set.

    A foreign key is compared by id (no query for the related row); saving is left to the caller,
    which counts the row as updated when anything changed and unchanged otherwise.
    """
    changed = []
    for name, value in values.items():
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            field = None  # a plain attribute (a property with a setter)
        if field is not None and field.many_to_one and name != field.attname:  # not "venue_id"
            current, wanted = getattr(instance, field.attname), (value.pk if value is not None else None)
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            setattr(instance, name, value)
            changed.append(name)
    return changed
