"""Wagtail's initial data names its default groups, workflow and task in English ("Moderators
approval"), and those names are data, shown to staff in the Japanese admin ("Moderators
approvalに提出する"): they get Japanese names. A name already taken is left as it is."""

from django.db import migrations

GROUPS = {"Moderators": "モデレーター", "Editors": "編集者"}
WORKFLOWS = {"Moderators approval": "モデレーターの承認"}


def _rename(model, names):
    for old, new in names.items():
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def to_japanese(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), GROUPS)
    _rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS)
    _rename(apps.get_model("wagtailcore", "Task"), WORKFLOWS)


def to_english(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), {new: old for old, new in GROUPS.items()})
    _rename(apps.get_model("wagtailcore", "Workflow"), {new: old for old, new in WORKFLOWS.items()})
    _rename(apps.get_model("wagtailcore", "Task"), {new: old for old, new in WORKFLOWS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_login_throttle"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_japanese, to_english)]
