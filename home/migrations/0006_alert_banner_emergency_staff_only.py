"""The alert banner is 緊急情報's alone (issue 17): the 広報担当 groups made before lose the rights
on it that ``home.groups`` used to give them (``sync_groups`` only ever adds rights)."""

from django.db import migrations


def withdraw_banner_rights_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    banner_rights = Permission.objects.filter(content_type__app_label="home", content_type__model="alertbanner")
    for group in Group.objects.filter(city_scope__role="広報担当"):
        group.permissions.remove(*banner_rights)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_login_throttle"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(withdraw_banner_rights_from_editors, migrations.RunPython.noop)]
