"""Staff of one city work on that city's data only: the admin side of one install, many cities.

Django's model permissions are global: "金沢市 環境課" holds ``garbage.change_collectionarea`` for
every area of every city. Page rights are already per city (home/groups.py gives each city's
groups rights on that city's pages only); this module narrows everything else, for any model
that names its municipality (a ``municipality`` field, or a path to one such as
``area__municipality``):

- ``user_municipalities(user, *roles)``: the cities a user works for, in any role or in one of
  *roles* (None: every city, a superuser). The one answer to "the user's cities": page rights
  (``home.groups.role_homes``), the translators' board and snippets, the uploads all ask it.
- ``translates_only(user, model)``: the user may change *model* only as a translator (翻訳者):
  every address of its Japanese source objects is refused to them, as is another city's object
  in wagtail-localize's editor (``translation/apps.py``).
- ``CityPermissionPolicy``: Wagtail's ``ModelPermissionPolicy`` whose per-object answers refuse
  another city's objects (bulk actions, "can delete" buttons, choosers ask it).
- ``CityScopedViewSetMixin``: put it before ``SnippetViewSet`` and the listing shows only the
  user's cities, the forms offer only the user's municipalities (and only their objects in the
  other choice fields), and every URL of one object (edit, delete, history, usage, copy,
  inspect, revisions, lock, ...) of another city is a 404; its chooser modal lists only theirs.
- ``scope_form(form, user)`` / ``refuse_other_city(user, municipality)``: the same for a plain
  form or view (the admin uploads).
"""

from __future__ import annotations

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.forms import ModelChoiceField, Select
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

CACHE = "_machi_municipality_ids"
OTHER_CITY = _("You may only work on the data of your own municipality.")
TRANSLATE_ONLY = _("Translators may translate this, not change the Japanese source.")


def user_municipalities(user, *role_names: str):
    """The municipalities *user* works for: None for a superuser (every city), else those of
    the user's city groups (``CityGroup``), only of *role_names* when given; an empty list for
    anyone else (anonymous, inactive, no city group)."""
    from home.models import Municipality

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache = getattr(user, CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, CACHE, cache)
    key = tuple(sorted(role_names))
    if key not in cache:
        found = Municipality.objects.filter(staff_groups__group__user=user)
        if role_names:
            found = found.filter(staff_groups__role__in=role_names)
        cache[key] = list(found.distinct().order_by("code"))
    return cache[key]


def translates_only(user, model) -> bool:
    """True when *user*'s right to change *model* comes from translator (翻訳者) groups only:
    they may work on its translations, never on its Japanese source."""
    from django.contrib.auth import get_permission_codename

    from home.groups import TRANSLATORS

    if user.is_superuser:
        return False
    codename = get_permission_codename("change", model._meta)
    return (
        not user.groups.exclude(city_scope__role=TRANSLATORS)
        .filter(permissions__codename=codename, permissions__content_type__app_label=model._meta.app_label)
        .exists()
        and not user.user_permissions.filter(codename=codename).exists()
    )


def is_source(instance) -> bool:
    """Whether *instance* is in the source language (Japanese) of a translatable model."""
    from wagtail.models import Locale, TranslatableMixin

    return isinstance(instance, TranslatableMixin) and instance.locale_id == Locale.get_default().pk


def municipality_ids(user) -> set[int] | None:
    cities = user_municipalities(user)
    return None if cities is None else {m.pk for m in cities}


def municipality_lookup(model) -> str | None:
    """The path from *model* to its municipality: ``model.municipality_lookup`` or a
    ``municipality`` field; None when the model belongs to no city."""
    lookup = getattr(model, "municipality_lookup", None)
    if lookup:
        return lookup
    try:
        model._meta.get_field("municipality")
    except FieldDoesNotExist:
        return None
    return "municipality"


def scope_queryset(queryset, user, lookup: str | None = None):
    """*queryset* narrowed to the objects of *user*'s cities (unchanged for a superuser)."""
    lookup = lookup or municipality_lookup(queryset.model)
    ids = municipality_ids(user)
    if ids is None or lookup is None:
        return queryset
    return queryset.filter(Q(**{f"{lookup}__in": ids}))


def object_municipality_id(instance, lookup: str):
    """The municipality id of *instance* along *lookup* (``area__municipality``), or None."""
    *path, last = lookup.split("__")
    target = instance
    for name in path:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def in_scope(user, instance, lookup: str | None = None) -> bool:
    """True when *user* may work on *instance*: its city is one of theirs. An object of no city
    (a banner for every site) is a superuser's."""
    ids = municipality_ids(user)
    if ids is None:
        return True
    lookup = lookup or municipality_lookup(type(instance))
    if lookup is None:
        return True
    return object_municipality_id(instance, lookup) in ids


def refuse_other_city(user, municipality) -> None:
    """``PermissionDenied`` (with a message) when *municipality* is not one of *user*'s."""
    ids = municipality_ids(user)
    pk = getattr(municipality, "pk", municipality)
    if ids is not None and pk not in ids:
        raise PermissionDenied(OTHER_CITY)


def scope_form(form, user, *, lookup: str = "municipality"):
    """Offer in *form* only the user's cities: the municipality field lists only them (the only
    one preselected), and every other choice of objects that belong to a city lists only those
    of the user's cities. A forged choice of another city fails validation with a message."""
    from home.models import Municipality

    ids = municipality_ids(user)
    if ids is None:
        return form
    for name, field in form.fields.items():
        if not isinstance(field, ModelChoiceField) or field.queryset is None:
            continue
        model = field.queryset.model
        if model is Municipality:
            field.queryset = field.queryset.filter(pk__in=ids)
            field.required = True  # no "every city" for city staff
            if len(ids) == 1:
                (only,) = ids
                field.empty_label = None
                instance = getattr(form, "instance", None)
                if not form.is_bound and (instance is None or getattr(instance, f"{name}_id", None) is None):
                    form.initial[name] = only
                    field.initial = only
        elif municipality_lookup(model) is not None:
            field.queryset = scope_queryset(field.queryset, user)
        else:
            continue
        field.error_messages = {**field.error_messages, "invalid_choice": OTHER_CITY}
        if not issubclass(model, Page):
            # A snippet chooser's modal lists every city's objects: a plain choice of theirs instead.
            field.widget = Select(attrs=field.widget.attrs)
            field.widget.choices = field.choices
    return form


class CityPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as Django grants them, and per object only within the user's cities."""

    def __init__(self, model, lookup: str = "municipality", auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.lookup = lookup

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and in_scope(user, instance, self.lookup)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_queryset(super().instances_user_has_any_permission_for(user, actions), user, self.lookup)

    def users_with_any_permission_for_instance(self, actions, instance):
        municipality_id = object_municipality_id(instance, self.lookup)
        users = self.users_with_any_permission(actions)
        return users.filter(Q(is_superuser=True) | Q(groups__city_scope__municipality_id=municipality_id)).distinct()


class _OwnCitiesToChoose:
    """A snippet chooser modal that lists only the objects of the user's cities."""

    def get_object_list(self):
        viewset = getattr(self.model_class, "snippet_viewset", None)
        lookup = getattr(viewset, "municipality_lookup", None) or municipality_lookup(self.model_class)
        return scope_queryset(super().get_object_list(), self.request.user, lookup)


class CityChooseView(_OwnCitiesToChoose, ChooseView):
    pass


class CityChooseResultsView(_OwnCitiesToChoose, ChooseResultsView):
    pass


class CitySnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CityChooseView
    choose_results_view_class = CityChooseResultsView


class CityScopedViewSetMixin:
    """Before ``SnippetViewSet``: staff see, add and edit only their own cities' objects.

    ``municipality_lookup`` is the path to the object's municipality (default the
    ``municipality`` field; e.g. ``area__municipality`` for a rule of an area).
    """

    municipality_lookup = "municipality"
    chooser_viewset_class = CitySnippetChooserViewSet

    def register_permissions(self):
        register_permission_policy(
            self.model, CityPermissionPolicy(self.model, self.municipality_lookup), exact_class=True
        )
        super().register_permissions()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if municipality_ids(request.user) is None:
            return queryset
        if queryset is None:
            queryset = self.model._default_manager.all()
        return scope_queryset(queryset, request.user, self.municipality_lookup)

    def get_form_class(self, for_update=False):
        base = super().get_form_class(for_update)
        lookup = self.municipality_lookup

        def __init__(form, *args, **kwargs):
            base.__init__(form, *args, **kwargs)
            scope_form(form, getattr(form, "for_user", None) or kwargs.get("for_user"), lookup=lookup)

        return type(f"City{base.__name__}", (base,), {"__init__": __init__, "__module__": base.__module__})

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in str(pattern.pattern):
                pattern.callback = self._own_city_only(pattern.callback)
        return patterns

    def _own_city_only(self, view):
        """A 404 for an object of another city, whatever the view (edit, delete, history, ...)."""
        model, lookup = self.model, self.municipality_lookup

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None and municipality_ids(request.user) is not None:
                instance = model._default_manager.filter(pk=unquote(str(pk))).first()
                if instance is not None and not in_scope(request.user, instance, lookup):
                    raise Http404(OTHER_CITY)
                if instance is not None and is_source(instance) and translates_only(request.user, model):
                    raise PermissionDenied(TRANSLATE_ONLY)
            return view(request, *args, **kwargs)

        return wrapper
