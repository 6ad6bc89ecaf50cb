"""The Japanese rule text that cities print, read into rules and written back.

Reads what paper calendars and Takamatsu's 0090 file say::

    毎週火・金曜日          every Tuesday and Friday
    第２・４月曜日          the 2nd and 4th Monday (full-width digits too)
    第1・第3木曜            the 1st and 3rd Thursday
    隔週水曜日（1月8日から）  every other Wednesday from 8 January
    偶数月の第2火曜日        the 2nd Tuesday of even months
    毎週月曜日（2025年4月1日から）  from 1 April 2025 (a validity range)

Several clauses may be joined with 、 or ／ (毎週火曜日、第1・3金曜日). A date without a
year is resolved to the year, next to ``reference``, in which it falls on the right weekday
(for 隔週) or to ``reference``'s fiscal year (for validity).
"""

from __future__ import annotations

import re
from datetime import date

from japanese.text import narrow

from .rules import ALL_MONTHS, WEEKDAY_CHARS, Rule, RuleKind

W = f"[{WEEKDAY_CHARS}]"
_WEEKDAY_LIST = re.compile(rf"^({W}(?:曜日?)?(?:[・,]{W}(?:曜日?)?)*)(?:曜日?)?$")
_NTH = re.compile(rf"^(?:毎月)?第?([1-5](?:[・,]第?[1-5])*)({W}(?:曜日?)?(?:[・,]{W}(?:曜日?)?)*)$")
_BIWEEKLY = re.compile(rf"^隔週({W})(?:曜日?)?$")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_SINCE = re.compile(r"\(([^)]*)から\)")
_MONTHS = re.compile(r"^(偶数月|奇数月|(\d{1,2})月[~〜-](\d{1,2})月|(\d{1,2}(?:[・,]\d{1,2})*)月)の?")
NOTHING = {"なし", "収集なし", "-", "ー"}


class RuleTextError(ValueError):
    """Text that is not a rule this parser knows; the message says which part."""


def _normalise(text: str) -> str:
    text = narrow(text)
    text = text.replace("、", "/").replace("／", "/").replace("及び", "/").replace(" ", "")
    return text.replace("第・", "").replace("･", "・")


def _weekdays(fragment: str) -> list[int]:
    fragment = fragment.replace("曜日", "").replace("曜", "")
    return [WEEKDAY_CHARS.index(char) for char in fragment if char in WEEKDAY_CHARS]


def _resolve_date(match: re.Match, reference: date, weekday: int | None = None) -> date:
    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    try:
        if year:
            return date(int(year), month, day)
        candidates = []
        for offset in (0, 1, -1):
            try:
                candidate = date(reference.year + offset, month, day)
            except ValueError:
                continue
            if weekday is None or candidate.weekday() == weekday:
                candidates.append(candidate)
        if not candidates:
            raise RuleTextError(f"{month}月{day}日 is not a {WEEKDAY_CHARS[weekday]}曜日 near {reference.year}")
        return min(candidates, key=lambda candidate: abs((candidate - reference).days))
    except ValueError as problem:
        if isinstance(problem, RuleTextError):
            raise
        raise RuleTextError(f"{match.group(0)} is not a real date") from None


def _months(prefix: re.Match | None) -> frozenset[int]:
    if prefix is None:
        return ALL_MONTHS
    if prefix.group(1) == "偶数月":
        return frozenset(range(2, 13, 2))
    if prefix.group(1) == "奇数月":
        return frozenset(range(1, 13, 2))
    if prefix.group(4):
        months = {int(part) for part in re.split(r"[・,]", prefix.group(4))}
    else:
        first, last = int(prefix.group(2)), int(prefix.group(3))
        months = {((first - 1 + step) % 12) + 1 for step in range(((last - first) % 12) + 1)}
    if not months <= ALL_MONTHS:
        raise RuleTextError(f"{prefix.group(0)}: months must be 1–12")
    return frozenset(months)


def parse_clause(clause: str, reference: date) -> list[Rule]:
    since_match = _SINCE.search(clause)
    since_text = since_match.group(1) if since_match else None
    clause = _SINCE.sub("", clause)
    clause = re.sub(r"\([^)]*\)", "", clause)  # other remarks in brackets are not rules
    month_match = _MONTHS.match(clause)
    months = _months(month_match)
    if month_match:
        clause = clause[month_match.end() :]
    clause = clause.removeprefix("毎週").removesuffix("収集")
    if not clause:
        raise RuleTextError("no weekday given")

    if match := _BIWEEKLY.match(clause):
        weekday = WEEKDAY_CHARS.index(match.group(1))
        date_match = _DATE.search(since_text or "")
        if not date_match:
            raise RuleTextError("隔週 needs its first day, e.g. 隔週水曜日（1月8日から）")
        anchor = _resolve_date(date_match, reference, weekday)
        return [Rule(RuleKind.BIWEEKLY, weekday=weekday, anchor=anchor, months=months)]

    valid_from = None
    if since_text:
        date_match = _DATE.search(since_text)
        if not date_match:
            raise RuleTextError(f"（{since_text}から）: give a date such as 4月1日")
        valid_from = _resolve_date(date_match, reference)
    if match := _NTH.match(clause):
        weeks = sorted({int(part) for part in re.findall(r"[1-5]", match.group(1))})
        return [
            Rule(RuleKind.NTH, weekday=weekday, nth=nth, months=months, valid_from=valid_from)
            for weekday in _weekdays(match.group(2))
            for nth in weeks
        ]
    if _WEEKDAY_LIST.match(clause):
        return [
            Rule(RuleKind.WEEKLY, weekday=weekday, months=months, valid_from=valid_from)
            for weekday in _weekdays(clause)
        ]
    raise RuleTextError(
        f"{clause!r} is not a rule: write e.g. 毎週火・金曜日, 第2・4月曜日 or 隔週水曜日（1月8日から）"
    )


def parse_rule_text(text: str, reference: date | None = None) -> list[Rule]:
    """The rules a printed Japanese rule text says; raises ``RuleTextError`` naming the bad part."""
    reference = reference or date.today()
    normalised = _normalise(text)
    if not normalised or normalised in NOTHING:
        return []
    rules: list[Rule] = []
    for clause in filter(None, normalised.split("/")):
        for rule in parse_clause(clause, reference):
            if rule not in rules:
                rules.append(rule)
    return rules


def _month_prefix(months: frozenset[int]) -> str:
    if months == ALL_MONTHS:
        return ""
    if months == frozenset(range(2, 13, 2)):
        return "偶数月の"
    if months == frozenset(range(1, 13, 2)):
        return "奇数月の"
    return "・".join(str(month) for month in sorted(months)) + "月の"


def describe(rules: list[Rule]) -> str:
    """The rules as a Japanese sentence, for an editor to confirm (毎週火・金曜日、第2・4月曜日)."""
    parts: list[str] = []
    weekly: dict[tuple, list[int]] = {}
    nth: dict[tuple, list[int]] = {}
    for rule in rules:
        key = (rule.months, rule.valid_from)
        if rule.kind is RuleKind.WEEKLY:
            weekly.setdefault(key, []).append(rule.weekday)
        elif rule.kind is RuleKind.NTH:
            nth.setdefault((*key, rule.weekday), []).append(rule.nth)
    for (months, valid_from), weekdays in weekly.items():
        text = _month_prefix(months) + "毎週" + "・".join(WEEKDAY_CHARS[w] for w in sorted(weekdays)) + "曜日"
        parts.append(
            text + (f"（{valid_from.year}年{valid_from.month}月{valid_from.day}日から）" if valid_from else "")
        )
    for (months, valid_from, weekday), weeks in nth.items():
        text = _month_prefix(months) + "第" + "・".join(str(n) for n in sorted(weeks)) + WEEKDAY_CHARS[weekday] + "曜日"
        parts.append(
            text + (f"（{valid_from.year}年{valid_from.month}月{valid_from.day}日から）" if valid_from else "")
        )
    for rule in rules:
        if rule.kind is RuleKind.BIWEEKLY:
            anchor = rule.anchor
            parts.append(
                f"{_month_prefix(rule.months)}隔週{WEEKDAY_CHARS[rule.weekday]}曜日"
                f"（{anchor.year}年{anchor.month}月{anchor.day}日から）"
            )
        elif rule.kind is RuleKind.DATES:
            parts.append("・".join(f"{day.month}月{day.day}日" for day in rule.dates))
    return "、".join(parts) if parts else "収集なし"
