"""Wagtail's user admin, extended with the fields this platform adds to a person."""

from django import forms
from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.usage import UsageView as WagtailUsageView
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView as WagtailUserCreateView
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import EditView as WagtailUserEditView
from wagtail.users.views.users import HistoryView as WagtailUserHistoryView
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.audit.services import Event, record
from lms.deletion import protected_records
from lms.organisations.models import OrganisationUnit
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin
from lms.users import services
from lms.users.models import User
from lms.users.roles import is_administrator
from lms.users.selectors import groups_grantable_by, units_manageable_by, users_visible_to

EXTRA_FIELDS = ["job_title", "unit", "coordinated_units"]


class UnitFieldsMixin(forms.Form):
    """Units, roles and the superuser flag offered to the person editing (`for_user`): a
    coordinator sees their own units and the roles they hold, never "Administrator"; what the
    edited person has outside that (another unit they coordinate, a role) is kept as it is."""

    def __init__(self, *args, for_user=None, instance=None, **kwargs):
        self.limited = for_user is not None and not is_administrator(for_user)
        # Taking over an account is no way up either: only administrators set another person's
        # password (others send a reset link), see `password_enabled`.
        self.editing_other = self.limited and instance is not None and instance.pk is not None
        super().__init__(*args, instance=instance, **kwargs)
        units = units_manageable_by(for_user) if self.limited else OrganisationUnit.objects.all()
        for name in ("unit", "coordinated_units"):
            self.fields[name].queryset = units
            self.fields[name].label_from_instance = lambda unit: unit.indented_label()
        if self.limited:
            self.fields.pop("is_superuser", None)
            self.fields["unit"].required = True  # else the new person would be out of their sight
            self.fields["groups"].queryset = groups_grantable_by(for_user)

        if self.editing_other and (
            self._kept("groups") or self._kept("coordinated_units") or self.instance.is_staff
        ):
            # Someone with roles or units beyond the editor's: their e-mail (where a reset link
            # goes) stays as it is.
            self.fields["email"].disabled = True

    @property
    def password_enabled(self):
        return super().password_enabled and not self.editing_other

    def _kept(self, name):
        """The edited person's values of a many-to-many field that the editor is not offered."""
        if not (self.limited and self.instance.pk):
            return []
        offered = self.fields[name].queryset.values("pk")
        return list(getattr(self.instance, name).exclude(pk__in=offered))

    def clean_groups(self):
        return [*self.cleaned_data.get("groups", []), *self._kept("groups")]

    def clean_coordinated_units(self):
        return [*self.cleaned_data.get("coordinated_units", []), *self._kept("coordinated_units")]


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


class ScopedUserMixin:
    """Edit and delete of one person: someone outside the viewer's scope does not exist here
    (404, so the answer does not confirm that the account exists)."""

    def get_queryset(self):  # Django's SingleObjectMixin
        return users_visible_to(self.request.user)


class ScopedUserListingMixin:
    """History and usage of one person (listings *about* the person: their own `get_queryset`
    lists log entries or references): the person is looked up within the viewer's scope."""

    def get_base_object_queryset(self):  # Wagtail's BaseObjectMixin
        return users_visible_to(self.request.user)


class EditorFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class UserIndexView(SafeSpreadsheetExportMixin, WagtailUserIndexView):
    """The list, its search and its CSV/XLSX export: only the people in the viewer's scope."""

    def get_base_queryset(self):
        return users_visible_to(self.request.user).select_related("wagtail_userprofile")


def account_state(user) -> dict:
    return {
        "active": user.is_active,
        "superuser": user.is_superuser,
        "roles": sorted(user.groups.values_list("name", flat=True)) if user.pk else [],
    }


def audit_account_change(*, request, user, before: dict) -> None:
    """After a person was saved in the admin: log role and active-state changes; a deactivated
    person is signed out of every session at once."""
    after = account_state(user)
    if before["active"] and not after["active"]:
        services.end_sessions(user_ids=[user.pk])
        record(event=Event.DEACTIVATION, target=user, request=request)
    elif after["active"] and not before["active"] and user.pk:
        record(event=Event.ACTIVATION, target=user, request=request)
    if (before["roles"], before["superuser"]) != (after["roles"], after["superuser"]):
        roles_before = ", ".join(before["roles"]) or "—"
        roles_after = ", ".join(after["roles"]) or "—"
        details = {gettext("role"): f"{roles_before} → {roles_after}"}
        if before["superuser"] != after["superuser"]:
            flag = {True: gettext("tak"), False: gettext("nie")}
            details[gettext("superużytkownik")] = (
                f"{flag[before['superuser']]} → {flag[after['superuser']]}"
            )
        record(event=Event.ROLE_CHANGE, target=user, details=details, request=request)


class UserCreateView(EditorFormMixin, WagtailUserCreateView):
    def save_instance(self):
        instance = super().save_instance()
        before = {"active": True, "superuser": False, "roles": []}
        audit_account_change(request=self.request, user=instance, before=before)
        return instance


class UserEditView(ScopedUserMixin, EditorFormMixin, WagtailUserEditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.state_before = account_state(self.object)

    def save_instance(self):
        instance = super().save_instance()
        audit_account_change(request=self.request, user=instance, before=self.state_before)
        return instance


class UserHistoryView(ScopedUserListingMixin, WagtailUserHistoryView):
    pass


class UserUsageView(ScopedUserListingMixin, WagtailUsageView):
    pass


class UserDeleteView(ScopedUserMixin, WagtailUserDeleteView):
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
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView
    history_view_class = UserHistoryView
    usage_view_class = UserUsageView
    copy_view_enabled = False  # a copy of a person is not a thing; it would show their data
    list_export = ["email", "first_name", "last_name", "job_title", "unit", "is_active"]

    def get_form_class(self, for_update=False):
        return LmsUserEditForm if for_update else LmsUserCreationForm
