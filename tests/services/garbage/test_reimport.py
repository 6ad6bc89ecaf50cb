"""Re-importing 5374 files: the same files change nothing; a category staff edited keeps their text."""

import io

from django.core.management import call_command
from django.utils import translation

from services.garbage.models import CollectionArea, GarbageCategory, SortingItem
from tests.services.garbage.test_importers import OPENDATA


def run(*args):
    out = io.StringIO()
    with translation.override("ja"):
        call_command(*args, stdout=out)
    return out.getvalue()


def takamatsu_files(tmp_path):
    for name in ("0090.csv", "0074.csv"):
        (tmp_path / name).write_bytes((OPENDATA / "takamatsu-opendata" / name).read_bytes())
    return str(tmp_path)


def test_takamatsu_files_twice_change_nothing_the_second_time(db, tmp_path):
    folder = takamatsu_files(tmp_path)
    run("import_5374", folder, "--municipality", "372013", "--municipality-name", "高松市")
    before = (
        list(CollectionArea.objects.order_by("pk").values_list("pk", "towns", "remarks")),
        list(SortingItem.objects.order_by("pk").values_list("pk", "notice", "reading")),
    )
    output = run("import_5374", folder, "--municipality", "372013")
    assert output.startswith("created 0, updated 0, unchanged ")
    after = (
        list(CollectionArea.objects.order_by("pk").values_list("pk", "towns", "remarks")),
        list(SortingItem.objects.order_by("pk").values_list("pk", "notice", "reading")),
    )
    assert after == before


def test_a_category_description_staff_changed_is_kept_unless_overwrite_edits(db, tmp_path):
    folder = takamatsu_files(tmp_path)
    run("import_5374", folder, "--municipality", "372013", "--municipality-name", "高松市")
    category = GarbageCategory.objects.filter(municipality__code="372013").order_by("sort_order").first()
    file_value = category.description
    category.description = "収集日の朝8時までに出してください"
    category.save()

    output = run("import_5374", folder, "--municipality", "372013")
    category.refresh_from_db()
    assert category.description == "収集日の朝8時までに出してください"
    assert "出し方" in output and "収集日の朝8時までに出してください" in output and "conflict:" in output

    output = run("import_5374", folder, "--municipality", "372013", "--overwrite-edits")
    category.refresh_from_db()
    assert category.description == file_value and "conflict:" not in output
