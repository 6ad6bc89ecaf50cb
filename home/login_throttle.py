"""Staff sign-in throttling: too many failures for one user name, or from one client address,
and sign-in is refused for a cool-down, with one message for every account, known or not.

Counts live in the database (``LoginThrottle``), not the cache: every app server sees the same
counts, a restart or a cache flush does not forget them, an administrator can list and lift a
lock in the admin, and there is no second service whose outage could lock staff out (or let an
attacker through). Only failures write, so a normal sign-in costs one indexed read.

- ``ThrottledLoginForm`` (``WAGTAILADMIN_USER_LOGIN_FORM``): refuses a locked name or address
  before any password is checked, so the answer during a lock-out says nothing about the account
  or the password.
- ``user_login_failed`` counts a failure of any ``authenticate(request, ...)``; a successful
  sign-in clears the account's count (not the address's).
- ``ThrottledPasswordResetForm``: each reset request counts against the address and the e-mail;
  once locked, no mail is sent (the page reads the same).
- ``unlock(...)`` lifts a lock (``/admin/accounts/``, home/account_views.py).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm
from wagtail.admin.views.account import LoginView as WagtailLoginView

from home.ratelimit import client_ip

logger = logging.getLogger(__name__)

LOCKED = _(
    "Too many failed sign-in attempts. Sign-in is paused for a while: try again later, "
    "or ask an administrator to unlock the account."
)


def account_key(username: str) -> str:
    """The counter of one user name: a hash of its folded form (``Admin`` and ``admin `` are one)."""
    folded = (username or "").strip().casefold()
    return "user:" + hashlib.sha256(folded.encode()).hexdigest()


def address_key(request) -> str | None:
    """The counter of the client's address, read as the rate limits read it (``X-Forwarded-For``
    only from ``RATELIMIT_TRUSTED_PROXIES``)."""
    if request is None or not (request.META.get("REMOTE_ADDR") or "").strip():
        return None
    return f"ip:{client_ip(request)}"


def _keys(request, username: str) -> list[str]:
    return [key for key in (account_key(username), address_key(request)) if key]


def is_locked(request, username: str) -> bool:
    from home.models import LoginThrottle

    return LoginThrottle.objects.filter(key__in=_keys(request, username), locked_until__gt=timezone.now()).exists()


def _limit(key: str) -> int:
    return settings.LOGIN_FAILURES_PER_IP if key.startswith("ip:") else settings.LOGIN_FAILURES_PER_ACCOUNT


def _label(key: str, username: str, user) -> str:
    if key.startswith("ip:"):
        return key[3:]
    return user.get_username() if user is not None else ""


def record_failure(request, username: str) -> list:
    """Count one failure for the name and the address; returns the counters that just locked."""
    from home.models import LoginThrottle

    now = timezone.now()
    window_start = now - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: (username or "").strip()})
    user = user.first()
    locked = []
    with transaction.atomic():
        for key in _keys(request, username):
            row, created = LoginThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"label": _label(key, username, user), "failures": 1, "first_failure_at": now}
            )
            if not created:
                if row.first_failure_at < window_start and not (row.locked_until and row.locked_until > now):
                    row.failures, row.first_failure_at, row.locked_until = 1, now, None
                else:
                    row.failures = F("failures") + 1
                row.save()
                row.refresh_from_db()
            if row.failures >= _limit(key) and not (row.locked_until and row.locked_until > now):
                row.locked_until = now + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
                row.save(update_fields=["locked_until"])
                locked.append(row)
    for row in locked:
        logger.warning("Staff sign-in locked for %s after %s failures", row.label or row.key, row.failures)
        _audit_lockout(row, user if row.key.startswith("user:") else None)
    return locked


def _audit_lockout(row, user) -> None:
    from home import audit

    audit.record(row, audit.LOGIN_LOCKED, user=None, account=row.label, failures=row.failures, of_user=user)


def clear_account(username: str) -> None:
    from home.models import LoginThrottle

    LoginThrottle.objects.filter(key=account_key(username)).delete()


def unlock(row, by) -> None:
    """Lift *row*'s lock (an administrator's action, recorded)."""
    from home import audit

    audit.record(row, audit.LOGIN_UNLOCKED, user=by, account=row.label)
    row.delete()


def locks():
    """The locks in force, newest first."""
    from home.models import LoginThrottle

    return LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("-locked_until")


def on_login_failed(sender, credentials, request=None, **kwargs):
    """``user_login_failed``: every failed ``authenticate`` counts (Wagtail's form, Django's, any)."""
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or ""
    record_failure(request, username)


def on_logged_in(sender, request, user, **kwargs):
    clear_account(user.get_username())


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form that refuses a locked name or address before checking the password."""

    error_messages = {**LoginForm.error_messages, "locked": LOCKED}

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if is_locked(self.request, username):
            self.locked = True
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()


class ThrottledPasswordResetForm(PasswordResetForm):
    """Each reset request counts against the address and the e-mail; once locked, no more mail is
    sent, and the page says what it always says (so it tells nothing about the address)."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data.get("email") or ""
        if is_locked(request, email):
            logger.warning("Password reset refused while locked")
            return
        record_failure(request, email)
        super().save(*args, request=request, **kwargs)


class ThrottledLoginView(WagtailLoginView):
    """Wagtail's admin login; a locked sign-in answers 429 (Too Many Requests) with the message."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(form, "locked", False):
            response.status_code = 429
        return response
