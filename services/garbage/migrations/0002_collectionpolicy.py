import django.db.models.deletion
from django.db import migrations, models


def copy_from_municipalities(apps, schema_editor):
    """Municipality.collect_on_holidays (home) becomes each municipality's CollectionPolicy."""
    municipality_model = apps.get_model("home", "Municipality")
    policy_model = apps.get_model("garbage", "CollectionPolicy")
    policy_model.objects.bulk_create(
        policy_model(municipality_id=pk, collect_on_holidays=value)
        for pk, value in municipality_model.objects.values_list("pk", "collect_on_holidays")
    )


def copy_back_to_municipalities(apps, schema_editor):
    municipality_model = apps.get_model("home", "Municipality")
    policy_model = apps.get_model("garbage", "CollectionPolicy")
    for municipality_id, value in policy_model.objects.values_list("municipality_id", "collect_on_holidays"):
        municipality_model.objects.filter(pk=municipality_id).update(collect_on_holidays=value)


class Migration(migrations.Migration):
    dependencies = [
        ("garbage", "0001_initial"),
        ("home", "0001_initial"),
    ]
    # The value is copied before home drops the field; home's migration does not know garbage,
    # so a city without the garbage app migrates home alone.
    run_before = [
        ("home", "0002_remove_municipality_collect_on_holidays"),
    ]

    operations = [
        migrations.CreateModel(
            name="CollectionPolicy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "collect_on_holidays",
                    models.BooleanField(
                        default=True,
                        help_text="Most cities collect on 祝日; untick if collection days that fall on one are skipped.",
                        verbose_name="garbage is collected on national holidays",
                    ),
                ),
                (
                    "municipality",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="garbage_policy",
                        to="home.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "collection policy",
                "verbose_name_plural": "collection policies",
            },
        ),
        migrations.RunPython(copy_from_municipalities, copy_back_to_municipalities),
    ]
