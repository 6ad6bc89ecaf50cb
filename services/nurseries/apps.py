from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CHILDCARE_STAFF = "保育課"


def ensure_section(home, municipality):
    """The city's 保育所 page (setup_city): nurseries and their vacancies, this city's only."""
    from home.cities import ensure_section

    from .models import NurseryIndexPage

    return ensure_section(
        home,
        NurseryIndexPage,
        "nurseries",
        "保育所の空き状況",
        "認可保育所・認定こども園・小規模保育などの空き状況を、年齢や場所から探せます。",
        municipality=municipality,
    )


def has_nurseries(page) -> bool:
    from .models import Nursery

    return page.municipality_id is None or Nursery.objects.filter(municipality_id=page.municipality_id).exists()


class NurseriesConfig(AppConfig):
    name = "services.nurseries"
    label = "nurseries"
    verbose_name = _("Nurseries")

    def ready(self):
        from wagtail.signals import published, unpublished

        from home.groups import PAGE_PUBLISH
        from home.registries import register_demo_loader, register_role, register_section
        from home.visibility import resident_rows
        from search import registry

        from . import demo
        from .models import Nursery, VacancyNotice

        published.connect(_notice_published, sender=VacancyNotice, dispatch_uid="nurseries-notice-published")
        unpublished.connect(_notice_published, sender=VacancyNotice, dispatch_uid="nurseries-notice-unpublished")

        facility_position = registry.position("latitude", "longitude")
        # 保育課: nursery data and vacancy notices, and the pages of their section.
        register_role(
            CHILDCARE_STAFF, apps=["nurseries"], section_pages={"nurseries": PAGE_PUBLISH}, demo_username="childcare"
        )
        register_demo_loader("services.nurseries.demo", demo.load_demo, order=30)  # after facilities
        register_section(
            "services.nurseries",
            ensure_section,
            order=30,
            model="nurseries.NurseryIndexPage",
            has_content=has_nurseries,
        )
        registry.register(
            Nursery,
            "nurseries",
            label=_("Nurseries"),
            order=30,
            queryset=lambda: resident_rows(Nursery.objects.select_related("facility"), "facility"),
            url=_nursery_url,
            location=lambda nursery: facility_position(nursery.facility),
            municipality_field="municipality",  # the nurseries of the requested site's city only
        )
        from . import downloads

        downloads.register()  # the section's オープンデータ files


def _notice_published(sender, instance, **kwargs):
    """Keep the queried VacancyCount rows equal to what the live notice says."""
    instance.refresh_from_db()
    instance.rebuild_counts()


def _nursery_url(nursery, request):
    return nursery.facility.localized.get_url(request) or ""
