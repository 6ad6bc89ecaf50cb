"""The facility directory and facility pages as residents and staff see them."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from geopy.distance import geodesic
from wagtail.models import Locale

from facilities.factories import FacilityCategoryFactory, FacilityPageFactory
from facilities.models import FacilityCategory, FacilityIndexPage, FacilityPage
from home import groups
from services.garbage.apps import GARBAGE_STAFF
from tests.rows import module_rows

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "facilities"
BANCHO_1 = (34.34253, 134.046355)


def load(kind, name):
    call_command("import_opendata", kind, str(FIXTURES / name), "--municipality", "372013", stdout=StringIO())


def _import_directory() -> None:
    from home import demo

    demo.ensure_municipality()
    load("facilities", "takamatsu_0035_libraries.csv")
    load("facilities", "takamatsu_0004_community_centres.csv")
    load("evacuation", "takamatsu_0060_evacuation.csv")


_directory_rows = module_rows(_import_directory)


@pytest.fixture
def directory(_directory_rows, site_tree, municipality):
    return FacilityIndexPage.objects.get(locale__language_code="ja")


def test_directory_lists_every_facility_without_javascript(client, directory):
    html = client.get(directory.url).content.decode()
    assert '<ol class="facility-list" id="facility-results">' in html
    assert "高松市中央図書館" in html and "高松市日新コミュニティセンター" in html
    assert 'id="facility-map-features"' in html  # the same places, for the map
    assert "cyberjapandata.gsi.go.jp" in html and "国土地理院" in html


def test_address_search_lists_nearest_first_with_walking_distance(client, directory):
    response = client.get(directory.url, {"address": "高松市番町１丁目", "radius": 1000})
    html = response.content.decode()
    assert "香川県高松市番町一丁目" in html
    results = response.context["results"]
    expected = sorted(
        (p for p in FacilityPage.objects.all() if geodesic(BANCHO_1, (p.latitude, p.longitude)).meters <= 1000),
        key=lambda p: geodesic(BANCHO_1, (p.latitude, p.longitude)).meters,
    )
    assert [p.pk for p in results] == [p.pk for p in expected]
    assert "徒歩約" in html and " m</span>" in html


def test_category_filter_and_text(client, directory):
    response = client.get(directory.url, {"category": "library"})
    assert {p.category.code for p in response.context["results"]} == {"library"}
    assert response.context["count"] == 5
    response = client.get(directory.url, {"q": "牟礼"})
    found = {p.title for p in response.context["results"]}
    assert "高松市牟礼図書館" in found
    assert found == {p.title for p in FacilityPage.objects.all() if "牟礼" in p.title + p.address + p.name_kana}


def test_unknown_address_is_said_plainly_and_user_text_is_escaped(client, directory):
    html = client.get(directory.url, {"address": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'role="alert"' in html


def test_bad_position_is_a_message_not_an_error(client, directory):
    response = client.get(directory.url, {"lat": "135", "lng": "34"})
    assert response.status_code == 200
    with translation.override(directory.locale.language_code):  # the message in the page's language (locale/)
        message = translation.gettext("That position is outside Japan.")
    assert message in response.content.decode()


def test_directory_query_count_does_not_grow_with_facilities(client, directory, django_assert_max_num_queries):
    client.get(directory.url)  # warm the site root and menu caches, as a running server would be
    with django_assert_max_num_queries(40) as few:
        client.get(directory.url)
    few_count = len(few)  # now: the next request empties the connection's query log it reads
    category = FacilityCategory.objects.get(code="library", locale__language_code="ja")
    for n in range(30):
        FacilityPageFactory(parent=directory, title=f"分館{n}", category=category)
    client.get(directory.url)  # new pages retire the cached menu and lookups: warm them again
    with django_assert_max_num_queries(few_count):
        client.get(directory.url)


def test_evacuation_site_shows_hazards_and_capacity(client, directory):
    site = FacilityPage.objects.get(title="日新小学校跡施設")
    html = client.get(site.url).content.decode()
    assert "洪水・土砂災害・地震・大規模な火事・内水氾濫" in html
    assert "238" in html
    assert 'id="nearby-heading"' in html


def test_library_says_whether_it_is_open_now_and_until_when(client, directory):
    from facilities.templatetags.facility_tags import open_label

    library = FacilityPage.objects.get(title="高松市中央図書館")
    html = client.get(library.url).content.decode()
    with translation.override("ja"):
        expected = open_label(library.status_now)
    assert expected.startswith(("開いています（", "閉まっています（"))  # said in Japanese, with a time
    assert expected in html
    assert "今日は開いています" not in html


def test_facility_page_renders_in_two_languages(client, directory):
    en = Locale.objects.get(language_code="en")
    library = FacilityPage.objects.get(title="高松市中央図書館")
    FacilityCategory.objects.get(code="library", locale__language_code="ja").copy_for_translation(en).save()
    translated = library.copy_for_translation(en, copy_parents=True)
    translated.title = "Takamatsu Central Library"
    translated.save_revision().publish()
    translated.refresh_from_db()
    ja_html = client.get(library.url).content.decode()
    en_html = client.get(translated.url).content.decode()
    assert '<html lang="ja">' in ja_html and '<html lang="en">' in en_html
    assert "<h1>Takamatsu Central Library</h1>" in en_html
    assert "高松市昭和町一丁目2-20" in en_html  # the address is a synchronized fact
    assert translated.latitude == library.latitude
    # The English directory lists the translation and, for the rest, the Japanese pages.
    en_directory = FacilityIndexPage.objects.get(locale=en)
    names = [p.title for p in client.get(en_directory.url).context["results"]]
    assert "Takamatsu Central Library" in names and "高松市中央図書館" not in names
    assert "高松市牟礼図書館" in names
    # …each Japanese name in roman letters (its English name in the open data, or its reading in
    # Hepburn), the Japanese beside it.
    html = client.get(en_directory.url).content.decode()
    before, _found, _after = html.partition(' <span class="name-original" lang="ja">高松市牟礼図書館</span>')
    assert _found and re.search(r">([A-Za-z' ]+)$", before).group(1).strip()


def test_drafts_are_not_shown(client, directory):
    draft = FacilityPageFactory(parent=directory, title="準備中の施設", live=False)
    assert client.get(directory.url, {"q": "準備中"}).context["count"] == 0
    assert client.get(f"/ja/facilities/{draft.slug}/").status_code == 404


@pytest.mark.parametrize(
    ("group", "allowed"), [(groups.EDITORS, True), (GARBAGE_STAFF, False), (groups.TRANSLATORS, False)]
)
def test_who_may_add_facilities_in_the_admin(client, make_user, directory, group, allowed):
    client.force_login(make_user(group))
    url = reverse("wagtailadmin_pages:add", args=("facilities", "facilitypage", directory.pk))
    response = client.get(url)
    assert (response.status_code == 200) is allowed
    if allowed:
        html = response.content.decode()
        assert 'id="id_latitude"' in html and "admin-map-picker.js" in html
    category_list = client.get(reverse("wagtailsnippets_facilities_facilitycategory:list"))
    assert (category_list.status_code == 200) is allowed


def test_editor_saves_a_facility_and_bad_coordinates_are_refused(client, make_user, directory):
    client.force_login(make_user(groups.EDITORS))
    category = FacilityCategoryFactory(code="park", name="公園")
    url = reverse("wagtailadmin_pages:add", args=("facilities", "facilitypage", directory.pk))
    form = {
        "title": "玉藻公園",
        "slug": "tamamo",
        "summary": "",
        "category": category.pk,
        "kind": "facilities",
        "address": "高松市玉藻町2-1",
        "latitude": "134.0505",
        "longitude": "34.3502",
        "available_days": "月火水木金土日",
        "opening_time": "7:00",
        "closing_time": "18:00",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "入れ替わっているようです" in response.content.decode()  # latitude and longitude look swapped
    form.update(latitude="34.3502", longitude="134.0505", opening_time="朝")
    response = client.post(url, form)
    assert response.status_code == 200 and "朝" in response.content.decode()
    form.update(opening_time="7:00")
    response = client.post(url, form)
    assert response.status_code == 302
    assert FacilityPage.objects.get(slug="tamamo").latitude == 34.3502


def test_the_radius_shown_is_the_radius_searched(client, directory):
    directory.default_radius_m = 1500
    directory.save()
    response = client.get(directory.url, {"address": "高松市番町一丁目"})
    assert response.context["radius"] == 1500
    assert '<option value="1500" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("address", "town"),
    [
        ("千葉県市川市本北方3丁目19-16", "市川市本北方3丁目"),  # standard-dataset-ichikawa
        ("埼玉県川口市栄町1-2-19", "川口市栄町1丁目"),  # standard-dataset-kawaguchi
        ("高松市番町一丁目8-15", "高松市番町一丁目"),
        ("高松市香川町川東上1865-13", "高松市香川町川東上"),
    ],
)
def test_the_near_me_example_is_a_town_of_the_sites_own_city(address, town):
    from facilities.views import town_of

    assert town_of(address) == town
