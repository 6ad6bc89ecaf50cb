"""Turning a read vacancy file into a notice: matching, drafts, revisions, publishing.

Shared by ``import_vacancies`` and the staff upload in the admin, so both do the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from opendata.reading import ImportReport, RowError, progress
from opendata.saving import keeps_edit, last_imported, remember_imported

from .importers import KnownNursery, MatchStatus, RowMatch, VacancySheet, match_rows
from .models import Nursery, VacancyNotice, encode_vacancy


def known_nurseries(municipality) -> list[KnownNursery]:
    rows = Nursery.objects.filter(municipality=municipality).values_list(
        "pk", "facility__title", "number", "ward", "facility__address"
    )
    return [
        KnownNursery(id=pk, name=title or "", number=number, ward=f"{ward} {address or ''}".strip())
        for pk, title, number, ward, address in rows
    ]


def match_sheet(sheet: VacancySheet, municipality) -> list[RowMatch]:
    return match_rows(sheet.rows, known_nurseries(municipality))


def blocking_errors(sheet: VacancySheet, matches: Iterable[RowMatch]) -> list[RowError]:
    """The unmatched and ambiguous rows as row errors naming the number or name that failed."""
    errors = []
    for match in matches:
        if match.status == MatchStatus.MATCHED:
            continue
        column, value = ("施設番号", match.row.number) if match.row.number else ("施設名", match.row.name)
        errors.append(RowError(sheet.file, match.row.row, column, value, f"{match.status.value}: {match.reason}"))
    return errors


def counts_from(matches: Iterable[RowMatch]) -> dict[str, list]:
    """{nursery id: [0歳 … 5歳]} for the matched rows, as a notice stores them."""
    matches = list(matches)
    counts = {}
    for match in progress(matches, total=len(matches), desc="nurseries"):
        if match.status == MatchStatus.MATCHED:
            counts[str(match.nursery_id)] = [encode_vacancy(match.row.by_age[age]) for age in sorted(match.row.by_age)]
    return counts


@dataclass
class SavedNotice:
    notice: VacancyNotice
    created: bool
    changed: bool
    published: bool


@transaction.atomic
def save_notice(
    municipality,
    as_of: date,
    counts: dict[str, list],
    *,
    user=None,
    source_file: str = "",
    publish: bool = False,
    report: ImportReport | None = None,
    overwrite_edits=False,
) -> SavedNotice:
    """Create the notice of that date, or a new revision of it when the counts differ.

    A published notice is never changed in place: the new counts go into a revision, which
    becomes live when published (now with *publish*, later from the admin or a schedule).
    Saving the same counts again changes nothing. A nursery's places an editor changed since
    the last import keep the editor's value (a conflict in *report*) unless *overwrite_edits*.
    """
    report = report if report is not None else ImportReport()
    notice = VacancyNotice.objects.filter(municipality=municipality, as_of=as_of).first()
    created = notice is None
    if created:
        notice = VacancyNotice(
            municipality=municipality, as_of=as_of, counts=counts, source_file=source_file, live=False
        )
        notice.save()
        changed = True
        remember_imported(notice, {"counts": counts}, source=source_file)
    else:
        current = notice.get_latest_revision_as_object() if notice.latest_revision_id else notice
        last = last_imported([notice]).get(notice.pk)
        wanted = _kept_counts(current, counts, last, report, overwrite_edits)
        changed = current.counts != wanted
        if changed:
            notice = current
            notice.counts = wanted
            notice.source_file = source_file or notice.source_file
            if not notice.live:
                notice.save()
        remember_imported(notice, {"counts": counts}, last, source=source_file)
    revision = notice.save_revision(user=user, log_action=True) if changed else notice.latest_revision
    published = False
    if publish and revision is not None and (changed or not notice.live or notice.has_unpublished_changes):
        revision.publish(user=user, skip_permission_checks=True)
        published = True
    notice.refresh_from_db()
    return SavedNotice(notice, created, changed, published)


def _kept_counts(notice: VacancyNotice, counts: dict, last: dict | None, report: ImportReport, overwrite_edits):
    """The file's *counts*, except a nursery whose places an editor changed since the last import
    (*last*): its places stay (``opendata.saving.keeps_edit``, one conflict per nursery)."""
    last_counts = (last or {}).get("counts")
    if last_counts is None:
        return counts
    wanted = dict(counts)
    names = dict(Nursery.objects.filter(pk__in=[int(k) for k in counts]).values_list("pk", "facility__title"))
    for nursery_id, places in counts.items():
        current = (notice.counts or {}).get(nursery_id)
        if (
            current is not None
            and nursery_id in last_counts
            and keeps_edit(
                notice,
                f"counts.{nursery_id}",
                current,
                places,
                {f"counts.{nursery_id}": last_counts[nursery_id]},
                report,
                overwrite_edits=overwrite_edits,
                shown=(f"{names.get(int(nursery_id), nursery_id)}: {current}", f"{places}"),
            )
        ):
            wanted[nursery_id] = current
    return wanted
