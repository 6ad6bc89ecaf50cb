"""The first-run page: a superuser sets up a city (``home.cities.setup_city``) from the admin.

It lists the cities already set up (code, name, hostname, default site) and has the form of the
``setup_city`` command. Other staff get a 403. On an install with no city yet the dashboard shows
a panel that leads here (``FirstCityPanel``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_domain_name
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component

from home.cities import set_up_cities, setup_city
from home.municipalities import validate_municipality_code
from home.sites import municipality_site


class CitySetupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Local government code"),
        max_length=6,
        help_text=gettext_lazy("The 6-digit 全国地方公共団体コード with its check digit, e.g. 372013."),
    )
    name = forms.CharField(label=gettext_lazy("City name"), max_length=100, help_text=gettext_lazy("e.g. 高松市"))
    hostname = forms.CharField(
        label=gettext_lazy("Hostname"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("The host name of the city's site, e.g. takamatsu.example.jp."),
    )
    default = forms.BooleanField(
        label=gettext_lazy("Default site"),
        required=False,
        help_text=gettext_lazy("Serves every host name no other site has."),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        validate_municipality_code(code)
        return code

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower()
        if hostname:
            try:
                validate_domain_name(hostname)
            except ValidationError:
                raise ValidationError(
                    _("%(hostname)s is not a valid host name."), params={"hostname": hostname}
                ) from None
        return hostname


def cities_view(request):
    """The cities set up on this portal and the form that sets one up (superusers only)."""
    if not request.user.is_superuser:
        return HttpResponseForbidden(_("Only an administrator may set up cities."))
    form = CitySetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            city = setup_city(data["code"], data["name"], hostname=data["hostname"] or None, default=data["default"])
        except ValidationError as problem:
            for message in problem.messages:
                form.add_error(None, message)
        else:
            if city.created:
                messages.success(request, _("%(name)s is set up.") % {"name": city.municipality.name})
            else:
                messages.success(
                    request, _("%(name)s was already set up; it is up to date.") % {"name": city.municipality.name}
                )
            return redirect("home_cities")
    rows = []
    for municipality in set_up_cities():
        site = municipality_site(municipality)
        rows.append({"municipality": municipality, "site": site})
    return TemplateResponse(request, "home/admin/cities.html", {"form": form, "cities": rows})


class FirstCityPanel(Component):
    """The dashboard's pointer to the first-run page while no city is set up."""

    name = "first_city"
    order = 10
    template_name = "home/admin/first_city_panel.html"

    def get_context_data(self, parent_context=None):
        return {"url": reverse("home_cities")}
