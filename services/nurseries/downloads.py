"""What the 保育所 section offers as open data (opendata/downloads.py)."""

import io

from opendata.cells import csv_writer

AGES = range(6)


def cell(value) -> str:
    from .models import FEW

    if value is None:
        return "－"  # no class of that age
    if value == FEW:
        return "若干"
    return str(value)


def vacancy_csv(municipality) -> bytes:
    """The latest published notice in the documented simple layout (docs/nurseries.md), UTF-8 with BOM.

    It reads back with ``import_vacancies`` into the same counts.
    """
    from home.visibility import resident_rows

    from .models import Nursery, VacancyNotice

    notice = VacancyNotice.objects.published().filter(municipality=municipality).order_by("-as_of").first()
    rows = [["施設番号", "施設名", "基準日", *(f"{age}歳" for age in AGES)]]
    if notice is not None:
        counts = {int(key): value for key, value in (notice.counts or {}).items()}
        nurseries = resident_rows(Nursery.objects.filter(pk__in=counts), "facility").select_related("facility")
        for nursery in sorted(nurseries, key=lambda n: (n.number, n.facility.title)):
            rows.append(
                [nursery.number, nursery.facility.title, notice.as_of.isoformat(), *map(cell, counts[nursery.pk])]
            )
    stream = io.StringIO()
    csv_writer(stream, lineterminator="\r\n").writerows(rows)  # formula-like cells neutralised
    return stream.getvalue().encode("utf-8-sig")


def register() -> None:
    from opendata import downloads

    downloads.register_kind(
        "nurseries",
        "childcare",
        "childcare_facilities.csv",
        label="子育て施設一覧",
        description="保育所・認定こども園・幼稚園など（自治体標準オープンデータセット、UTF-8 BOM 付き）",
        order=10,
    )
    downloads.register(
        "nurseries",
        "nursery_vacancies.csv",
        label="保育所等の空き状況（最新）",
        format="CSV",
        description="最新の空き状況のお知らせ、施設・年齢ごとの受入可能数（－はその年齢のクラスなし、UTF-8 BOM 付き）",
        build=lambda municipality: (vacancy_csv(municipality), "text/csv; charset=utf-8"),
        order=20,
    )
