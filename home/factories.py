"""factory_boy factories shared by tests and demo code."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from home.models import AlertBanner, Municipality


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "372013"
    name = "高松市"
    prefecture = "香川県"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for group in extracted or []:
            self.groups.add(group if isinstance(group, Group) else _group_named(group))


def _group_named(name: str) -> Group:
    """A group by its name, or a role's name (``広報担当``) for the default city's group of that role."""
    from home.groups import city_group
    from home.sites import default_municipality

    return Group.objects.filter(name=name).first() or city_group(name, default_municipality())


class ReuseSectionMixin:
    """For a section page factory: the section ``setup_city`` already made under *parent* (same
    slug) is returned rather than a clashing second one."""

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        existing = model_class.objects.child_of(parent).filter(slug=kwargs.get("slug")).first() if parent else None
        if existing is not None:
            return existing
        return super()._create(model_class, *args, parent=parent, **kwargs)


class AlertBannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlertBanner

    message = "大雨警報が発表されています。"
    severity = AlertBanner.Severity.WARNING
    locale = factory.LazyFunction(Locale.get_default)
