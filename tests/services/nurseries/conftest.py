"""Nurseries on real data: the 24 Yokohama nurseries of tests/fixtures/nurseries, and notices."""

from datetime import date
from pathlib import Path

import pytest

from tests.rows import module_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "nurseries"
KANOU = FIXTURES / "yokohama_202408_kanou_sample.csv"
LOCATIONS = FIXTURES / "yokohama_202408_location_sample.csv"
SIMPLE = FIXTURES / "simple_202408.csv"
AS_OF = date(2024, 8, 1)


@pytest.fixture
def yokohama(db):
    from home.models import Municipality
    from services.nurseries.demo import YOKOHAMA

    return Municipality.objects.update_or_create(code=YOKOHAMA["code"], defaults=YOKOHAMA)[0]


def _yokohama_nurseries() -> None:
    from home.cities import setup_city
    from services.nurseries.demo import YOKOHAMA, ensure_yokohama_nurseries

    # Yokohama's nurseries go in Yokohama's own facility directory: the city needs its site.
    yokohama = setup_city(YOKOHAMA["code"], YOKOHAMA["name"], hostname="yokohama.example.jp").municipality
    ensure_yokohama_nurseries(yokohama, KANOU, LOCATIONS)


_nursery_rows = module_rows(_yokohama_nurseries)


@pytest.fixture
def nurseries(_nursery_rows, site_tree, yokohama):
    """The 24 nurseries of the trimmed Yokohama file, as facility pages with positions (built once per module)."""
    from services.nurseries.models import Nursery

    return {n.number: n for n in Nursery.objects.select_related("facility")}


@pytest.fixture
def published_notice(nurseries, yokohama):
    """The 2024-08-01 notice of the trimmed file, published."""
    from services.nurseries.importers import parse_vacancies
    from services.nurseries.notices import counts_from, match_sheet, save_notice

    sheet = parse_vacancies(KANOU, as_of=AS_OF)
    return save_notice(yokohama, AS_OF, counts_from(match_sheet(sheet, yokohama)), publish=True).notice


@pytest.fixture
def nursery_page(site_tree):
    from services.nurseries.demo import ensure_nursery_page

    return ensure_nursery_page()
