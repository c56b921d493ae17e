from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.organisations.models import OrganisationUnit
from lms.users.models import User


class AssignmentForm(forms.Form):
    """Assign a course to single people and/or whole units (with their sub-units)."""

    course = forms.ModelChoiceField(label=_("Kurs"), queryset=CoursePage.objects.none())
    users = forms.ModelMultipleChoiceField(
        label=_("Osoby"), queryset=User.objects.none(), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Całe jednostki (z jednostkami podległymi)"),
        queryset=OrganisationUnit.objects.none(),
        required=False,
    )
    deadline = forms.DateField(
        label=_("Termin ukończenia"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, scope_units=None, unit=None, **kwargs):
        """`scope_units`: the units a coordinator may act on (None = everything, for admins).
        `unit`: the pk of a unit to preselect (from the units listing); ignored outside the scope."""
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by(
            "title", "edition_number"
        )
        self.fields["course"].label_from_instance = lambda course: course.title_with_edition
        units = OrganisationUnit.objects.all()
        users = User.objects.filter(is_active=True, anonymised_at__isnull=True)
        if scope_units is not None:
            units = OrganisationUnit.objects.within(scope_units)
            users = users.filter(unit__in=units)
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda unit: unit.indented_label()
        self.fields["users"].queryset = users.select_related("unit")
        self.fields["users"].label_from_instance = lambda u: f"{u.get_full_name()} <{u.email}>"
        self.preselected_unit = None
        if unit and str(unit).isdigit():
            self.preselected_unit = units.filter(pk=unit).first()
            if self.preselected_unit is not None:
                self.initial["units"] = [self.preselected_unit.pk]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("users") and not cleaned.get("units"):
            raise forms.ValidationError(_("Wybierz co najmniej jedną osobę albo jednostkę."))
        return cleaned

    def people(self):
        """Everyone chosen directly or through a unit, once."""
        chosen = {user.pk: user for user in self.cleaned_data["users"]}
        units = list(self.cleaned_data["units"])
        if units:
            within = OrganisationUnit.objects.within(units)
            for user in self.fields["users"].queryset.filter(unit__in=within):
                chosen.setdefault(user.pk, user)
        return list(chosen.values())


class EditionForm(forms.Form):
    """The label of a course's new edition (checked against the lineage by the service)."""

    label = forms.CharField(
        label=_("Oznaczenie nowej edycji"),
        max_length=CoursePage._meta.get_field("edition_label").max_length,
        help_text=_(
            "Np. „2026”. Kursanci zobaczą je jako „Edycja 2026”; trafi też do adresu strony."
        ),
    )
