from django.db import migrations


class Migration(migrations.Migration):
    """The holiday rule moved to garbage.CollectionPolicy (whose migration runs before this one)."""

    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="municipality",
            name="collect_on_holidays",
        ),
    ]
