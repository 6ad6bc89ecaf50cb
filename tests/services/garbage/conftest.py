import pytest
from django.core.management import call_command

from tests.services.garbage.test_importers import OPENDATA


@pytest.fixture
def takamatsu(site_tree, municipality):
    """The demo city with its real garbage data, pages and English translations (services.garbage.demo)."""
    import io

    from services.garbage import demo

    demo.load_demo(municipality, io.StringIO())
    return municipality


@pytest.fixture
def kanazawa(db):
    import io

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
    from home.models import Municipality

    return Municipality.objects.get(code="172014")
