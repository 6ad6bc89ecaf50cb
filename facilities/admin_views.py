"""Admin: the roles merged into a facility's page, and splitting a wrong merge back off.

A merge (``facilities.loading.merge_places``) folds an AED or evacuation-site row into the page of
the place it matched. When the rule got it wrong (a shop's AED in the station it stands in), an
editor who may change the page opens "Merged roles" from the page's header menu and splits the
role off: it becomes its own page again, marked ``keep_separate`` so the next import leaves it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from facilities.importers import KIND_LABELS
from facilities.loading import split_role
from facilities.models import FacilityPage


def roles_view(request, page_id: int):
    page = get_object_or_404(FacilityPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        key = request.POST.get("key", "")
        if not any(role["key"] == key for role in page.roles):
            messages.error(request, _("That role is no longer on this page."))
        else:
            with transaction.atomic():
                new = split_role(page, key)
            messages.success(request, _("“%(name)s” is its own page again.") % {"name": new.title})
        return redirect("facilities_roles", page_id=page.pk)
    rows = [
        {
            "key": role["key"],
            "kind": KIND_LABELS.get(role["kind"], role["kind"]),
            "name": role["values"].get("title", ""),
            "address": role["values"].get("address", ""),
            "detail": role["values"].get("aed_location", "") or "・".join(role["values"].get("hazards") or []),
        }
        for role in page.roles
    ]
    return TemplateResponse(
        request,
        "facilities/admin/roles.html",
        {"page": page, "rows": rows, "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])},
    )
