"""The result window of every list (home/paging.py): a page beyond it is its last page."""

import pytest

from home.paging import MAX_PAGE_RESULTS, page_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        (" 2 ", 2),
        ("0", 1),
        ("-7", 1),
        ("", 1),
        (None, 1),
        ("1e308", 1),
        ("二", 1),
        ("9223372036854775808", MAX_PAGE_RESULTS // 20),
        ("9" * 4000, MAX_PAGE_RESULTS // 20),
    ],
)
def test_a_page_number_is_clamped_to_the_result_window(value, expected):
    assert page_number(value, 20) == expected


def test_a_page_size_larger_than_the_window_still_has_page_one():
    assert page_number("5", MAX_PAGE_RESULTS * 2) == 1
