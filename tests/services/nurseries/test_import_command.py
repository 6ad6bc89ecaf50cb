"""import_vacancies FILE --as-of --municipality: strict, atomic, idempotent, on the real files."""

import csv

import pytest
from django.core.management import CommandError, call_command

from services.nurseries.models import VacancyCount, VacancyNotice
from tests.rows import module_rows

from .conftest import KANOU, SIMPLE


def _set_up_yokohama() -> None:
    from home.cities import setup_city

    setup_city("141003", "横浜市", hostname="yokohama.localhost")  # an import goes to a set-up city only


_yokohama_site = module_rows(_set_up_yokohama)


@pytest.fixture(autouse=True)
def _yokohama_set_up(_yokohama_site):
    return _yokohama_site


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_vacancies", *map(str, args), stdout=out)
    return out.getvalue()


def copy_with(tmp_path, source, row, column, value):
    rows = list(csv.reader(source.open(encoding="utf-8")))
    rows[row - 1][column - 1] = value
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    return path


def test_yokohama_file_is_published_and_a_second_run_changes_nothing(nurseries):
    first = run(KANOU, "--as-of", "2024-08-01", "--municipality", "141003")

    notice = VacancyNotice.objects.get()
    assert notice.live and notice.nursery_count == 24
    assert VacancyCount.objects.filter(notice=notice).count() == 24
    assert "created 24" in first and "published" in first
    assert "合計 54" in first  # the one row whose total is not the sum, as a note

    second = run(KANOU, "--as-of", "2024-08-01", "--municipality", "141003")
    assert "unchanged 24" in second
    assert VacancyNotice.objects.get().revisions.count() == 1


def test_simple_csv_matches_names_and_numbers(nurseries):
    output = run(SIMPLE, "--as-of", "2024-08-01", "--municipality", "141003")

    notice = VacancyNotice.objects.get()
    assert notice.nursery_count == 9
    izumi = next(n for n in nurseries.values() if n.facility.title == "幸いづみ保育園")
    assert notice.counts[str(izumi.pk)] == [3, 2, 3, 1, 1, 1]
    assert "created 9" in output


def test_a_bad_row_imports_nothing_and_names_file_row_column_value(nurseries, tmp_path):
    bad = copy_with(tmp_path, KANOU, 5, 6, "-2")

    with pytest.raises(CommandError) as error:
        run(bad, "--as-of", "2024-08-01", "--municipality", "141003")

    message = str(error.value)
    assert "Nothing was imported" in message
    assert "yokohama_202408_kanou_sample.csv, 5 行目, 列「１歳児」, 値 '-2'" in message
    assert not VacancyNotice.objects.exists()


def test_a_correction_keeps_the_published_notice_until_published(nurseries, tmp_path):
    run(KANOU, "--as-of", "2024-08-01", "--municipality", "141003")
    corrected = copy_with(tmp_path, KANOU, 3, 6, "4")  # 横浜市馬場保育園 １歳児: 1 → 4

    output = run(corrected, "--as-of", "2024-08-01", "--municipality", "141003", "--draft")

    notice = VacancyNotice.objects.get()
    baba = nurseries["1410051018778"]
    assert "updated 24" in output and "draft" in output
    assert notice.has_unpublished_changes
    assert VacancyCount.objects.get(nursery=baba).places_1 == 1
    run(corrected, "--as-of", "2024-08-01", "--municipality", "141003")
    assert VacancyCount.objects.get(nursery=baba).places_1 == 4


def test_unmatched_row_blocks_the_import(nurseries, tmp_path):
    nurseries["1410051020006"].delete()  # 横浜市鶴見保育園 is no longer known

    with pytest.raises(CommandError) as error:
        run(KANOU, "--as-of", "2024-08-01", "--municipality", "141003")

    assert "4 行目, 列「施設番号」, 値 '1410051020006': unmatched" in str(error.value)
    assert not VacancyNotice.objects.exists()


def test_skip_invalid_imports_the_rest_and_lists_the_skipped(nurseries, tmp_path):
    bad = copy_with(tmp_path, KANOU, 5, 6, "多数")

    output = run(bad, "--as-of", "2024-08-01", "--municipality", "141003", "--skip-invalid")

    assert VacancyNotice.objects.get().nursery_count == 23
    assert "skipped 1" in output and "5 行目, 列「１歳児」, 値 '多数'" in output


def test_as_of_that_disagrees_with_the_title_row_is_refused(nurseries):
    with pytest.raises(CommandError) as error:
        run(KANOU, "--as-of", "2024-07-01", "--municipality", "141003")

    assert "1 行目" in str(error.value) and "2024-08-01" in str(error.value)


def test_a_date_beyond_next_month_is_refused(nurseries, tmp_path):
    with pytest.raises(CommandError) as error:
        run(SIMPLE, "--as-of", "2099-04-01", "--municipality", "141003")

    assert "cannot be dated after" in str(error.value)
    assert not VacancyNotice.objects.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as-of", "someday", "--municipality", "141003"], "--as-of"),
        (["--as-of", "2024-08-01", "--municipality", "141004"], "141004"),
    ],
)
def test_bad_options_are_explained(nurseries, args, words):
    with pytest.raises(CommandError, match=words):
        run(KANOU, *args)


def test_one_facility_number_on_two_rows_names_both_and_imports_nothing(nurseries, tmp_path):
    from django.utils import translation

    lines = SIMPLE.read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "doubled.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")

    with translation.override("ja"), pytest.raises(CommandError) as error:
        run(path, "--as-of", "2024-08-01", "--municipality", "141003")

    assert f"行 2 と 行 {len(lines) + 1} の ID が同じです: 1410051018778" in str(error.value)
    assert not VacancyNotice.objects.exists()
