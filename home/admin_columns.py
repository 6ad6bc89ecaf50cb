"""Listing columns shared by the portal's admin viewsets."""

from django.utils.text import capfirst
from wagtail.admin.ui.tables import BooleanColumn


def yes_no(model, name: str) -> BooleanColumn:
    """A boolean field as a listing column: a tick or a cross with はい/いいえ beside it
    (templates/wagtailadmin/tables/boolean_cell.html), where a plain column prints True/False."""
    field = model._meta.get_field(name)
    return BooleanColumn(name, label=capfirst(field.verbose_name), sort_key=name)
