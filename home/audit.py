"""The audit log of staff actions: Wagtail's own log (``ModelLogEntry``, ``PageLogEntry``) plus
the actions Wagtail does not record, through its ``log()`` API with registered actions.

Wagtail already records page actions (publish, unpublish, move, workflow, ...) and the create,
edit and delete of every snippet (the alert banner), user and group through the admin's views.
This module adds:

- ``machi.import``: an import, by upload (opendata/admin_views.py) or command
  (opendata/commands.py): who, which files, the counts.
- ``machi.user.groups`` / ``machi.user.flags`` / ``machi.group.permissions``: permission
  changes, from the model signals, so every path (admin form, bulk action) is seen. Only changes
  made by a known staff user (Wagtail's log context: an admin request) are recorded, not the
  groups ``sync_groups`` keeps in step on ``migrate``.
- ``machi.login.locked`` / ``machi.login.unlocked``, ``machi.two_factor.*``.

Each entry names the cities it concerns (``data["municipalities"]``, ``|372013|``) so the audit
report (home/account_views.py) shows a city's administrators their city's entries only.
"""

from __future__ import annotations

import string

from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, get_active_log_context, log

IMPORT = "machi.import"
USER_GROUPS = "machi.user.groups"
USER_FLAGS = "machi.user.flags"
GROUP_PERMISSIONS = "machi.group.permissions"
LOGIN_LOCKED = "machi.login.locked"
LOGIN_UNLOCKED = "machi.login.unlocked"
TWO_FACTOR_ENROLLED = "machi.two_factor.enrolled"
TWO_FACTOR_RESET = "machi.two_factor.reset"
RECOVERY_CODES = "machi.two_factor.recovery_codes"

#: action: (label, message with ``{data key}`` fields)
ACTIONS = {
    IMPORT: (_("Import"), _("Imported {files}: {created} created, {updated} updated, {skipped} skipped")),
    USER_GROUPS: (_("Group membership changed"), _("Groups added: {added}; removed: {removed}")),
    USER_FLAGS: (_("Account status changed"), _("Changed: {changes}")),
    GROUP_PERMISSIONS: (_("Group permissions changed"), _("Permissions added: {added}; removed: {removed}")),
    LOGIN_LOCKED: (_("Sign-in locked"), _("Sign-in locked after {failures} failed attempts")),
    LOGIN_UNLOCKED: (_("Sign-in unlocked"), _("Sign-in unlocked by an administrator")),
    TWO_FACTOR_ENROLLED: (_("Two-factor sign-in set up"), _("Two-factor sign-in set up")),
    TWO_FACTOR_RESET: (_("Two-factor sign-in reset"), _("Two-factor sign-in removed")),
    RECOVERY_CODES: (_("Recovery codes renewed"), _("New recovery codes made")),
}


class _Blank(dict):
    def __missing__(self, key):
        return ""


class DataFormatter(LogFormatter):
    """A message filled in from the entry's data (a missing key reads as empty)."""

    def format_message(self, log_entry):
        values = _Blank({key: _display(value) for key, value in (log_entry.data or {}).items()})
        if isinstance((log_entry.data or {}).get("flags"), dict):
            values["changes"] = flag_changes(log_entry.data["flags"])
        return string.Formatter().vformat(str(self.message), (), values)


def _display(value):
    if isinstance(value, list):
        return "、".join(str(item) for item in value) or "—"
    return value


def register_actions(actions) -> None:
    """``register_log_actions`` hook: the portal's actions with their (translated) labels."""
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action)(type("Formatter", (DataFormatter,), {"label": label, "message": message}))


def municipality_tag(codes) -> str:
    """``|372013|141003|``: what the report's city filter matches (a LIKE on both databases)."""
    codes = sorted({str(code) for code in codes if code})
    return "|" + "|".join(codes) + "|" if codes else ""


def user_city_codes(user) -> list[str]:
    if user is None:
        return []
    return list(user.groups.filter(city_scope__isnull=False).values_list("city_scope__municipality__code", flat=True))


def record(instance, action: str, *, user=None, of_user=None, municipalities=None, **data):
    """Log *action* on *instance* by *user* (default: the admin request's user).

    The entry's cities: *municipalities* (codes), else those of *of_user*'s groups, else the
    instance's ``municipality``."""
    instance, user, of_user = _unwrap(instance), _unwrap(user), _unwrap(of_user)
    if municipalities is None:
        municipalities = user_city_codes(of_user)
        if not municipalities and getattr(instance, "municipality_id", None):
            municipalities = [instance.municipality.code]
    data["municipalities"] = municipality_tag(municipalities)
    return log(instance, action, user=user, data=data)


def _unwrap(value):
    """``request.user`` is a lazy object, and django-otp wraps it once more: Wagtail's ``log()``
    unwraps one layer only and, finding no log model for the wrapper, logs nothing."""
    while isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    return value


def acting_user():
    """The staff user of the admin request being served (Wagtail's log context), or None."""
    return get_active_log_context().user


# -- permission changes, from the model signals -----------------------------------------------


def on_user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``User.groups`` changed (``user.groups.set``, or ``group.user_set.add`` the other way)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    if acting_user() is None or action not in {"pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    if action == "pre_clear":  # the names are gone after the clear
        instance._machi_cleared = list(instance.groups.all()) if not reverse else list(instance.user_set.all())
        return
    if action == "post_clear":
        changed = instance.__dict__.pop("_machi_cleared", [])
        pairs = [(instance, changed)] if not reverse else [(user, [instance]) for user in changed]
    elif not reverse:
        pairs = [(instance, list(Group.objects.filter(pk__in=pk_set)))]
    else:
        pairs = [(user, [instance]) for user in get_user_model().objects.filter(pk__in=pk_set)]
    added = action == "post_add"
    for user, groups in pairs:
        if not groups:
            continue
        names = sorted(group.name for group in groups)
        codes = [g.city_scope.municipality.code for g in groups if hasattr(g, "city_scope")]
        record(
            user,
            USER_GROUPS,
            municipalities=codes + user_city_codes(user),
            added=names if added else [],
            removed=[] if added else names,
        )


def on_group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    from django.contrib.auth.models import Permission

    if acting_user() is None or reverse or action not in {"post_add", "post_remove"}:
        return
    names = sorted(f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.filter(pk__in=pk_set or []))
    if not names:
        return
    scope = getattr(instance, "city_scope", None) if hasattr(instance, "city_scope") else None
    record(
        instance,
        GROUP_PERMISSIONS,
        municipalities=[scope.municipality.code] if scope else [],
        added=names if action == "post_add" else [],
        removed=[] if action == "post_add" else names,
    )


FLAGS = {"is_active": _("active"), "is_superuser": _("administrator"), "is_staff": _("staff")}


def on_user_pre_save(sender, instance, **kwargs):
    if instance.pk is None or acting_user() is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*FLAGS).first()
    instance._machi_old_flags = old


def on_user_saved(sender, instance, created, **kwargs):
    old = instance.__dict__.pop("_machi_old_flags", None)
    if not old:
        return
    flags = {flag: [old[flag], getattr(instance, flag)] for flag in FLAGS if old[flag] != getattr(instance, flag)}
    if flags:
        record(instance, USER_FLAGS, of_user=instance, flags=flags)


def flag_changes(flags: dict) -> str:
    """``管理者: — → ✓`` for each changed flag, in the reader's language."""
    mark = {True: "✓", False: "—"}
    return "; ".join(
        f"{FLAGS[name]}: {mark[bool(a)]} → {mark[bool(b)]}" for name, (a, b) in flags.items() if name in FLAGS
    )


def record_import(*, source: str, files, municipality, report, user=None, **extra):
    """An import (upload or command) into *municipality* (a Municipality or its pk or code)."""
    from home.models import Municipality

    if not isinstance(municipality, Municipality):
        key = "code" if isinstance(municipality, str) else "pk"
        municipality = Municipality.objects.filter(**{key: municipality}).first()
    if municipality is None:
        return None
    skipped = getattr(report, "skipped", [])
    return record(
        municipality,
        IMPORT,
        user=user,
        municipalities=[municipality.code],
        source=source,
        files=[str(name) for name in files],
        created=getattr(report, "created", 0),
        updated=getattr(report, "updated", 0),
        unchanged=getattr(report, "unchanged", 0),
        skipped=len(skipped) if isinstance(skipped, list) else skipped,
        **extra,
    )
