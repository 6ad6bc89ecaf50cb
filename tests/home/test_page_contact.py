"""What every standard page tells a resident at its foot: 問い合わせ先 (the page's own, else the city's)
and 更新日; real tables typed cell by cell; an event's image. Readable at 320 px."""

import io
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from home.models import PortalSettings, StandardPage
from services.events.factories import EventIndexPageFactory, EventPageFactory

SHOTS = os.environ.get("SHOTS_DIR")  # a folder to keep screenshots in while working (e.g. /work/briefs/shots/staff)
TABLE = {
    "caption": "粗大ごみの処理手数料",
    "columns": [{"type": "text", "heading": "品目"}, {"type": "number", "heading": "手数料（円）"}],
    "rows": [{"values": ["自転車", 400]}, {"values": ["たんす", 800]}],
}


def _page(site_tree, **fields):
    page = StandardPage(title="粗大ごみの出し方", slug="sodai", body=[("data_table", TABLE)], **fields)
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    StandardPage.objects.filter(pk=page.pk).update(
        last_published_at=datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    )
    return page


def _city_contact(site_tree):
    portal = PortalSettings.for_site(Site.objects.get(root_page=site_tree))
    portal.contact_name, portal.contact_phone, portal.contact_email = (
        "広聴広報課",
        "087-839-2111",
        "koho@city.example.jp",
    )
    portal.save()


def test_a_page_shows_its_own_contact_and_the_date_it_was_last_published(client, site_tree):
    _city_contact(site_tree)
    page = _page(
        site_tree, contact_department="環境課 ごみ減量係", contact_phone="087-839-2394", contact_email="gomi@example.jp"
    )
    html = client.get(page.url).content.decode()
    footer = html.split('class="page-footer"')[1].split("</footer>")[0]
    assert "問い合わせ先" in footer
    assert "環境課 ごみ減量係" in footer
    assert 'href="tel:0878392394"' in footer and "087-839-2394" in footer
    assert 'href="mailto:gomi@example.jp"' in footer
    assert "広聴広報課" not in footer  # the page's own contact wins
    assert "更新日" in footer and '<time datetime="2026-11-20">2026年11月20日</time>' in footer


def test_a_page_without_its_own_contact_shows_the_citys(client, site_tree):
    _city_contact(site_tree)
    html = client.get(_page(site_tree).url).content.decode()
    footer = html.split('class="page-footer"')[1].split("</footer>")[0]
    assert "広聴広報課" in footer and "087-839-2111" in footer and "koho@city.example.jp" in footer


def test_a_typed_table_renders_with_caption_and_headers(client, site_tree):
    html = client.get(_page(site_tree).url).content.decode()
    table = html.split("<table>")[1].split("</table>")[0]
    assert "<caption>粗大ごみの処理手数料</caption>" in table
    assert '<th scope="col">品目</th>' in table and '<th scope="col">手数料（円）</th>' in table
    assert '<th scope="row">自転車</th>' in table and "<td>400</td>" in table


def _image(title="夏祭りのポスター"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 400), "#1d6fa4").save(buffer, "PNG")
    return Image.objects.create(title=title, description="提灯が並ぶ商店街", file=ImageFile(buffer, name="matsuri.png"))


def test_an_event_shows_its_image_with_alt_text_and_its_update_date(client, site_tree):
    index = EventIndexPageFactory(parent=site_tree)
    event = EventPageFactory(parent=index, title="高松まつり", image=_image())
    html = client.get(event.url).content.decode()
    figure = html.split('class="event-image"')[1].split("</figure>")[0]
    assert "<img" in figure and 'alt="提灯が並ぶ商店街"' in figure
    assert "更新日" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_foot_and_table_fit_a_320px_screen(live_server, site_tree, _browser):
    _city_contact(site_tree)
    page = _page(site_tree, contact_email="a-very-long-address-for-the-section@city.takamatsu.example.jp")
    context = _browser.new_context(locale="ja-JP", viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(live_server.url + page.url)
    assert tab.locator("html").get_attribute("lang") == "ja"
    assert tab.get_by_role("heading", name="問い合わせ先").is_visible()
    assert tab.locator("table caption").inner_text() == "粗大ごみの処理手数料"
    # Nothing makes the page scroll sideways (a wide table scrolls in its own box).
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/resident-page-320.png", full_page=True)
    context.close()
