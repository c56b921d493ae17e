"""The organisation tree: region → county → municipality → institution."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class UnitType(models.TextChoices):
    REGION = "region", _("Województwo")
    COUNTY = "county", _("Powiat")
    CITY_COUNTY = "city_county", _("Miasto na prawach powiatu")
    MUNICIPALITY_URBAN = "gmina_urban", _("Gmina miejska")
    MUNICIPALITY_RURAL = "gmina_rural", _("Gmina wiejska")
    MUNICIPALITY_MIXED = "gmina_mixed", _("Gmina miejsko-wiejska")
    OFFICE = "office", _("Urząd")
    SOCIAL_WELFARE = "social_welfare", _("Ośrodek pomocy społecznej (MOPS/GOPS/PCPR)")
    LABOUR_OFFICE = "labour_office", _("Urząd pracy (PUP/WUP)")
    SCHOOL = "school", _("Szkoła lub placówka oświatowa")
    HEALTH = "health", _("Placówka ochrony zdrowia")
    CULTURE = "culture", _("Instytucja kultury")
    OTHER = "other", _("Inna jednostka")


# The county level: a county (powiat) or a city with county rights, two steps below the root.
COUNTY_TYPES = (UnitType.COUNTY, UnitType.CITY_COUNTY)

# Which unit types may sit directly under which: keeps the tree meaningful.
ALLOWED_CHILDREN = {
    None: {UnitType.REGION},
    UnitType.REGION: {
        UnitType.COUNTY,
        UnitType.CITY_COUNTY,
        UnitType.OFFICE,
        UnitType.LABOUR_OFFICE,
        UnitType.SOCIAL_WELFARE,
        UnitType.HEALTH,
        UnitType.CULTURE,
        UnitType.OTHER,
    },
    UnitType.COUNTY: {
        UnitType.MUNICIPALITY_URBAN,
        UnitType.MUNICIPALITY_RURAL,
        UnitType.MUNICIPALITY_MIXED,
    },
}
INSTITUTION_TYPES = {
    UnitType.OFFICE,
    UnitType.SOCIAL_WELFARE,
    UnitType.LABOUR_OFFICE,
    UnitType.SCHOOL,
    UnitType.HEALTH,
    UnitType.CULTURE,
    UnitType.OTHER,
}
for _parent in (
    UnitType.COUNTY,
    UnitType.CITY_COUNTY,
    UnitType.MUNICIPALITY_URBAN,
    UnitType.MUNICIPALITY_RURAL,
    UnitType.MUNICIPALITY_MIXED,
):
    ALLOWED_CHILDREN.setdefault(_parent, set()).update(INSTITUTION_TYPES)
for _parent in INSTITUTION_TYPES:
    ALLOWED_CHILDREN[_parent] = set(INSTITUTION_TYPES)


class OrganisationUnitQuerySet(MP_NodeQuerySet):
    def within(self, units):
        """Units in the given units' subtrees (the units themselves included)."""
        paths = [unit.path for unit in units]
        if not paths:
            return self.none()
        query = models.Q()
        for path in paths:
            query |= models.Q(path__startswith=path)
        return self.filter(query)


class OrganisationUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrganisationUnitQuerySet(self.model).order_by("path")

    def within(self, units):
        return self.get_queryset().within(units)


class OrganisationUnit(MP_Node):
    """A unit of local government or one of its institutions.

    A materialised-path tree (treebeard, as Wagtail's page tree), so "this unit and everything below
    it" is one indexed `path LIKE 'xxxx%'` query: that is how a coordinator's scope is computed.
    """

    name = models.CharField(_("nazwa"), max_length=255)
    unit_type = models.CharField(_("rodzaj"), max_length=32, choices=UnitType.choices)
    code = models.CharField(
        _("kod urzędowy"),
        max_length=32,
        blank=True,
        help_text=_(
            "Kod TERYT, jeśli jednostka go ma (np. 2261 dla Gdańska); inaczej REGON lub pusty."
        ),
    )
    email = models.EmailField(_("e-mail kontaktowy"), blank=True)
    is_active = models.BooleanField(_("aktywna"), default=True)

    node_order_by = ["name"]
    objects = OrganisationUnitManager()

    class Meta:
        verbose_name = _("jednostka organizacyjna")
        verbose_name_plural = _("jednostki organizacyjne")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~models.Q(code=""),
                name="organisation_unit_code_unique",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def label_with_type(self):
        return f"{self.name} ({self.get_unit_type_display()})"

    def indented_label(self):
        return "\u2003" * (self.depth - 1) + self.name
