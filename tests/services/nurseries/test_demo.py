"""The demo city's real nurseries: Takamatsu's 保育所 file (0013) through the facilities import."""

from datetime import time
from pathlib import Path

from services.nurseries.demo import ensure_city_nurseries
from services.nurseries.models import Nursery, NurseryKind

TAKAMATSU_0013 = Path(__file__).resolve().parents[3] / "data" / "opendata" / "takamatsu-opendata" / "0013.csv"


def test_takamatsu_nurseries_get_type_ages_and_hours(site_tree, municipality):
    from facilities.loading import import_opendata_file

    import_opendata_file("childcare", TAKAMATSU_0013, municipality, skip_invalid=True)

    created = ensure_city_nurseries(municipality)

    assert created == Nursery.objects.filter(municipality=municipality).count() >= 100
    setouchi = Nursery.objects.get(facility__title="高松市立瀬戸内保育所")
    assert (setouchi.kind, setouchi.age_classes) == (NurseryKind.LICENSED, "012345")
    assert (setouchi.opens_at, setouchi.closes_at, setouchi.extended_care) == (time(7, 30), time(19, 0), True)
    assert Nursery.objects.get(facility__title="高松市立宮脇保育所").age_classes == "12345"
    ogi = Nursery.objects.get(facility__title="高松市小規模保育事業所男木保育所")
    assert (ogi.kind, ogi.extended_care) == (NurseryKind.SMALL, False)
    shimokasai = Nursery.objects.get(facility__title="高松市下笠居こども園")
    assert (shimokasai.kind, shimokasai.temporary_care) == (NurseryKind.CERTIFIED, True)

    assert ensure_city_nurseries(municipality) == created  # a second run changes nothing
    assert Nursery.objects.filter(municipality=municipality).count() == created
