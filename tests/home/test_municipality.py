import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from home.municipalities import check_digit, is_valid_code, validate_municipality_code


@pytest.mark.parametrize(
    "code",
    ["372013", "172014", "131016", "011002", "141003", "122033", "112038", "090000", "220001", "020001"],
)
def test_real_codes_pass_the_check_digit(code):
    assert is_valid_code(code)


@pytest.mark.parametrize("code", ["372014", "37201", "3720130", "37201a", "", "３７２０１３", "172010"])
def test_wrong_codes_are_refused_with_a_message(code):
    with pytest.raises(ValidationError) as error:
        validate_municipality_code(code)
    assert "全国地方公共団体コード" in " ".join(error.value.messages)


@given(st.from_regex(r"\A[0-9]{5}\Z"))
def test_exactly_one_check_digit_completes_any_five_digits(first_five):
    valid = [digit for digit in "0123456789" if is_valid_code(first_five + digit)]
    assert valid == [str(check_digit(first_five))]
