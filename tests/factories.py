import factory
from django.contrib.auth.models import Group

from lms.organisations.models import OrganisationUnit, UnitType
from lms.users.models import User

PASSWORD = "Bezpieczne-Haslo-2026"


class OrganisationUnitFactory(factory.django.DjangoModelFactory):
    """A municipality under a county from the shipped Pomorskie tree (treebeard places it)."""

    class Meta:
        model = OrganisationUnit

    name = factory.Sequence(lambda n: f"Gmina Testowa {n}")
    unit_type = UnitType.MUNICIPALITY_RURAL
    parent = factory.LazyFunction(lambda: OrganisationUnit.objects.get(code="2204"))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return parent.add_child(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@gmina.example")
    first_name = "Zofia"
    last_name = factory.Sequence(lambda n: f"Wójcik-Źdźbło {n}")
    job_title = "Podinspektorka"
    unit = factory.SubFactory(OrganisationUnitFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
