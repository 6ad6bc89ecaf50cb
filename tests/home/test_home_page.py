"""The home page brings the resident's own services to the front."""

import io

from services.garbage import demo as garbage_demo
from services.garbage.models import CollectionArea


def test_home_page_shows_the_garbage_notice_of_the_remembered_area(client, site_tree, municipality):
    garbage_demo.load_demo(municipality, io.StringIO())
    area = CollectionArea.objects.filter(municipality=municipality).order_by("code").first()

    html = client.get("/ja/").content.decode()
    assert "ごみカレンダー：お住まいの地区を選ぶ" in html

    client.cookies["garbage_area"] = area.code
    html = client.get("/ja/").content.decode()
    assert f"?area={area.code}" in html
    assert area.name in html


def _sections(*models):
    """The set-up city's own sections (setup_city made them), the event list last."""
    from home.demo import ensure_municipality
    from home.sites import city_section
    from services.events.models import EventIndexPage

    municipality = ensure_municipality()
    return [city_section(municipality, model) for model in (*models, EventIndexPage)]


def test_home_page_lists_the_next_events_and_a_near_me_box(client, site_tree):
    from datetime import timedelta

    from facilities.factories import FacilityPageFactory
    from facilities.models import FacilityIndexPage
    from japanese.dates import today_in_japan
    from services.events.factories import EventPageFactory

    facilities, index = _sections(FacilityIndexPage)
    FacilityPageFactory(parent=facilities, title="中央図書館")  # the near-me box shows for a city with facilities
    today = today_in_japan()
    EventPageFactory(parent=index, title="親子で楽しむ<おはなし会>", start_date=today + timedelta(days=3))
    EventPageFactory(parent=index, title="去年の祭り", start_date=today - timedelta(days=400))

    html = client.get("/ja/").content.decode()
    assert "親子で楽しむ&lt;おはなし会&gt;" in html
    assert "去年の祭り" not in html
    assert f'href="{index.url}"' in html
    assert f'action="{facilities.url}"' in html
    assert 'name="address"' in html


def test_home_page_events_are_those_starting_from_today(client, site_tree):
    from datetime import timedelta

    from japanese.dates import today_in_japan
    from services.events.factories import EventPageFactory

    (index,) = _sections()
    today = today_in_japan()
    EventPageFactory(
        parent=index,
        title="年間を通じた健康講座",
        start_date=today - timedelta(days=60),
        end_date=today + timedelta(days=300),
    )
    EventPageFactory(parent=index, title="防災訓練", start_date=today + timedelta(days=2))
    html = client.get("/ja/").content.decode()
    assert "防災訓練" in html
    assert "年間を通じた健康講座" not in html
