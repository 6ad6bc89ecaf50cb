"""Admin pages for staff accounts: two-factor enrolment and the code step after the password,
the administrators' page of sign-in locks and second factors, and the audit log report."""

from __future__ import annotations

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, Value
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from home import audit, login_throttle, two_factor
from home.scoping import user_municipalities


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


WRONG_CODE = _("That code is not right. Enter the 6-digit code your app shows now, or a recovery code.")


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("wagtailadmin_home")


def two_factor_setup(request):
    """Enrolment: scan the QR code (or type the secret), prove it with a code, keep the recovery codes."""
    user = request.user
    if two_factor.confirmed_totp(user) is not None and not user.is_verified():
        return redirect(f"{reverse('home_two_factor_verify')}?next={reverse('home_two_factor_setup')}")
    device = two_factor.pending_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            codes = two_factor.confirm(device)
            django_otp.login(request, device)
            audit.record(user, audit.TWO_FACTOR_ENROLLED, user=user, of_user=user)
            return TemplateResponse(
                request,
                "home/admin/two_factor_codes.html",
                {"codes": codes, "next": _next(request), "enrolled": True},
            )
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr_svg": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
        "next": _next(request),
        "required": two_factor.two_factor_required(user),
        "enrolled": two_factor.confirmed_totp(user) is not None,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "home/admin/two_factor_setup.html", context, status=status)


def two_factor_verify(request):
    """The code step after the password (a TOTP code, or one recovery code)."""
    if two_factor.confirmed_totp(request.user) is None:
        return redirect("home_two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _next(request)}
    return TemplateResponse(request, "home/admin/two_factor_verify.html", context, status=status)


@require_POST
def recovery_codes(request):
    """New recovery codes for the signed-in (and verified) user; the old ones stop working."""
    if two_factor.confirmed_totp(request.user) is None or not request.user.is_verified():
        raise PermissionDenied
    codes = two_factor.new_recovery_codes(request.user)
    audit.record(request.user, audit.RECOVERY_CODES, user=request.user, of_user=request.user)
    return TemplateResponse(
        request, "home/admin/two_factor_codes.html", {"codes": codes, "next": reverse("wagtailadmin_account")}
    )


# -- administrators: locks and second factors -------------------------------------------------


def _can_manage_accounts(user) -> bool:
    return user.is_superuser or user.has_perm("auth.change_user")


def _managed_users(user):
    users = get_user_model().objects.filter(is_active=True)
    cities = user_municipalities(user)
    if cities is not None:  # a city's user administrator: the staff of their cities
        users = users.filter(groups__city_scope__municipality__in=cities, is_superuser=False).distinct()
    return users


def accounts_view(request):
    """Sign-in locks in force (lift one) and each staff member's second factor (reset one)."""
    if not _can_manage_accounts(request.user):
        raise PermissionDenied
    users = list(_managed_users(request.user).order_by("username"))
    enrolled = set(
        two_factor.TOTPDevice.objects.filter(confirmed=True, user__in=users).values_list("user_id", flat=True)
    )
    labels = {user.get_username() for user in users}
    locks = [
        row
        for row in login_throttle.locks()
        if request.user.is_superuser or row.label in labels  # an address lock: superusers only
    ]
    rows = [
        {"user": user, "enrolled": user.pk in enrolled, "required": two_factor.two_factor_required(user)}
        for user in users
    ]
    return TemplateResponse(request, "home/admin/accounts.html", {"locks": locks, "rows": rows})


@require_POST
def unlock_view(request, pk: int):
    from home.models import LoginThrottle

    if not _can_manage_accounts(request.user):
        raise PermissionDenied
    row = get_object_or_404(LoginThrottle, pk=pk)
    labels = {user.get_username() for user in _managed_users(request.user)}
    if not request.user.is_superuser and row.label not in labels:
        raise PermissionDenied
    login_throttle.unlock(row, request.user)
    messages.success(request, _("Sign-in unlocked: %(name)s") % {"name": row.label})
    return redirect("home_accounts")


@require_POST
def reset_two_factor_view(request, pk: int):
    if not _can_manage_accounts(request.user):
        raise PermissionDenied
    target = get_object_or_404(_managed_users(request.user), pk=pk)
    two_factor.reset(target)
    audit.record(target, audit.TWO_FACTOR_RESET, user=request.user, of_user=target)
    message = _("Two-factor sign-in removed for %(name)s: they set it up again at their next sign-in.")
    messages.success(request, message % {"name": target.get_username()})
    return redirect("home_accounts")


# -- the audit log --------------------------------------------------------------------------


class AuditLogView(LogEntriesView):
    """Wagtail's site history (its filters, CSV and Excel export), narrowed for a city's
    administrators to the entries of their cities: pages under their city's home pages, their
    cities' alert banners, and the portal's own entries tagged with their cities."""

    page_title = _("Audit log")
    index_url_name = "home_audit_log"
    index_results_url_name = "home_audit_log_results"

    def dispatch(self, request, *args, **kwargs):
        if not _can_manage_accounts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filtered_queryset(self):
        """Wagtail's union of every log model, without its ``viewable_by_user`` (which hides the
        entries of models a city administrator has no rights on, such as an import into their
        city): ``filter_queryset`` below scopes the entries to the user's cities instead."""
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = log_model.objects.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            entries = self.filter_queryset(entries).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        cities = user_municipalities(self.request.user)
        if cities is None:
            return queryset
        if queryset.model is PageLogEntry:
            return queryset.filter(page_id__in=_city_page_ids(cities))
        if queryset.model is ModelLogEntry:
            return queryset.alias(_cities=KT("data__municipalities")).filter(_city_entries_q(cities))
        return queryset.none()


def _city_page_ids(cities):
    from home.sites import city_home, city_pages_q

    q = Q(pk__in=[])
    for municipality in cities:
        home = city_home(municipality)
        if home is not None:
            q |= city_pages_q(home)
    return Page.objects.filter(q).values("pk")


def _city_entries_q(cities):
    from django.contrib.contenttypes.models import ContentType

    from home.models import AlertBanner

    q = Q(pk__in=[])
    for municipality in cities:
        q |= Q(_cities__contains=f"|{municipality.code}|")
    banners = [str(pk) for pk in AlertBanner.objects.filter(municipality__in=cities).values_list("pk", flat=True)]
    q |= Q(content_type=ContentType.objects.get_for_model(AlertBanner), object_id__in=banners)
    return q
