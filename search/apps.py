from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Site search")

    def ready(self):
        from home.groups import EDITORS
        from home.registries import register_demo_loader, register_role
        from search import demo, registry, synonyms  # noqa: F401 - synonyms connects signals

        registry.register_pages()
        # 広報担当 keep the synonyms, read the query log and manage promoted results.
        register_role(
            EDITORS,
            models=["search.synonymgroup", "search.searchquerylog"],
            permissions=[
                "wagtailsearchpromotions.add_searchpromotion",
                "wagtailsearchpromotions.change_searchpromotion",
                "wagtailsearchpromotions.delete_searchpromotion",
            ],
        )
        register_demo_loader("search.demo", demo.load_demo, order=90)
