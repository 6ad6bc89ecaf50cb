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
