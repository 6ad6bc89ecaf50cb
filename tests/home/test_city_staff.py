"""Staff of one city cannot see or edit another city's data or pages in the admin (home/scoping.py).

Two cities: 高松市 (A, the default site every test starts with) and 市川市 (B, set up here). Each
scoped snippet model has one object per city; a user of each role of 市川市 is refused on
高松市's objects (404 on every URL of one object, absent from the listing) and works on its own.
"""

import re
from datetime import date
from html import escape

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from home import demo, groups
from home.models import AlertBanner, CityGroup, Municipality
from home.registries import roles
from services.garbage.apps import GARBAGE_STAFF
from services.garbage.models import (
    CollectionArea,
    CollectionException,
    CollectionPolicy,
    CollectionRule,
    DisposalCentre,
    GarbageCategory,
    GarbageRemark,
    SortingItem,
)
from services.nurseries.apps import CHILDCARE_STAFF
from services.nurseries.models import Nursery, VacancyNotice
from tests.rows import module_rows

ICHIKAWA_HOST = "ichikawa.example.jp"
OTHER_CITY_JA = "自分の市区町村のデータだけを扱えます。"

SCOPED = [
    GarbageCategory,
    CollectionArea,
    CollectionRule,
    CollectionException,
    DisposalCentre,
    SortingItem,
    GarbageRemark,
    CollectionPolicy,
    Nursery,
    VacancyNotice,
    AlertBanner,
]
ROLES = [groups.EDITORS, GARBAGE_STAFF, CHILDCARE_STAFF, groups.EMERGENCY, groups.TRANSLATORS]


def _objects(municipality, tag: str) -> dict[str, int]:
    from facilities.models import FacilityIndexPage
    from home.sites import city_section
    from services.nurseries.factories import NurseryFactory

    ja = Locale.get_default()
    category = GarbageCategory.objects.create(
        municipality=municipality, locale=ja, code=f"burn-{tag}", name="燃やすごみ"
    )
    area = CollectionArea.objects.create(municipality=municipality, code=f"area-{tag}", name=f"{tag}地区")
    made = [
        category,
        area,
        CollectionRule.objects.create(area=area, category=category, weekday=1),
        CollectionException.objects.create(municipality=municipality, kind="extra", day=date(2026, 1, 4)),
        DisposalCentre.objects.create(municipality=municipality, name=f"{tag}クリーンセンター"),
        SortingItem.objects.create(municipality=municipality, locale=ja, category=category, name=f"{tag}の空き缶"),
        GarbageRemark.objects.create(municipality=municipality, code="1", text=f"{tag}の注意"),
        CollectionPolicy.objects.get_or_create(municipality=municipality)[0],
        NurseryFactory(municipality=municipality, facility__parent=city_section(municipality, FacilityIndexPage)),
        VacancyNotice.objects.create(municipality=municipality, as_of=date(2026, 4, 1)),
        AlertBanner.objects.create(municipality=municipality, locale=ja, message=f"{tag}の断水のお知らせ"),
    ]
    return {type(obj).__name__: obj.pk for obj in made}


def _build():
    from home.cities import setup_city

    takamatsu = demo.ensure_municipality()
    ichikawa = setup_city("122033", "市川市", hostname=ICHIKAWA_HOST).municipality
    return {
        "a": takamatsu.pk,
        "b": ichikawa.pk,
        "objects": {"a": _objects(takamatsu, "高松"), "b": _objects(ichikawa, "市川")},
    }


cities = module_rows(_build)


@pytest.fixture
def takamatsu(cities):
    return Municipality.objects.get(pk=cities["a"])


@pytest.fixture
def ichikawa(cities):
    return Municipality.objects.get(pk=cities["b"])


def staff(make_user, role, municipality):
    return make_user(groups.city_group(role, municipality))


def url(model, action, pk=None):
    name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}"
    return reverse(name, args=[pk] if pk is not None else [])


def may_change(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


# -- the scoped snippets, per role ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model.__name__)
def test_staff_of_one_city_are_refused_on_the_other_citys_objects(client, cities, make_user, ichikawa, role, model):
    user = staff(make_user, role, ichikawa)
    client.force_login(user)
    theirs = cities["objects"]["a"][model.__name__]
    own = cities["objects"]["b"][model.__name__]
    for action in ("edit", "delete", "history", "usage"):
        response = client.get(url(model, action, theirs))
        assert response.status_code in (302, 403, 404), (action, response.status_code)
    deleted = client.post(url(model, "delete", theirs))
    assert deleted.status_code in (302, 403, 404)
    assert model.objects.filter(pk=theirs).exists()  # nothing deleted
    if not may_change(user, model):
        # No right on this model at all (翻訳者 on garbage, 環境課 on nurseries): not even their own.
        assert client.get(url(model, "edit", own)).status_code != 200
        return
    # With the model right, another city's object is simply not there for them.
    for action in ("edit", "delete", "history", "usage"):
        assert client.get(url(model, action, theirs)).status_code == 404, action
    own_edit = client.get(url(model, "edit", own))
    if role == groups.TRANSLATORS:  # they translate it; its Japanese source is refused to them
        assert (own_edit.status_code, own_edit["Location"]) == (302, "/admin/")
    else:
        assert own_edit.status_code == 200
    listing = client.get(url(model, "list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert url(model, "edit", own) in html
    assert url(model, "edit", theirs) not in html


def test_every_role_of_the_second_city_exists_and_is_its_own(ichikawa):
    scopes = CityGroup.objects.filter(municipality=ichikawa)
    assert sorted(scopes.values_list("role", flat=True)) == sorted(roles())
    assert set(ROLES) <= set(roles())


def test_a_superuser_sees_every_city(client, cities, make_user):
    client.force_login(make_user(is_superuser=True))
    html = client.get(url(CollectionArea, "list")).content.decode()
    for key in ("a", "b"):
        assert url(CollectionArea, "edit", cities["objects"][key]["CollectionArea"]) in html


def test_copy_of_another_citys_object_is_refused(client, cities, make_user, ichikawa):
    client.force_login(staff(make_user, groups.EDITORS, ichikawa))
    theirs = cities["objects"]["a"]["AlertBanner"]
    own = cities["objects"]["b"]["AlertBanner"]
    assert client.get(url(AlertBanner, "copy", theirs)).status_code == 404
    assert client.get(url(AlertBanner, "copy", own)).status_code == 200


# -- forms: only the user's cities, forged posts refused -----------------------------------


def test_the_form_offers_only_the_users_city_preselected(client, make_user, ichikawa, takamatsu):
    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    response = client.get(url(CollectionArea, "add"))
    field = response.context["form"].fields["municipality"]
    assert list(field.queryset) == [ichikawa]
    html = response.content.decode()
    select = re.search(r'<select name="municipality".*?</select>', html, re.S).group(0)
    assert f'<option value="{ichikawa.pk}" selected>' in select
    assert f'<option value="{takamatsu.pk}"' not in select


def test_a_forged_municipality_is_refused_and_nothing_is_written(client, make_user, ichikawa, takamatsu):
    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    before = CollectionArea.objects.count()
    response = client.post(
        url(CollectionArea, "add"),
        {"municipality": takamatsu.pk, "name": "偽の地区", "code": "forged", "towns": "", "sort_order": 0},
    )
    assert response.status_code == 200  # the form again, with the message
    assert escape(OTHER_CITY_JA) in response.content.decode()
    assert CollectionArea.objects.count() == before


def test_moving_an_own_object_to_the_other_city_is_refused(client, cities, make_user, ichikawa, takamatsu):
    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    own = cities["objects"]["b"]["DisposalCentre"]
    response = client.post(url(DisposalCentre, "edit", own), {"municipality": takamatsu.pk, "name": "移転"})
    assert response.status_code == 200
    assert escape(OTHER_CITY_JA) in response.content.decode()
    centre = DisposalCentre.objects.get(pk=own)
    assert (centre.municipality, centre.name) == (ichikawa, "市川クリーンセンター")


def test_a_rule_for_the_other_citys_area_is_refused(client, cities, make_user, ichikawa):
    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    before = CollectionRule.objects.count()
    response = client.post(
        url(CollectionRule, "add"),
        {
            "area": cities["objects"]["a"]["CollectionArea"],
            "category": cities["objects"]["b"]["GarbageCategory"],
            "kind": "weekly",
            "weekday": 2,
            "dates": "[]",
            "months": "[]",
        },
    )
    assert response.status_code == 200
    assert escape(OTHER_CITY_JA) in response.content.decode()
    assert CollectionRule.objects.count() == before


def test_rule_text_entry_offers_only_the_users_areas(client, cities, make_user, ichikawa):
    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    response = client.get(reverse("garbage_rule_text"))
    areas = set(response.context["form"].fields["area"].queryset.values_list("pk", flat=True))
    assert cities["objects"]["b"]["CollectionArea"] in areas
    assert cities["objects"]["a"]["CollectionArea"] not in areas
    before = CollectionRule.objects.count()
    forged = client.post(
        reverse("garbage_rule_text"),
        {
            "area": cities["objects"]["a"]["CollectionArea"],
            "category": cities["objects"]["a"]["GarbageCategory"],
            "text": "毎週火曜日",
            "confirm": "1",
        },
    )
    assert escape(OTHER_CITY_JA) in forged.content.decode()
    assert CollectionRule.objects.count() == before


# -- the admin uploads ---------------------------------------------------------------------


def test_5374_upload_offers_only_the_users_city_and_refuses_a_forged_one(client, make_user, ichikawa, takamatsu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    page = client.get(reverse("garbage_upload_5374"))
    assert list(page.context["form"].fields["municipality"].queryset) == [ichikawa]
    before = CollectionArea.objects.filter(municipality=takamatsu).count()
    response = client.post(
        reverse("garbage_upload_5374"),
        {
            "municipality": takamatsu.pk,
            "files": [SimpleUploadedFile("area_days.csv", "地名,センター,燃やすごみ\n偽町,,月\n".encode())],
        },
    )
    assert response.status_code == 200
    assert escape(OTHER_CITY_JA) in response.content.decode()
    assert "data-import-rows" not in response.content.decode()
    assert CollectionArea.objects.filter(municipality=takamatsu).count() == before


def test_open_data_upload_refuses_another_city(client, make_user, ichikawa, takamatsu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff(make_user, groups.EDITORS, ichikawa))
    page = client.get(reverse("opendata_import"))
    assert list(page.context["form"].fields["municipality"].queryset) == [ichikawa]
    response = client.post(
        reverse("opendata_import"),
        {"kind": "aed", "municipality": takamatsu.pk, "file": SimpleUploadedFile("aed.csv", "名称\n偽\n".encode())},
    )
    assert response.status_code == 200
    assert escape(OTHER_CITY_JA) in response.content.decode()
    assert "data-import-rows" not in response.content.decode()


def test_vacancy_upload_refuses_another_city(client, make_user, ichikawa, takamatsu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff(make_user, CHILDCARE_STAFF, ichikawa))
    page = client.get(reverse("nurseries_upload"))
    assert list(page.context["form"].fields["municipality"].queryset) == [ichikawa]
    before = VacancyNotice.objects.count()
    response = client.post(
        reverse("nurseries_upload"),
        {
            "municipality": takamatsu.pk,
            "as_of": "2026-05-01",
            "file": SimpleUploadedFile("v.csv", "施設番号,0歳\n1,1\n".encode()),
        },
    )
    assert response.status_code == 200
    assert escape(OTHER_CITY_JA) in response.content.decode()
    assert VacancyNotice.objects.count() == before


def test_an_upload_waiting_in_the_session_for_another_city_is_refused_at_commit(client, make_user, ichikawa, takamatsu):
    """Group membership can change between preview and commit: the commit checks the city again."""
    from opendata.admin_views import SESSION_KEY

    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    session = client.session
    session[SESSION_KEY] = {
        "t": {"flow": "garbage_upload_5374", "files": [], "options": {"municipality": takamatsu.pk}}
    }
    session.save()
    before = CollectionArea.objects.count()
    response = client.post(reverse("garbage_upload_5374_commit", args=["t"]), {"commit": "1"})
    assert response.status_code == 403
    assert OTHER_CITY_JA in response.content.decode()
    assert CollectionArea.objects.count() == before


# -- pages: rights on the own city's tree only ----------------------------------------------


def test_editor_of_one_city_cannot_edit_publish_or_add_under_the_other_city(client, make_user, ichikawa, takamatsu):
    from home.sites import city_home, city_pages_q

    editor = staff(make_user, groups.EDITORS, ichikawa)
    their_home = city_home(takamatsu)
    their_pages = Page.objects.filter(city_pages_q(their_home)).exclude(depth=1)
    assert their_pages.count() > 7  # homes and sections in every language
    for page in their_pages:
        permissions = page.permissions_for_user(editor)
        assert not permissions.can_edit(), page
        assert not permissions.can_publish(), page
        assert not permissions.can_add_subpage(), page
    own = city_home(ichikawa)
    assert own.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[their_home.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[their_home.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200


def test_section_staff_of_one_city_cannot_touch_the_other_citys_section(make_user, ichikawa, takamatsu):
    from home.sites import city_section
    from services.garbage.models import GarbageCalendarPage

    garbage_staff = staff(make_user, GARBAGE_STAFF, ichikawa)
    theirs = city_section(takamatsu, GarbageCalendarPage)
    own = city_section(ichikawa, GarbageCalendarPage)
    assert not theirs.permissions_for_user(garbage_staff).can_edit()
    assert not theirs.permissions_for_user(garbage_staff).can_publish()
    assert own.permissions_for_user(garbage_staff).can_publish()


def test_the_page_explorer_does_not_list_the_other_citys_pages(client, make_user, ichikawa, takamatsu):
    from home.sites import city_home, city_pages_q

    client.force_login(staff(make_user, groups.EDITORS, ichikawa))
    their_home = city_home(takamatsu)
    own = city_home(ichikawa)
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    html = explorer.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[own.pk]) in html
    for page in Page.objects.filter(city_pages_q(their_home)):
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) not in html
        assert reverse("wagtailadmin_explore", args=[page.pk]) not in html
    # Their home's own address lists none of the pages under it (Wagtail lists explorable pages only).
    listing = client.get(reverse("wagtailadmin_explore", args=[their_home.pk]), follow=True).content.decode()
    below = Page.objects.filter(city_pages_q(their_home, inclusive=False))
    assert below.exists()
    for page in below:
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) not in listing


# -- alert banners per site ------------------------------------------------------------------


def test_each_site_shows_its_own_banners_and_the_global_ones(client, cities, takamatsu):
    AlertBanner.objects.create(locale=Locale.get_default(), message="全国瞬時警報システムの試験")  # every site
    takamatsu_html = client.get("/ja/").content.decode()
    ichikawa_html = client.get("/ja/", HTTP_HOST=ICHIKAWA_HOST).content.decode()
    assert "高松の断水のお知らせ" in takamatsu_html
    assert "市川の断水のお知らせ" not in takamatsu_html
    assert "市川の断水のお知らせ" in ichikawa_html
    assert "高松の断水のお知らせ" not in ichikawa_html
    assert "全国瞬時警報システムの試験" in takamatsu_html
    assert "全国瞬時警報システムの試験" in ichikawa_html


def test_only_a_superuser_may_make_a_banner_for_every_site(client, make_user, ichikawa):
    form = {"severity": "notice", "message": "全サイトへの掲示", "enabled": "on", "locale": "ja"}
    client.force_login(staff(make_user, groups.EMERGENCY, ichikawa))
    response = client.post(url(AlertBanner, "add"), {**form, "municipality": ""})
    assert response.status_code == 200
    assert not AlertBanner.objects.filter(message="全サイトへの掲示").exists()
    client.force_login(make_user(is_superuser=True))
    response = client.post(url(AlertBanner, "add"), {**form, "municipality": ""})
    assert response.status_code == 302
    assert AlertBanner.objects.get(message="全サイトへの掲示").municipality is None


def test_the_chooser_modal_lists_only_the_users_cities(client, cities, make_user, ichikawa):
    client.force_login(staff(make_user, GARBAGE_STAFF, ichikawa))
    response = client.get(reverse("wagtailsnippetchoosers_garbage_collectionarea:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    assert "市川地区" in html
    assert "高松地区" not in html
