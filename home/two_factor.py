"""Two-factor sign-in for staff: TOTP (RFC 6238) from an authenticator app, plus recovery codes.

django-otp keeps the devices (``TOTPDevice``: the secret, the last step used so a code cannot be
replayed, one step of tolerance either side for a slow clock, and its own slow-down after wrong
codes; ``StaticDevice``: single-use recovery codes). This module says who must use it and
leads them there:

- ``two_factor_required(user)``: administrators (superusers, and a city's user administrator:
  anyone holding ``auth.change_user``, who can add staff to groups and reset second factors) and
  members of any city's 緊急情報 group (when ``STAFF_TWO_FACTOR_REQUIRED``, default on); optional
  for the other staff.
- ``StaffTwoFactorMiddleware``: in the admin, a signed-in user who has not given a second factor
  in this session is sent to the code page (if enrolled) or, if required, to enrolment; nothing
  else of the admin answers them until then.

The pages are in home/account_views.py.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.groups import EMERGENCY, has_role

RECOVERY_CODE_COUNT = 10


def two_factor_required(user) -> bool:
    if not settings.STAFF_TWO_FACTOR_REQUIRED:
        return False
    return user.is_superuser or user.has_perm("auth.change_user") or has_role(user, EMERGENCY)


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user) -> TOTPDevice:
    """The device being enrolled: a fresh secret, kept (unconfirmed) until a code proves it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address as an inline SVG QR code, made here (nothing is fetched)."""
    import segno

    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#1a1a1c", light="#ffffff")


def confirm(device: TOTPDevice) -> list[str]:
    """*device* is proven: keep it as the user's only authenticator; returns new recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Ten single-use codes replacing any earlier ones; shown once, stored by django-otp."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify(user, code: str):
    """The device that accepts *code* (a TOTP code, or a recovery code, used up), or None."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    totp = confirmed_totp(user)
    if totp is not None and code.isdigit() and totp.verify_token(code):
        return totp
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def reset(user) -> None:
    """Remove every second factor of *user* (an administrator's action for a lost phone)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


#: admin addresses that answer before the second factor: the sign-in and 2FA pages and what they
#: load (the icon sprite, the JavaScript translations)
OPEN_URL_NAMES = [
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "home_two_factor_verify",
    "home_two_factor_setup",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
]


def _open_paths() -> set[str]:
    return {reverse(name) for name in OPEN_URL_NAMES}


class StaffTwoFactorMiddleware:
    """In the admin, an unverified session goes to the code page or to enrolment first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            target = self._target(request, user)
            if target is not None:
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _target(request, user) -> str | None:
        admin = reverse("wagtailadmin_home")
        if not request.path.startswith(admin):
            return None
        if request.path in _open_paths():
            return None
        if confirmed_totp(user) is not None:
            return "home_two_factor_verify"
        if two_factor_required(user):
            return "home_two_factor_setup"
        return None
