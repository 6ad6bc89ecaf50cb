from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home.groups import sync_groups_after_migrate

        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="home.sync_groups")

        from wagtail.signals import page_published

        from home.translation_notifications import on_page_published

        page_published.connect(on_page_published, dispatch_uid="home.notify_translators")
