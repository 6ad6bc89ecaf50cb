"""What every import command shares: row errors, reports, encodings, progress bars.

Parsers are plain functions that raise or collect ``RowError``; commands write in one
transaction and either import everything or, with ``--skip-invalid``, the valid rows.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

T = TypeVar("T")


@dataclass(frozen=True)
class RowError:
    """One problem in an input file, located as precisely as the file allows."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        """File, row, column and value, then the problem, in the user's language
        (「0081.csv, 3 行目, 列「開始日」, 値 'abc': 日付の形式が正しくありません（…）」)."""
        where = Path(self.file).name
        if self.row is not None:
            where += ", " + pgettext("import error", "row %(row)s") % {"row": self.row}
        if self.column:
            where += ", " + pgettext("import error", "column %(column)s") % {"column": self.column}
        if self.value is not None:
            where += ", " + pgettext("import error", "value %(value)s") % {"value": repr(self.value)}
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """Raised when a strict import finds bad rows: nothing has been written."""

    def __init__(self, errors: list[RowError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class Conflict:
    """A field an editor changed since the last import and the file now disagrees with: the
    editor's value was kept (``opendata.saving.set_imported``)."""

    row: int | None
    target: str  # the object, as staff know it (a page's title)
    field: str
    editor_value: object
    file_value: object
    key: str = ""  # opendata.saving.conflict_key: how staff's choice for it is named
    label: str = ""  # the field as staff read it (its verbose name)

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row} if self.row is not None else ""
        message = _("%(field)s of “%(target)s” was changed by an editor: kept %(editor)s, the file has %(file)s") % {
            "field": self.label or self.field,
            "target": self.target,
            "editor": _shown(self.editor_value),
            "file": _shown(self.file_value),
        }
        return f"{where}: {message}" if where else message


@dataclass(frozen=True)
class Change:
    """A field of an existing object an import sets to the file's value (shown in the preview)."""

    row: int | None
    target: str
    field: str
    old_value: object
    new_value: object
    label: str = ""


def _shown(value) -> str:
    return "“”" if value in (None, "") else f"“{value}”"


def same_id(first: int, second: int, source_id: str) -> str:
    """The message for two rows of one file with one ID, naming both rows (in the user's language)."""
    return _("Rows %(first)s and %(second)s have the same ID: %(id)s") % {
        "first": first,
        "second": second,
        "id": source_id,
    }


def duplicate_ids(rows: Iterable[tuple[int, str]], file: str, column: str = "ID") -> list[RowError]:
    """A ``RowError`` for each row (line number, ID) whose non-empty ID an earlier row has already."""
    first: dict[str, int] = {}
    errors = []
    for row, source_id in rows:
        if not source_id:
            continue
        if source_id in first:
            errors.append(RowError(file, row, column, source_id, same_id(first[source_id], row, source_id)))
        else:
            first[source_id] = row
    return errors


def drop_duplicate_ids(records: list[T], errors: list[RowError], file: str, column: str, id_of) -> tuple:
    """*records* without those whose ID (``id_of(record)``) an earlier record has, and *errors* with
    one ``RowError`` for each (``duplicate_ids``), in row order. Records carry their line as ``row``."""
    duplicates = duplicate_ids(((record.row, id_of(record)) for record in records), file, column)
    doubled = {error.row for error in duplicates}
    kept = [record for record in records if record.row not in doubled]
    return kept, sorted([*errors, *duplicates], key=lambda error: error.row or 0)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, skipped {len(self.skipped)}"
        ]
        lines += self.notes
        lines += [f"skipped: {error}" for error in self.skipped]
        if self.conflicts:
            lines.append(
                _("%(count)s field(s) changed by an editor were kept (--overwrite-edits takes the file's values):")
                % {"count": len(self.conflicts)}
            )
            lines += [f"conflict: {conflict}" for conflict in self.conflicts]
        return "\n".join(lines)


def decode_bytes(data: bytes) -> str:
    """Text of a municipal CSV: UTF-8 (with or without BOM), Shift_JIS/CP932 or EUC-JP, detected.

    EUC-JP bytes often decode as CP932 without an error, as half-width katakana (あ is
    ``A4 A2``: ｢ in CP932), so when both decode, the reading with more Japanese wins.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in ("cp932", "euc_jp"):
        with contextlib.suppress(UnicodeDecodeError):
            readings.append(data.decode(encoding))
    if readings:
        return max(readings, key=_japanese_score)  # CP932 on a tie
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError(_("the file is neither UTF-8, Shift_JIS nor EUC-JP text"))
    return str(best)


def _japanese_score(text: str) -> int:
    """Full-width kana and kanji count for, half-width katakana (rare in real files) against."""
    score = 0
    for char in text:
        if "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff":
            score += 1
        elif "\uff61" <= char <= "\uff9f":
            score -= 1
    return score


def read_text(path: str | Path) -> str:
    return decode_bytes(Path(path).read_bytes())


#: Called with (rows done, total, stage) as an import goes on, when set (``reporting_progress``).
_progress_listener: contextvars.ContextVar = contextvars.ContextVar("import_progress", default=None)


@contextlib.contextmanager
def reporting_progress(listener):
    """Within the block, ``progress`` tells *listener(done, total, stage)* how far it got (the
    admin's progress page, opendata/background.py)."""
    token = _progress_listener.set(listener)
    try:
        yield
    finally:
        _progress_listener.reset(token)


def progress(iterable: Iterable[T], total: int | None = None, desc: str | None = None) -> Iterator[T]:
    """A progress bar on an interactive terminal only; the plain iterable elsewhere (and the rows
    done for a ``reporting_progress`` listener)."""
    listener = _progress_listener.get()
    if listener is not None:
        done = 0
        for item in iterable:
            listener(done, total, desc or "")
            yield item
            done += 1
        listener(done, total, desc or "")
        return
    if not sys.stderr.isatty():
        yield from iterable
        return
    from tqdm import tqdm

    yield from tqdm(iterable, total=total, desc=desc, file=sys.stderr, leave=False)
