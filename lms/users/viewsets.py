"""Wagtail's user admin, extended with the fields this platform adds to a person."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.organisations.models import OrganisationUnit
from lms.users.models import User

EXTRA_FIELDS = ["job_title", "unit", "coordinated_units"]


class UnitFieldsMixin(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "coordinated_units"):
            self.fields[name].queryset = OrganisationUnit.objects.all()
            self.fields[name].label_from_instance = lambda unit: unit.indented_label()


class LmsUserCreationForm(UnitFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = UserCreationForm.Meta.fields | set(EXTRA_FIELDS)
        widgets = {**UserCreationForm.Meta.widgets, "coordinated_units": forms.SelectMultiple}


class LmsUserEditForm(UnitFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = UserEditForm.Meta.fields | set(EXTRA_FIELDS)
        widgets = {**UserEditForm.Meta.widgets, "coordinated_units": forms.SelectMultiple}


class UserViewSet(WagtailUserViewSet):
    menu_label = _("Użytkownicy")
    list_export = ["email", "first_name", "last_name", "job_title", "unit", "is_active"]

    def get_form_class(self, for_update=False):
        return LmsUserEditForm if for_update else LmsUserCreationForm
