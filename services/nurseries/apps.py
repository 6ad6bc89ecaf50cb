from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NurseriesConfig(AppConfig):
    name = "services.nurseries"
    label = "nurseries"
    verbose_name = _("Nurseries")

    def ready(self):
        from wagtail.signals import published, unpublished

        from .models import VacancyNotice

        published.connect(_notice_published, sender=VacancyNotice, dispatch_uid="nurseries-notice-published")
        unpublished.connect(_notice_published, sender=VacancyNotice, dispatch_uid="nurseries-notice-unpublished")


def _notice_published(sender, instance, **kwargs):
    """Keep the queried VacancyCount rows equal to what the live notice says."""
    instance.refresh_from_db()
    instance.rebuild_counts()
