import io

import pytest
from django.core.management import call_command

from tests.rows import module_rows
from tests.services.garbage.test_importers import OPENDATA


def _load_takamatsu() -> int:
    from home import demo as home_demo
    from services.garbage import demo

    municipality = home_demo.ensure_municipality()
    demo.load_demo(municipality, io.StringIO())
    return municipality.pk


def _import_kanazawa() -> int:
    from home.cities import setup_city
    from home.models import Municipality

    setup_city("172014", "金沢市", hostname="kanazawa.localhost")  # an import goes to a set-up city only
    call_command(
        "import_5374",
        str(OPENDATA / "5374-kanazawa"),
        "--municipality",
        "172014",
        "--municipality-name",
        "金沢市",
        "--week-shift",
        stdout=io.StringIO(),
    )
    return Municipality.objects.get(code="172014").pk


_takamatsu_rows = module_rows(_load_takamatsu)
_kanazawa_rows = module_rows(_import_kanazawa)


@pytest.fixture
def takamatsu(_takamatsu_rows, db):
    """The demo city with its real garbage data, pages and English translations (services.garbage.demo)."""
    from home.models import Municipality

    return Municipality.objects.get(pk=_takamatsu_rows)


@pytest.fixture
def kanazawa(_kanazawa_rows, db):
    from home.models import Municipality

    return Municipality.objects.get(pk=_kanazawa_rows)
