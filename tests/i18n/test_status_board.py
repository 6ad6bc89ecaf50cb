"""The translation status board: states, counts, links, who may see it, and a fixed query count."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from home.models import StandardPage
from services.garbage.apps import GARBAGE_STAFF
from services.nurseries.apps import CHILDCARE_STAFF
from tests.i18n.conftest import save_translation
from translation.status import (
    IN_PROGRESS,
    IN_REVIEW,
    OUT_OF_DATE,
    PUBLISHED,
    UNTRANSLATED,
    status_boards,
    translation_state,
)

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
T1 = T0 + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("kwargs", "state"),
    [
        ({"exists": False, "live": False, "in_review": False}, UNTRANSLATED),
        ({"exists": True, "live": False, "in_review": False}, IN_PROGRESS),
        ({"exists": True, "live": False, "in_review": True}, IN_REVIEW),
        ({"exists": True, "live": True, "in_review": True}, IN_REVIEW),
        ({"exists": True, "live": True, "in_review": False, "source": T1, "translation": T0}, OUT_OF_DATE),
        ({"exists": True, "live": True, "in_review": False, "source": T0, "translation": T1}, PUBLISHED),
    ],
)
def test_translation_state(kwargs, state):
    source = kwargs.pop("source", T0)
    translated = kwargs.pop("translation", T0)
    assert translation_state(source_published_at=source, translation_published_at=translated, **kwargs) == state


def _board(code):
    return next(board for board in status_boards() if board.locale.language_code == code)


def _state_of(board, page):
    return next(row.state for row in board.rows if row.source.pk == page.pk)


def test_board_follows_a_page_through_every_state(client, source_page, editor, translator, translate):
    assert _state_of(_board("en"), source_page) == UNTRANSLATED

    translation = translate(source_page, "en")
    assert _state_of(_board("en"), source_page) == IN_PROGRESS  # a draft: residents read the Japanese

    client.force_login(translator)
    en_page = source_page.get_translation(Locale.objects.get(language_code="en"))
    client.post(reverse("translation_submit_for_review", args=[en_page.pk]))
    assert _state_of(_board("en"), source_page) == IN_REVIEW

    en_page.refresh_from_db()
    state = en_page.current_workflow_state
    state.cancel(user=editor)
    save_translation(translation, user=editor, publish=True)
    assert _state_of(_board("en"), source_page) == PUBLISHED

    source_page.save_revision(user=editor).publish()
    assert _state_of(_board("en"), source_page) == OUT_OF_DATE
    assert _state_of(_board("ko"), source_page) == UNTRANSLATED


def test_board_page_shows_counts_and_links(client, source_page, editor, translate):
    translate(source_page, "vi", user=editor, publish=True)
    client.force_login(editor)
    response = client.get(reverse("translation_status") + "?locale=vi")
    html = response.content.decode()
    assert response.status_code == 200
    # The home page, its sections (setup_city) and gomi are published in Vietnamese; nothing
    # else is in any state.
    vi = Locale.objects.get(language_code="vi")
    published = Page.objects.filter(locale=vi, live=True, depth__gt=1).count()
    vi_row = html.split('data-locale="vi"')[1].split("</tr>")[0]
    assert f'<td data-state="published">{published}</td>' in vi_row
    assert '<td data-state="untranslated">0</td>' in vi_row
    ko_row = html.split('data-locale="ko"')[1].split("</tr>")[0]
    assert '<td data-state="untranslated">1</td>' in ko_row
    vi_page = source_page.get_translation(Locale.objects.get(language_code="vi"))
    assert reverse("wagtailadmin_pages:edit", args=[vi_page.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[source_page.pk]) in html


def test_board_links_untranslated_pages_to_translate(client, source_page, editor):
    client.force_login(editor)
    html = client.get(reverse("translation_status") + "?locale=ko").content.decode()
    assert reverse("translation_start", args=[source_page.pk]) in html


@pytest.mark.parametrize("group", [GARBAGE_STAFF, CHILDCARE_STAFF])
def test_board_is_for_translators_and_editors_only(client, site_tree, make_user, group):
    client.force_login(make_user(group))
    response = client.get(reverse("translation_status"))
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def test_translator_sees_the_board(client, site_tree, translator):
    client.force_login(translator)
    assert client.get(reverse("translation_status")).status_code == 200


def test_board_queries_do_not_grow_with_pages(client, source_page, editor, translate, django_assert_max_num_queries):
    client.force_login(editor)
    for number in range(12):
        page = StandardPage(title=f"お知らせ{number}", slug=f"news-{number}")
        source_page.add_child(instance=page)
        page.save_revision().publish()
        if number % 3 == 0:
            translate(page, "en", user=editor, publish=True)
    client.get(reverse("translation_status"))  # warm caches of the admin chrome
    with django_assert_max_num_queries(40):
        html = client.get(reverse("translation_status") + "?locale=en").content.decode()
    assert "お知らせ11" in html


def test_board_counts_translated_snippets_per_language(client, site_tree, editor, translate):
    from home.factories import AlertBannerFactory

    first = AlertBannerFactory(message="大雨警報")
    AlertBannerFactory(message="断水のお知らせ")
    translate(first, "vi", user=editor, publish=True)
    client.force_login(editor)
    html = client.get(reverse("translation_status")).content.decode()
    row = html.split('data-snippet="home.alertbanner"')[1].split("</tr>")[0]
    vi_cell = row.split('data-locale="vi"')[1].split("</td>")[0]
    ko_cell = row.split('data-locale="ko"')[1].split("</td>")[0]
    assert ">1 / 2</a>" in vi_cell
    assert ">0 / 2</a>" in ko_cell
    assert "/admin/snippets/home/alertbanner/?locale=vi" in vi_cell


def test_a_city_s_translator_sees_only_that_city_s_pages(client, source_page, make_user):
    from home.cities import setup_city
    from home.groups import TRANSLATORS, city_group

    other = setup_city("122033", "市川市", hostname="ichikawa.example.jp")
    other_page = other.home.add_child(instance=StandardPage(title="市川市のお知らせ", slug="notice"))
    client.force_login(make_user(city_group(TRANSLATORS, other.municipality)))

    html = client.get(reverse("translation_status") + "?locale=ko").content.decode()

    assert "市川市のお知らせ" in html and other_page.title in html
    assert source_page.title not in html and "高松市" not in html
