"""The Japanese rule text cities print, read into rules and described back."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.garbage.importers import format_cell, parse_cell
from services.garbage.rule_text import RuleTextError, describe, parse_rule_text
from services.garbage.rules import collection_dates, every_other_week, nth_weekday, weekly

REFERENCE = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("毎週火・金曜日", "火 金"),
        ("第２・４月曜日", "月2 月4"),
        ("第1・3木曜日", "木1 木3"),
        ("第2・第4水曜", "水2 水4"),
        ("毎週月曜日・木曜日", "月 木"),
        ("毎週火曜日、第1・3金曜日", "火 金1 金3"),
        ("偶数月の第2火曜日", "火2:4 6 8 10 12 2"),
        ("ｍ", None),
    ],
)
def test_printed_texts_give_the_same_rules_as_their_5374_cells(text, cell):
    if cell is None:
        with pytest.raises(RuleTextError):
            parse_rule_text(text, REFERENCE)
        return
    assert sorted(parse_rule_text(text, REFERENCE), key=repr) == sorted(parse_cell(cell).rules, key=repr)


def test_every_other_week_from_a_day_without_year_takes_the_year_it_is_that_weekday():
    rules = parse_rule_text("隔週水曜日（1月8日から）", REFERENCE)
    assert rules == [every_other_week(date(2025, 1, 8))]
    assert collection_dates(rules, date(2025, 1, 1), date(2025, 1, 31)) == [date(2025, 1, 8), date(2025, 1, 22)]


def test_every_other_week_needs_its_first_day():
    with pytest.raises(RuleTextError, match="隔週"):
        parse_rule_text("隔週水曜日", REFERENCE)
    with pytest.raises(RuleTextError, match="not a 水曜日"):
        parse_rule_text("隔週水曜日（1月9日から）", date(2025, 1, 1))


def test_from_a_date_sets_the_validity():
    (rule,) = parse_rule_text("毎週月曜日（2025年4月1日から）", REFERENCE)
    assert rule.valid_from == date(2025, 4, 1)


def test_nothing_and_month_ranges():
    assert parse_rule_text("なし") == []
    (rule,) = parse_rule_text("11月～2月の第1日曜日", REFERENCE)
    assert rule.months == frozenset({11, 12, 1, 2})


def test_describe_writes_what_an_editor_confirms():
    assert describe(parse_rule_text("毎週火・金曜日", REFERENCE)) == "毎週火・金曜日"
    assert describe(parse_rule_text("第２・４月曜日", REFERENCE)) == "第2・4月曜日"
    assert describe(parse_rule_text("隔週水曜日（1月8日から）", REFERENCE)) == "隔週水曜日（2025年1月8日から）"
    assert describe([]) == "収集なし"


@given(
    st.sets(st.integers(0, 6), min_size=1, max_size=3),
    st.sets(st.integers(1, 5), min_size=0, max_size=3),
    st.integers(0, 6),
)
def test_describe_then_parse_gives_the_rules_back(weekdays, weeks, nth_day):
    rules = [weekly(w) for w in weekdays] + [nth_weekday(nth_day, n) for n in weeks]
    again = parse_rule_text(describe(rules), REFERENCE)
    assert sorted(again, key=repr) == sorted(rules, key=repr)
    assert sorted(parse_cell(format_cell(rules)).rules, key=repr) == sorted(rules, key=repr)
