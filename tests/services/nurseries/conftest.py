"""Nurseries on real data: the 24 Yokohama nurseries of tests/fixtures/nurseries, and notices.

Yokohama is set up as a city of its own (its site at ``YOKOHAMA_HOST``), and the tests here ask
its site: the nursery page and the API answer only for the city of the site asked.
"""

from datetime import date
from pathlib import Path

import pytest

from tests.rows import module_rows

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "nurseries"
KANOU = FIXTURES / "yokohama_202408_kanou_sample.csv"
LOCATIONS = FIXTURES / "yokohama_202408_location_sample.csv"
SIMPLE = FIXTURES / "simple_202408.csv"
AS_OF = date(2024, 8, 1)


YOKOHAMA_HOST = "yokohama.localhost"  # browsers resolve *.localhost to this machine


def set_up_yokohama():
    """横浜市 as setup_city makes it: its municipality, site, home pages and empty sections."""
    from home.cities import setup_city
    from services.nurseries.demo import YOKOHAMA

    return setup_city(
        YOKOHAMA["code"],
        YOKOHAMA["name"],
        hostname=YOKOHAMA_HOST,
        name_kana=YOKOHAMA["name_kana"],
        prefecture=YOKOHAMA["prefecture"],
    ).municipality


@pytest.fixture
def client():
    """A test client on Yokohama's site, whose nurseries these tests read."""
    from django.test import Client

    return Client(HTTP_HOST=YOKOHAMA_HOST)


@pytest.fixture
def yokohama(db):
    return set_up_yokohama()


def _yokohama_nurseries() -> None:
    from services.nurseries.demo import ensure_yokohama_nurseries

    ensure_yokohama_nurseries(set_up_yokohama(), KANOU, LOCATIONS)


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
def nursery_page(yokohama):
    """Yokohama's 保育所 section (setup_city made it), in Japanese."""
    from home.sites import city_section
    from services.nurseries.models import NurseryIndexPage

    return city_section(yokohama, NurseryIndexPage)
