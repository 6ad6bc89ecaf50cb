from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home.groups import register_kernel_roles, sync_groups_after_migrate

        register_kernel_roles()
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="home.sync_groups")
