"""factory_boy factories for facilities, shared by tests, the demo and the benchmark."""

from __future__ import annotations

import factory
from wagtail.models import Locale, Page

from facilities.models import FacilityCategory, FacilityIndexPage, FacilityPage
from home.factories import ReuseSectionMixin


class FacilityCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityCategory
        django_get_or_create = ("code", "locale")

    code = "library"
    name = "図書館"
    kind = "facilities"
    locale = factory.LazyFunction(Locale.get_default)


class _PageFactory(factory.django.DjangoModelFactory):
    """Creates the page as a child of ``parent`` and publishes it (unless ``live=False``)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, live: bool = True, **kwargs):
        if parent is None:
            raise ValueError(f"{model_class.__name__} needs parent=")
        page = model_class(*args, live=live, **kwargs)
        parent.add_child(instance=page)
        if live:
            page.save_revision().publish()
        page.refresh_from_db()
        return page


class FacilityIndexPageFactory(ReuseSectionMixin, _PageFactory):
    """The section under *parent*: the one ``setup_city`` made when it is there (same slug)."""

    class Meta:
        model = FacilityIndexPage

    title = "施設案内"
    slug = "facilities"
    summary = "図書館、コミュニティセンター、避難所、AEDなど市の施設の地図と一覧です。"


class FacilityPageFactory(_PageFactory):
    class Meta:
        model = FacilityPage

    title = factory.Sequence(lambda n: f"施設{n}")
    slug = factory.Sequence(lambda n: f"facility-{n}")
    category = factory.SubFactory(FacilityCategoryFactory)
    kind = factory.LazyAttribute(lambda page: page.category.kind)
    address = "香川県高松市昭和町一丁目2-20"
    latitude = 34.34397
    longitude = 134.03447778
