from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import post_migrate

        from home import demo_procedures
        from home.cities import ensure_news, has_notices
        from home.groups import register_kernel_roles, sync_groups_after_migrate
        from home.registries import register_demo_loader, register_home_panel, register_section

        register_kernel_roles()
        # お知らせ: listed for residents once it holds a notice.
        register_section("home.news", ensure_news, order=90, model="home.StandardPage", has_content=has_notices)
        # The default site's home page lists the other cities of this install (when there are any).
        register_home_panel("home/cities_panel.html", order=90)
        # くらしの手続き for each demo city, after the domains' loaders (its 粗大ごみ page links the
        # garbage section) and before search's (90), which promotes its pages.
        register_demo_loader("home.demo_procedures", demo_procedures.load_demo, order=85)
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="home.sync_groups")
