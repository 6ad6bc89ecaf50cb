"""Staff of another city for admin tests that need no pages of that city."""

from django.contrib.auth.models import Group

from home import demo, groups
from home.models import CityGroup


def city_staff_group(role: str, municipality) -> Group:
    """The group of *role* for *municipality* with the model rights 高松市's group has (no page
    rights: the city need not be set up). ``setup_city`` makes the real one."""
    found = CityGroup.objects.filter(role=role, municipality=municipality).select_related("group").first()
    if found:
        return found.group
    model = groups.city_group(role, demo.ensure_municipality())
    group = Group.objects.create(name=f"{municipality.name} {role}")
    group.permissions.set(model.permissions.all())
    CityGroup.objects.create(group=group, municipality=municipality, role=role)
    return group
