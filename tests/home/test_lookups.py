"""What every page reads through ``home.lookups`` (settings, banners, menu, language switcher) shows
a staff change on the next render: in the transaction that made it, and in every other process
once it commits; a rolled-back change leaves nothing behind."""

import pytest
from django.db import transaction
from wagtail.models import Locale, Page, PageViewRestriction

from home.factories import AlertBannerFactory
from home.models import PortalSettings, StandardPage


def render(client, path="/ja/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_contact_in_the_portal_settings_shows_on_the_next_render(client, site_tree):
    render(client)  # the settings are cached now
    portal = PortalSettings.objects.get(site__root_page=site_tree)
    portal.contact_name = "市民課 総合窓口"
    portal.save()
    assert "市民課 総合窓口" in render(client)


def test_a_new_banner_shows_and_a_switched_off_one_goes_on_the_next_render(client, site_tree):
    assert "給水車が来ます" not in render(client)
    banner = AlertBannerFactory(message="給水車が来ます")
    assert "給水車が来ます" in render(client)
    banner.enabled = False
    banner.save()
    assert "給水車が来ます" not in render(client)


def test_a_published_section_joins_the_menu_and_a_restricted_one_leaves_it(client, site_tree):
    render(client)
    section = site_tree.add_child(instance=StandardPage(title="防災のてびき", slug="bousai-tebiki", show_in_menus=True))
    assert "防災のてびき" in render(client)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert "防災のてびき" not in render(client)


def test_an_unpublished_translation_leaves_the_language_switcher(client, site_tree):
    page = site_tree.add_child(instance=StandardPage(title="ごみの出し方", slug="gomi-guide"))
    english_home = site_tree.get_translation(Locale.objects.get(language_code="en"))
    english = english_home.add_child(
        instance=StandardPage(title="Sorting waste", slug="gomi-guide", translation_key=page.translation_key)
    )
    english_url = english.get_url()
    assert english_url in render(client, page.get_url())
    Page.objects.get(pk=english.pk).unpublish()
    assert english_url not in render(client, page.get_url())


@pytest.mark.django_db(transaction=True)
def test_a_committed_banner_reaches_pages_and_a_rolled_back_one_leaves_nothing(client):
    render(client)
    with transaction.atomic():
        AlertBannerFactory(message="訓練の放送です")
    assert "訓練の放送です" in render(client)  # committed: the next render of any process

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        AlertBannerFactory(message="取り消された警報")
        assert "取り消された警報" in render(client)  # the transaction sees its own row
        raise RolledBack
    assert "取り消された警報" not in render(client)
    assert "訓練の放送です" in render(client)
