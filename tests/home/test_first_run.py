"""The first-run page: a superuser sets up a city from the admin (home/admin_views.py)."""

from html import escape

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from home import groups
from home.models import CityGroup, Municipality, PortalSettings

URL = "/admin/cities/"


@pytest.fixture
def admin_client(client, make_user, site_tree):
    client.force_login(make_user(is_superuser=True))
    return client


def test_the_page_lists_the_cities_set_up(admin_client):
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-city="372013"' in html
    assert "takamatsu.localhost" in html
    assert "市区町村を設定する" in html  # the admin in Japanese
    assert reverse("home_cities") == URL


def test_a_superuser_sets_up_a_city_and_a_second_run_changes_nothing(admin_client):
    form = {"code": "172014", "name": "金沢市", "hostname": "Kanazawa.Example.JP", "default": ""}
    response = admin_client.post(URL, form, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "金沢市 を設定しました。" in html
    kanazawa = Municipality.objects.get(code="172014")
    site = Site.objects.get(portalsettings__municipality=kanazawa)
    assert site.hostname == "kanazawa.example.jp"
    assert not site.is_default_site
    assert site.root_page.specific.title == "金沢市 くらしのポータル"
    assert 'data-city="172014"' in html
    assert set(CityGroup.objects.filter(municipality=kanazawa).values_list("role", flat=True)) >= {
        groups.EDITORS,
        groups.EMERGENCY,
    }
    counts = (Page.objects.count(), Site.objects.count(), CityGroup.objects.count())

    again = admin_client.post(URL, form, follow=True)
    assert "金沢市 は設定済みです。" in again.content.decode()
    assert (Page.objects.count(), Site.objects.count(), CityGroup.objects.count()) == counts
    assert Site.objects.get(is_default_site=True).portalsettings.municipality.code == "372013"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            {"code": "172015", "name": "金沢市"},
            "172015 は正しい6桁の全国地方公共団体コード（検査数字を含む）ではありません。",
        ),
        (
            {"code": "abc", "name": "金沢市"},
            "abc は正しい6桁の全国地方公共団体コード（検査数字を含む）ではありません。",
        ),
        ({"code": "172014", "name": ""}, "この項目は必須です"),
        ({"code": "172014", "name": "金沢市", "hostname": "bad host!"}, "bad host! は正しいホスト名ではありません。"),
    ],
)
def test_bad_input_shows_a_message_in_the_form_and_writes_nothing(admin_client, form, message):
    counts = (Municipality.objects.count(), Site.objects.count(), Page.objects.count())
    response = admin_client.post(URL, {"hostname": "", **form})
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert (Municipality.objects.count(), Site.objects.count(), Page.objects.count()) == counts


@pytest.mark.parametrize("role", [groups.EDITORS, groups.EMERGENCY, groups.TRANSLATORS])
def test_other_staff_get_403(client, make_user, site_tree, role):
    client.force_login(make_user(role))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"code": "172014", "name": "金沢市", "hostname": ""})
    assert response.status_code == 403
    assert not Municipality.objects.filter(code="172014").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, site_tree):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_settings_menu_offers_the_page_to_superusers_only(client, make_user, site_tree):
    client.force_login(make_user(is_superuser=True))
    assert URL in client.get("/admin/").content.decode()
    client.force_login(make_user(groups.EDITORS))
    assert URL not in client.get("/admin/").content.decode()


def test_a_fresh_install_dashboard_tells_the_superuser_to_set_up_the_first_city(client, make_user, site_tree):
    editor = make_user(groups.EDITORS)
    client.force_login(make_user(is_superuser=True))
    assert "data-first-city-panel" not in client.get("/admin/").content.decode()  # a city is set up
    PortalSettings.objects.update(municipality=None)  # as before any setup_city
    html = client.get("/admin/").content.decode()
    assert "data-first-city-panel" in html
    assert "最初の市区町村を設定してください" in html
    assert f'href="{URL}"' in html
    client.force_login(editor)
    assert "data-first-city-panel" not in client.get("/admin/").content.decode()
