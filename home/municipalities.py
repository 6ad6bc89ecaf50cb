"""全国地方公共団体コード: the 6-digit code that scopes all municipal data."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def check_digit(first_five: str) -> int:
    """The check digit of a local government code (JIS X 0402 / 総務省).

    Weights 6,5,4,3,2 on the first five digits; 11 minus the sum modulo 11, last digit kept.
    """
    total = sum(int(digit) * weight for digit, weight in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def is_valid_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit() and check_digit(code[:5]) == int(code[5])


def validate_municipality_code(code: str) -> None:
    if not is_valid_code(code or ""):
        raise ValidationError(
            _("%(code)s is not a valid 6-digit local government code (全国地方公共団体コード, check digit included)."),
            params={"code": code},
            code="invalid_municipality_code",
        )
