"""Write a parsed 5374/Takamatsu dataset into the database, and read one back for export.

Shared by the ``import_5374`` / ``export_5374`` commands and the admin upload view, so both
give the same result and the same error report. Imports run in one transaction, update
in place (areas keep their codes, items their translations) and change nothing when the
same files are imported again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.indexing import index_objects
from opendata.reading import Change, ImportFailed, ImportReport, RowError, progress
from opendata.saving import keeps_edit, last_imported, remember_created, remember_imported, set_changed, set_imported

from . import rules as engine
from .importers import (
    Area5374,
    Category5374,
    CellSchedule,
    Centre5374,
    Dataset5374,
    NotRepresentable,
    Target5374,
    format_cell,
)
from .models import (
    CollectionArea,
    CollectionRule,
    DisposalCentre,
    GarbageCalendarPage,
    GarbageCategory,
    GarbageRemark,
    SortingItem,
    item_search_key,
)


def category_code(label: str, taken: set[str]) -> str:
    code = slugify(label, allow_unicode=True)[:40] or "category"
    candidate, number = code, 2
    while candidate in taken:
        candidate, number = f"{code[:36]}-{number}", number + 1
    taken.add(candidate)
    return candidate


def towns_of(areas: list[Area5374], municipality) -> dict[str, str]:
    """The gazetteer towns each area's name lists (目黒区's 青葉台一丁目から四丁目 → 青葉台一丁目 … 四丁目;
    金沢市's 校下 田上 → 田上一丁目 … 田上町, 田上本町), one per line; see
    ``services.garbage.towns.derive_all``."""
    from .towns import derive_all

    return {name: "\n".join(towns) for name, towns in derive_all([a.name for a in areas], municipality).items()}


def import_dataset(
    municipality,
    dataset: Dataset5374,
    errors: list[RowError],
    *,
    skip_invalid=False,
    week_shift=False,
    overwrite_edits=False,
) -> ImportReport:
    if errors and not skip_invalid:
        raise ImportFailed(errors)
    report = ImportReport(skipped=list(errors))
    with transaction.atomic():
        categories = _import_categories(municipality, dataset, report, overwrite_edits)
        centres = _import_centres(municipality, dataset.centres, week_shift, report)
        _import_remarks(municipality, dataset.remarks, report)
        _import_areas(municipality, dataset.areas, categories, centres, report, overwrite_edits)
        _import_targets(municipality, dataset.targets, categories, report, overwrite_edits)
        # The calendar pages index the category names: keep them findable by the new ones.
        index_objects(GarbageCalendarPage.objects.filter(municipality=municipality).specific())
    return report


def _count(report: ImportReport, created: bool, changed: bool) -> None:
    if created:
        report.created += 1
    elif changed:
        report.updated += 1
    else:
        report.unchanged += 1


def _import_categories(municipality, dataset: Dataset5374, report, overwrite_edits=False) -> dict[str, GarbageCategory]:
    """The categories the files name; a description or colour staff changed since the last import
    keeps their value (a conflict in the report) unless *overwrite_edits*."""
    locale = Locale.get_default()
    existing = {c.name: c for c in GarbageCategory.objects.filter(municipality=municipality, locale=locale)}
    imported = last_imported(existing.values())
    taken = {c.code for c in existing.values()}
    scheduled = set(dataset.scheduled_labels)
    labels = [c for c in dataset.categories]
    labels += [Category5374(t.category) for t in dataset.targets if t.category not in {c.label for c in labels}]
    result = {}
    for source in labels:
        if source.label in result:
            continue
        order = len(result)
        values = {
            "description": source.description,
            "sublabel": source.sublabel,
            "icon": source.styles,
            "sort_order": order,
            "scheduled": source.label in scheduled,
        }
        if source.bgcolor:
            values["colour"] = source.bgcolor.lower() if len(source.bgcolor) == 7 else source.bgcolor
        category = existing.get(source.label)
        created = category is None
        if created:
            category = GarbageCategory(
                municipality=municipality, locale=locale, name=source.label, code=category_code(source.label, taken)
            )
        last = imported.get(category.pk)
        changed = set_imported(category, values, last, report, overwrite_edits=overwrite_edits)
        if created or changed:
            category.save()
        remember_imported(category, values, last, source=source.label)
        _count(report, created, changed)
        result[source.label] = category
    return result


def _import_centres(municipality, centres: list[Centre5374], week_shift: bool, report) -> dict[str, DisposalCentre]:
    result = {}
    for source in centres:
        centre, created = DisposalCentre.objects.get_or_create(municipality=municipality, name=source.name)
        changed = set_changed(
            centre, {"shutdown_start": source.start, "shutdown_end": source.end, "week_shift": week_shift}
        )
        if changed:
            centre.save()
        _count(report, created, changed and not created)
        result[source.name] = centre
    return result


def _import_remarks(municipality, remarks: dict[str, str], report) -> None:
    for code, text in remarks.items():
        remark, created = GarbageRemark.objects.get_or_create(
            municipality=municipality, code=code, defaults={"text": text}
        )
        changed = not created and set_changed(remark, {"text": text})
        if changed:
            remark.save()
        _count(report, created, changed)


def _rules_value(rules_by_label: dict) -> dict[str, list[str]]:
    """An area's rules as its import remembers and compares them: per category, sorted."""
    return {label: sorted(repr(rule) for rule in rules) for label, rules in sorted(rules_by_label.items()) if rules}


def _rules_shown(rules_by_label: dict) -> str:
    """An area's rules as staff read them in a conflict: 燃やせるごみ: 月 木 / …"""
    cells = []
    for label, rules in sorted(rules_by_label.items()):
        try:
            cells.append(f"{label}: {format_cell(rules)}")
        except NotRepresentable:
            cells.append(f"{label}: {len(rules)}")
    return " / ".join(cells)


def _import_areas(municipality, areas: list[Area5374], categories, centres, report, overwrite_edits=False) -> None:
    """Areas and their collection rules; a field or the rules staff changed since the last import
    keep their value (a conflict in the report) unless *overwrite_edits*."""
    existing = {a.name: a for a in CollectionArea.objects.filter(municipality=municipality)}
    imported = last_imported(existing.values())
    numbers = [int(m.group(1)) for a in existing.values() if (m := re.search(r"-(\d+)$", a.code))]
    next_number = max(numbers, default=0) + 1
    current_rules = defaultdict(lambda: defaultdict(list))
    for rule in CollectionRule.objects.filter(area__municipality=municipality).select_related("category"):
        current_rules[rule.area_id][rule.category.name].append(rule.to_rule())
    derived = towns_of(areas, municipality)
    for order, source in enumerate(progress(areas, total=len(areas), desc="areas")):
        area = existing.pop(source.name, None)
        created = area is None
        if created:
            area = CollectionArea(
                municipality=municipality, name=source.name, code=f"{municipality.code}-{next_number:03d}"
            )
            next_number += 1
        last = imported.get(area.pk)
        remarks = {label: list(cell.remark_ids) for label, cell in source.cells.items() if cell.remark_ids}
        values = {
            "centre": centres.get(source.centre),
            "sort_order": order,
            "remarks": remarks,
        }
        if created or not area.towns:
            values["towns"] = derived[source.name]
        changed = set_imported(area, values, last, report, overwrite_edits=overwrite_edits)
        if created or changed:
            area.save()
        wanted = {label: list(cell.rules) for label, cell in source.cells.items() if cell.rules}
        have = dict(current_rules.get(area.pk, {}))
        rules_edited = keeps_edit(
            area,
            "rules",
            _rules_value(have),
            _rules_value(wanted),
            last,
            report,
            overwrite_edits=overwrite_edits,
            shown=(_rules_shown(have), _rules_shown(wanted)),
            label=_("collection days"),
        )
        if not rules_edited and _rules_value(wanted) != _rules_value(have):
            CollectionRule.objects.filter(area=area).delete()
            CollectionRule.objects.bulk_create(
                CollectionRule.from_rule(rule, area=area, category=categories[label], position=position)
                for label, rules in wanted.items()
                for position, rule in enumerate(rules)
            )
            if not created:
                report.changes.append(
                    Change(None, str(area), "rules", _rules_shown(have), _rules_shown(wanted), _("collection days"))
                )
            changed = True
        remember_imported(area, {**values, "rules": _rules_value(wanted)}, last, source=source.name)
        _count(report, created, bool(changed))
    for gone in existing.values():
        report.notes.append(_("Removed area %(name)s (not in the files)") % {"name": gone.name})
        gone.delete()


def _import_targets(municipality, targets: list[Target5374], categories, report, overwrite_edits=False) -> None:
    """The sorting dictionary; a note or reading staff changed since the last import keeps their
    value (a conflict in the report) unless *overwrite_edits*."""
    locale = Locale.get_default()
    existing = defaultdict(list)
    items = list(SortingItem.objects.filter(municipality=municipality, locale=locale).select_related("category"))
    imported = last_imported(items)
    for item in items:
        existing[(item.category.name, item.name)].append(item)
    occurrences = Counter()
    kept = set()
    to_create = []
    for order, target in enumerate(progress(targets, total=len(targets), desc="dictionary")):
        key = (target.category, target.name)
        index = occurrences[key]
        occurrences[key] += 1
        matches = existing.get(key, [])
        values = {"notice": target.notice, "reading": target.furigana, "sort_order": order}
        if index < len(matches):
            item = matches[index]
            kept.add(item.pk)
            last = imported.get(item.pk)
            changed = set_imported(item, values, last, report, overwrite_edits=overwrite_edits)
            if changed:
                item.save()
            remember_imported(item, values, last, source=f"{target.category}/{target.name}")
            _count(report, False, changed)
        else:
            item = SortingItem(
                municipality=municipality,
                locale=locale,
                category=categories[target.category],
                name=target.name,
                **values,
            )
            item.search_key = item_search_key(target.name, target.furigana)
            to_create.append((item, values, f"{target.category}/{target.name}"))
            report.created += 1
    # bulk_create sends no signals: index the new items so they are searchable at once.
    created = SortingItem.objects.bulk_create([item for item, _values, _source in to_create], batch_size=500)
    index_objects(created)
    remember_created(to_create)
    stale = [item.pk for items in existing.values() for item in items if item.pk not in kept]
    if stale:
        keys = SortingItem.objects.filter(pk__in=stale).values_list("translation_key", flat=True)
        SortingItem.objects.filter(translation_key__in=list(keys)).delete()
        report.notes.append(_("Removed %(count)s dictionary item(s) no longer in the files") % {"count": len(stale)})


def fiscal_year(today: date) -> tuple[date, date]:
    start_year = today.year if today.month >= 4 else today.year - 1
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def export_dataset(municipality, window: tuple[date, date] | None = None) -> Dataset5374:
    """The municipality's garbage data as a 5374 dataset. Rules 5374 cannot express (validity
    ranges, several month lists in one cell) become explicit dates over *window* (default: this fiscal year)."""
    window = window or fiscal_year(date.today())
    locale = Locale.get_default()
    dataset = Dataset5374()
    categories = list(GarbageCategory.objects.filter(municipality=municipality, locale=locale))
    for category in categories:
        if not (category.scheduled or category.description or category.icon):
            continue  # a dictionary-only category: 5374 names it in target.csv alone
        dataset.categories.append(
            Category5374(category.name, category.sublabel, category.description, category.icon, category.colour)
        )
    scheduled = [c for c in categories if c.scheduled]
    dataset.centres = [
        Centre5374(c.name, c.shutdown_start, c.shutdown_end)
        for c in DisposalCentre.objects.filter(municipality=municipality, shutdown_start__isnull=False)
    ]
    dataset.remarks = {r.code: r.text for r in GarbageRemark.objects.filter(municipality=municipality)}
    rules = defaultdict(lambda: defaultdict(list))
    for rule in CollectionRule.objects.filter(area__municipality=municipality).order_by("position", "pk"):
        rules[rule.area_id][rule.category_id].append(rule.to_rule())
    for area in CollectionArea.objects.filter(municipality=municipality).select_related("centre"):
        cells = {}
        for category in scheduled:
            area_rules = rules[area.pk].get(category.pk, [])
            remark_ids = tuple(area.remarks.get(category.name, ()))
            try:
                format_cell(area_rules, remark_ids)
                cells[category.name] = CellSchedule(tuple(area_rules), remark_ids)
            except NotRepresentable:
                days = engine.collection_dates(area_rules, *window)
                cells[category.name] = CellSchedule((engine.explicit_dates(days),) if days else (), remark_ids)
        dataset.areas.append(Area5374(area.name, area.centre.name if area.centre else "", cells))
    for item in SortingItem.objects.filter(municipality=municipality, locale=locale).select_related("category"):
        dataset.targets.append(Target5374(item.category.name, item.name, item.notice, item.reading))
    return dataset
