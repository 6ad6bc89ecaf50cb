"""factory_boy factories for nurseries and notices, shared by tests and the benchmark."""

from __future__ import annotations

import factory

from facilities.factories import FacilityPageFactory
from home.factories import MunicipalityFactory
from services.nurseries.models import Nursery, NurseryKind


class NurseryFactory(factory.django.DjangoModelFactory):
    """A nursery with its facility page; pass ``facility__parent`` (a FacilityIndexPage)."""

    class Meta:
        model = Nursery

    facility = factory.SubFactory(
        FacilityPageFactory,
        title=factory.Sequence(lambda n: f"テスト保育園{n}"),
        category__code="childcare",
        category__name="保育所・幼稚園",
        category__kind="childcare",
        kind="childcare",
    )
    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"99{n:011d}")
    kind = NurseryKind.LICENSED
    ward = "鶴見区"
    age_classes = "012345"
    contact = "こども家庭支援課"


def notice_counts(nurseries, month: int) -> dict[str, list]:
    """Plausible counts per nursery for a month: varied, with classes missing and full."""
    counts = {}
    for index, nursery in enumerate(nurseries):
        values = []
        for age in range(6):
            if str(age) not in nursery.age_classes:
                values.append(None)
            else:
                values.append((index * 7 + age * 3 + month) % 5)
        counts[str(nursery.pk)] = values
    return counts
