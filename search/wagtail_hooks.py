from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search import views
from search.models import SynonymGroup


class SynonymCreateView(CreateView):
    """The add form, with the words filled in from ``?terms=`` (the report's "add a synonym" link)."""

    def get_initial(self):
        return {**super().get_initial(), "terms": self.request.GET.get("terms", "")[:400]}


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    add_view_class = SynonymCreateView
    icon = "list-ul"
    menu_label = _("Search synonyms")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [
        path("reports/search-queries/", views.query_report_view, name="search_query_report"),
        path("reports/search-queries/promote/", views.promote_query, name="search_query_promote"),
    ]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerylog")


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(_("Site searches"), reverse("search_query_report"), icon_name="search", order=900)
