from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Site search")

    def ready(self):
        from search import registry, synonyms  # noqa: F401 - connects signals, registers pages

        registry.register_defaults()
