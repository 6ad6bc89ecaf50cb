"""Language URLs under each language prefix (``/<lang>/-/…``), included by portal/urls.py."""

from django.urls import path

from home import i18n_views

urlpatterns = [
    path("-/untranslated/<int:page_id>/", i18n_views.untranslated_page, name="untranslated_page"),
    path("-/furigana/", i18n_views.furigana_switch, name="furigana_switch"),
]
