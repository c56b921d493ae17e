from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.organisations.models import ALLOWED_CHILDREN, OrganisationUnit, UnitType


class OrganisationUnitForm(WagtailAdminModelForm):
    """Add or edit a unit and choose where it sits in the tree."""

    parent = forms.ModelChoiceField(
        label=_("Jednostka nadrzędna"),
        queryset=OrganisationUnit.objects.all(),
        required=False,
        help_text=_("Pozostaw puste tylko dla województwa."),
    )

    class Meta:
        model = OrganisationUnit
        fields = ["name", "unit_type", "code", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        parent_field.label_from_instance = lambda unit: unit.indented_label()
        if self.instance.pk:
            # A unit cannot move below itself.
            parent_field.queryset = OrganisationUnit.objects.exclude(
                path__startswith=self.instance.path
            )
            self.initial["parent"] = self.instance.get_parent()

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        unit_type = cleaned.get("unit_type")
        if unit_type:
            allowed = ALLOWED_CHILDREN.get(parent.unit_type if parent else None, set())
            if unit_type not in allowed:
                where = parent.name if parent else _("najwyższym poziomie")
                self.add_error(
                    "unit_type",
                    _("Jednostka rodzaju „%(type)s” nie może być umieszczona w: %(where)s.")
                    % {"type": UnitType(unit_type).label, "where": where},
                )
        return cleaned

    def save(self, commit=True):
        parent = self.cleaned_data.get("parent")
        unit = self.instance
        if unit.pk is None:
            unit = (
                parent.add_child(instance=unit)
                if parent
                else OrganisationUnit.add_root(instance=unit)
            )
            self.instance = unit
            return unit
        unit.save()
        if parent != unit.get_parent():
            if parent is None:
                unit.move(OrganisationUnit.get_first_root_node(), pos="sorted-sibling")
            else:
                unit.move(parent, pos="sorted-child")
            unit.refresh_from_db()
        return unit
