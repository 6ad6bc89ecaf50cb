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
        _connect_city_workflow()
        _connect_cache_purge()
        _connect_account_signals()
        _register_periodic_jobs()


def _connect_city_workflow():
    """A city's 承認 switch (portal settings) takes effect when the settings are saved."""
    from django.db.models.signals import post_save

    from home.groups import apply_city_workflow
    from home.models import PortalSettings

    post_save.connect(apply_city_workflow, sender=PortalSettings, dispatch_uid="home.city_workflow")


def _register_periodic_jobs():
    """The kernel's own: pages scheduled with "go live at" / "expire at" change state on time."""
    from datetime import timedelta

    from home import jobs

    jobs.register_periodic_job("publish_scheduled", jobs.command_job("publish_scheduled"), every=timedelta(minutes=1))


def _connect_account_signals():
    """Sign-in failures feed the throttle; permission changes go to the audit log (home/audit.py)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.auth.signals import user_logged_in, user_login_failed
    from django.db.models.signals import m2m_changed, post_save, pre_save

    from home import audit, login_throttle

    user_model = get_user_model()
    user_login_failed.connect(login_throttle.on_login_failed, dispatch_uid="home.login_failed")
    user_logged_in.connect(login_throttle.on_logged_in, dispatch_uid="home.logged_in")
    m2m_changed.connect(
        audit.on_user_groups_changed, sender=user_model.groups.through, dispatch_uid="home.audit_groups"
    )
    m2m_changed.connect(
        audit.on_group_permissions_changed, sender=Group.permissions.through, dispatch_uid="home.audit_perms"
    )
    pre_save.connect(audit.on_user_pre_save, sender=user_model, dispatch_uid="home.audit_user_pre")
    post_save.connect(audit.on_user_saved, sender=user_model, dispatch_uid="home.audit_user_post")


def _connect_cache_purge():
    """Cached pages are forgotten when what they show changes (home/purge.py); the furigana
    switch changes the page, so a request with its cookie is not served from a shared cache."""
    from home.caching import register_personal_cookie
    from home.i18n_views import FURIGANA_COOKIE
    from home.lookups import connect_lookup_signals
    from home.purge import connect_purge_signals

    connect_purge_signals()
    connect_lookup_signals()
    register_personal_cookie(FURIGANA_COOKIE)
