"""factory_boy factories for event pages, shared by tests, the demo and the benchmark."""

from __future__ import annotations

from datetime import date, time

import factory
from wagtail.models import Page

from home.factories import ReuseSectionMixin

from .models import EventIndexPage, EventPage


class _PageFactory(factory.django.DjangoModelFactory):
    """Creates the page as a child of ``parent`` and publishes it (unless ``live=False``)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, live: bool = True, tags=(), **kwargs):
        if parent is None:
            raise ValueError(f"{model_class.__name__} needs parent=")
        page = model_class(*args, live=live, **kwargs)
        if tags:
            page.tags.set(list(tags))
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


class EventIndexPageFactory(ReuseSectionMixin, _PageFactory):
    """The section under *parent*: the one ``setup_city`` made when it is there (same slug)."""

    class Meta:
        model = EventIndexPage

    title = "イベント"
    slug = "events"
    summary = "市内で開かれるイベントの一覧です。"


class EventPageFactory(_PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"イベント{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start_date = date(2026, 5, 16)
    start_time = time(10, 0)
    end_time = time(12, 0)
    venue_name = "高松市中央図書館"
    address = "香川県高松市昭和町一丁目2-20"
