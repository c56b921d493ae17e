"""Wagtail's user admin, extended with the fields this platform adds to a person."""

from django import forms
from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.deletion import protected_records
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


def refuse_deletion(request, user, records):
    """The Polish explanation why a person with records (e.g. certificates) is not deleted."""
    messages.error(
        request,
        gettext(
            "Nie można usunąć konta %(user)s: są z nim związane %(records)s, które muszą "
            "pozostać w rejestrze. Zamiast usuwać, zanonimizuj konto: na liście użytkowników "
            "zaznacz tę osobę i wybierz „Anonimizuj” – dane osobowe zostaną usunięte, a "
            "zaświadczenia i statystyki zachowane."
        )
        % {"user": user, "records": ", ".join(records)},
    )


class UserDeleteView(WagtailUserDeleteView):
    """Wagtail's delete, except for people whose records must be kept (PROTECT foreign keys,
    such as certificates): those get a message suggesting anonymisation instead of a crash."""

    def _refuse_if_protected(self):
        records = protected_records(self.object)
        if records:
            refuse_deletion(self.request, self.object, records)
            return redirect(self.index_url_name)
        return None

    # After Wagtail's permission checks (in dispatch), before the page or the deletion.
    def get(self, request, *args, **kwargs):
        return self._refuse_if_protected() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_protected() or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:  # records added since the check above
            names = {capfirst(o._meta.verbose_name_plural) for o in error.protected_objects}
            refuse_deletion(self.request, self.object, sorted(str(n) for n in names))
            return redirect(self.index_url_name)


class UserViewSet(WagtailUserViewSet):
    menu_label = _("Użytkownicy")
    delete_view_class = UserDeleteView
    list_export = ["email", "first_name", "last_name", "job_title", "unit", "is_active"]

    def get_form_class(self, for_update=False):
        return LmsUserEditForm if for_update else LmsUserCreationForm
