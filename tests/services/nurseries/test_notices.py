"""Vacancy notices in the database: drafts, revisions, publishing, history."""

from datetime import date

import pytest

from services.nurseries.models import FEW, VacancyCount, VacancyNotice
from services.nurseries.notices import save_notice

from .conftest import AS_OF

BABA = "1410051018778"  # 横浜市馬場保育園: －,1,0,0,0,3


def counts_of(notice, nursery):
    return notice.counts[str(nursery.pk)]


def test_publishing_a_notice_fills_the_counts_residents_query(published_notice, nurseries):
    baba = nurseries[BABA]

    assert published_notice.live
    assert published_notice.nursery_count == 24
    assert counts_of(published_notice, baba) == [None, 1, 0, 0, 0, 3]
    row = VacancyCount.objects.get(notice=published_notice, nursery=baba)
    assert (row.places_0, row.places_1, row.places_5, row.has_vacancy) == (None, 1, 3, True)
    assert VacancyCount.objects.filter(notice=published_notice).count() == 24


def test_zero_places_and_no_class_are_stored_apart(published_notice, nurseries):
    row = VacancyCount.objects.get(notice=published_notice, nursery=nurseries["1410052003266"])  # 三色えのぐ: 8,,,-,-,-

    assert (row.places_0, row.places_1, row.places_2, row.places_3) == (8, 0, 0, None)
    assert row.by_age()[1].has_class and not row.by_age()[3].has_class


def test_a_draft_is_not_shown_until_published(nurseries, yokohama):
    counts = {str(nurseries[BABA].pk): [None, 2, 0, 0, 0, 0]}
    saved = save_notice(yokohama, AS_OF, counts)

    assert saved.created and not saved.notice.live
    assert not VacancyCount.objects.exists()
    saved.notice.latest_revision.publish()
    assert VacancyCount.objects.get().places_1 == 2


def test_a_published_notice_changes_only_through_a_new_revision(published_notice, nurseries, yokohama):
    baba = nurseries[BABA]
    corrected = dict(published_notice.counts)
    corrected[str(baba.pk)] = [None, 0, 0, 0, 0, FEW]

    saved = save_notice(yokohama, AS_OF, corrected)

    notice = VacancyNotice.objects.get(pk=published_notice.pk)
    assert saved.changed and not saved.created
    assert notice.live and notice.has_unpublished_changes
    assert counts_of(notice, baba) == [None, 1, 0, 0, 0, 3]  # the live notice is unchanged
    assert VacancyCount.objects.get(notice=notice, nursery=baba).places_1 == 1
    assert notice.revisions.count() == 2

    notice.latest_revision.publish()

    notice.refresh_from_db()
    assert counts_of(notice, baba) == [None, 0, 0, 0, 0, FEW]
    row = VacancyCount.objects.get(notice=notice, nursery=baba)
    assert (row.places_1, row.places_5, row.has_vacancy) == (0, -1, True)
    # The replaced snapshot stays in the notice's revisions.
    first = notice.revisions.order_by("created_at").first().as_object()
    assert counts_of(first, baba) == [None, 1, 0, 0, 0, 3]


def test_saving_the_same_counts_again_changes_nothing(published_notice, yokohama):
    saved = save_notice(yokohama, AS_OF, dict(published_notice.counts), publish=True)

    assert not saved.changed and not saved.published
    assert saved.notice.revisions.count() == 1


def test_history_keeps_every_published_notice(published_notice, nurseries, yokohama):
    from services.nurseries.finder import vacancy_history

    baba = nurseries[BABA]
    save_notice(yokohama, date(2024, 7, 1), {str(baba.pk): [None, 4, 1, 0, 0, 0]}, publish=True)
    save_notice(yokohama, date(2024, 9, 1), {str(baba.pk): [None, 0, 0, 0, 0, 0]})  # a draft

    history = vacancy_history(baba)

    assert [(row.as_of, row.places_1) for row in history] == [(date(2024, 8, 1), 1), (date(2024, 7, 1), 4)]


def test_unpublishing_takes_the_counts_away(published_notice):
    published_notice.unpublish()

    assert not VacancyCount.objects.filter(notice=published_notice).exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3か月～", "012345"),
        ("1歳から5歳", "12345"),
        ("0～2歳", "012"),
        ("満1歳以上", "12345"),
        ("", "012345"),
        ("18か月～", "12345"),
        ("おおむね2か月～2歳児", "012"),
        ("1号認定 3歳児～、2・3号認定 3か月～", "012345"),
    ],
)
def test_age_classes_from_the_accepted_age_text(text, expected):
    from services.nurseries.demo import age_classes_from_text

    assert age_classes_from_text(text) == expected
