"""The demo cities table, and what a resident sees when one install serves several cities: the
default site's home lists the others (on the request's port), each site shows its own header and
sections, and a section its city's data does not fill says so (tests/a11y/test_demo_city.py runs
the whole load_demo in a browser)."""

import io

import pytest

from home.cities import setup_city
from home.demo import DEMO_CITIES, home_texts
from home.municipalities import is_valid_code

KANAZAWA = "kanazawa.localhost"


@pytest.fixture(autouse=True)
def _language_back():
    """A request to /en/ leaves English active in this thread: later tests expect Japanese."""
    from django.utils import translation

    with translation.override("ja"):
        yield


def test_demo_cities_have_valid_codes_own_hostnames_and_one_default():
    assert all(is_valid_code(city.code) for city in DEMO_CITIES)
    assert len({city.hostname for city in DEMO_CITIES}) == len({city.code for city in DEMO_CITIES}) == 8
    assert [city.name for city in DEMO_CITIES if city.default] == ["高松市"]
    assert {city.hostname for city in DEMO_CITIES} >= {"takamatsu.localhost", "kanazawa.localhost"}


def test_home_texts_name_the_city_and_only_what_its_data_gives():
    kanazawa = next(city for city in DEMO_CITIES if city.code == "172014")
    texts = home_texts(kanazawa)
    assert texts["ja"] == ("金沢市 くらしのポータル", "ごみの収集日をまとめて探せます。")
    assert texts["en"][0] == "Kanazawa City Life Portal"
    assert texts["ja-x-easy"][0] == "かなざわし くらしの ページ"


@pytest.fixture
def kanazawa(site_tree):
    return setup_city("172014", "金沢市", hostname=KANAZAWA, prefecture="石川県").municipality


def test_one_city_shows_no_list_of_cities(client, site_tree):
    html = client.get("/ja/").content.decode()
    assert "home-cities" not in html


def test_the_default_home_links_the_other_cities_on_the_request_port(client, kanazawa):
    html = client.get("/ja/", HTTP_HOST="takamatsu.localhost:8000").content.decode()
    assert "このポータルの市区町村" in html
    assert 'href="http://kanazawa.localhost:8000/ja/"' in html
    assert '<a href="http://takamatsu.localhost:8000/ja/"' not in html  # not itself

    html = client.get("/en/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert 'href="http://kanazawa.localhost:8000/en/"' in html  # an unknown host gets the default site

    html = client.get("/ja/", HTTP_HOST="takamatsu.example.jp").content.decode()
    assert 'href="http://kanazawa.localhost/ja/"' in html  # port 80 is left out


def test_another_city_has_its_own_header_and_no_list_of_cities(client, kanazawa):
    html = client.get("/ja/", HTTP_HOST=f"{KANAZAWA}:8000").content.decode()
    assert '<a class="site-header__name" href="/ja/">金沢市 くらしのポータル</a>' in html
    assert "高松市 くらしのポータル" not in html
    assert "home-cities" not in html
    html = client.get("/ja/garbage/", HTTP_HOST=f"{KANAZAWA}:8000").content.decode()
    assert "<title>ごみ収集日・分別 | 金沢市 くらしのポータル</title>" in html


@pytest.mark.parametrize(
    "path, note",
    [
        ("/ja/garbage/", "この市のごみ収集データはまだ登録されていません。"),
        ("/ja/facilities/", "この市の施設データはまだ登録されていません。"),
        ("/ja/nurseries/", "この市の保育所データはまだ登録されていません。"),
        ("/ja/events/", "この市のイベントはまだ登録されていません。"),
        ("/en/events/", "This city's events have not been published here yet."),
    ],
)
def test_an_empty_section_says_its_data_is_not_there_yet(client, kanazawa, path, note):
    response = client.get(path, HTTP_HOST=KANAZAWA)
    assert response.status_code == 200
    assert note in response.content.decode()


def test_a_demo_loader_loads_nothing_for_a_city_its_data_does_not_cover(client, kanazawa):
    from services.events import demo as events_demo
    from services.events.models import EventPage

    out = io.StringIO()
    events_demo.load_demo(kanazawa, out)
    assert not EventPage.objects.filter(municipality=kanazawa).exists()
    assert out.getvalue() == ""
    html = client.get("/en/events/", HTTP_HOST=KANAZAWA).content.decode()
    assert "<h1>Events</h1>" in html  # the empty section is titled in every language
