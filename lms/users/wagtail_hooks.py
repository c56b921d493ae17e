from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

from lms.admin_menu import PermissionMenuItem
from lms.audit.services import Event, record
from lms.deletion import protected_records
from lms.users import services
from lms.users.forms import InviteForm
from lms.users.models import User
from lms.users.selectors import groups_grantable_by, users_visible_to
from lms.users.viewsets import refuse_deletion

INVITE_PERMISSION = "users.add_user"


def invite_view(request):
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    form = InviteForm(request.POST or None, for_user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = services.invite_user(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
            unit=data["unit"],
            roles=data["roles"],
            invited_by=request.user,
        )
        record(
            event=Event.ROLE_CHANGE,
            target=invitation.user,
            request=request,
            details={_("zaproszenie z rolami"): ", ".join(data["roles"])},
        )
        messages.success(
            request, _("Wysłano zaproszenie na adres %(email)s.") % {"email": data["email"]}
        )
        return redirect("lms_invite_user")
    return TemplateResponse(request, "users/admin/invite.html", {"form": form})


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("zaproszenia/nowe/", invite_view, name="lms_invite_user")]


@hooks.register("register_settings_menu_item")
def register_invite_menu_item():
    return PermissionMenuItem(
        _("Zaproś użytkownika"),
        reverse("lms_invite_user"),
        icon_name="mail",
        order=601,
        permission=INVITE_PERMISSION,
    )


class ScopedUserBulkAction(UserBulkAction):
    """Bulk actions on people act only on those in the viewer's scope (lms.users.selectors):
    anyone else selected (or guessed by id) is left out without being named."""

    def get_actionable_objects(self):
        object_ids = self.request.GET.getlist("id")
        if "all" in object_ids:
            object_ids = self.get_all_objects_in_listing_query(self.request.GET.get("childOf"))
        objects, without_access = [], []
        for user in get_list_or_404(users_visible_to(self.request.user), pk__in=object_ids):
            (objects if self.check_perm(user) else without_access).append(user)
        return objects, {"items_with_no_access": without_access}


# Registered after Wagtail's own (order): the same action types, replaced by scoped ones.
@hooks.register("register_bulk_action", order=10)
class ScopedDeleteBulkAction(DeleteBulkAction, ScopedUserBulkAction):
    pass


@hooks.register("register_bulk_action", order=10)
class ScopedSetActiveStateBulkAction(SetActiveStateBulkAction, ScopedUserBulkAction):
    """Through `services.set_active` instead of a bare update(): the change takes effect at the
    next request (no cached user outlives it) and the deactivated are signed out."""

    def get_execution_context(self):
        return {**super().get_execution_context(), "request": self.request}

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, user=None, request=None, **kwargs):
        objects = [person for person in objects if user is None or person.pk != user.pk]
        changed = services.set_active(users=objects, active=mark_as_active)
        event = Event.ACTIVATION if mark_as_active else Event.DEACTIVATION
        for person in changed:
            record(event=event, target=person, request=request)
        return len(objects), 0


@hooks.register("register_bulk_action", order=10)
class ScopedAssignRoleBulkAction(AssignRoleBulkAction, ScopedUserBulkAction):
    """Only roles the person acting holds themselves (all for administrators)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = groups_grantable_by(self.request.user)
        return form

    def get_execution_context(self):
        return {**super().get_execution_context(), "request": self.request}

    @classmethod
    def execute_action(cls, objects, role=None, request=None, **kwargs):
        if role is None:
            return None
        had = set(
            role.user_set.filter(pk__in=[person.pk for person in objects]).values_list(
                "pk", flat=True
            )
        )
        role.user_set.add(*objects)
        for person in objects:
            if person.pk not in had:
                record(
                    event=Event.ROLE_CHANGE,
                    target=person,
                    request=request,
                    details={_("dodano rolę"): role.name},
                )
        return len(objects), 0


@hooks.register("register_bulk_action", order=10)
class AnonymiseBulkAction(ScopedUserBulkAction):
    """RODO: erase the selected people's personal data, keeping anonymous learning statistics."""

    display_name = _("Anonimizuj")
    action_type = "anonymise"
    aria_label = _("Anonimizuj zaznaczonych użytkowników")
    template_name = "users/admin/confirm_bulk_anonymise.html"
    action_priority = 90

    def check_perm(self, obj):
        return self.request.user.has_perm("users.change_user") and obj.pk != self.request.user.pk

    def get_execution_context(self):
        return {**super().get_execution_context(), "request": self.request}

    @classmethod
    def execute_action(cls, objects, request=None, **kwargs):
        count = 0
        for user in objects:
            if not user.is_anonymised:
                # Logged first: the erasure then rewrites the entry not to name the person.
                record(event=Event.ERASURE, target=user, request=request)
                services.anonymise_user(user=user)
                count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Zanonimizowano %(count)d użytkownika.",
            "Zanonimizowano %(count)d użytkowników.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("before_bulk_action")
def keep_people_with_records(request, action_type, objects, action_class_instance):
    """Bulk delete of users: refuse (with the anonymisation hint) when anyone selected has records
    that must be kept, such as certificates, instead of failing on the protected foreign key."""
    if action_type != "delete" or action_class_instance.model is not User:
        return None
    for user in objects:
        records = protected_records(user)
        if records:
            refuse_deletion(request, user, records)
            return redirect(action_class_instance.next_url or "wagtailusers_users:index")
    return None
