from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

from lms.admin_menu import PermissionMenuItem
from lms.deletion import protected_records
from lms.users import services
from lms.users.forms import InviteForm
from lms.users.models import User
from lms.users.viewsets import refuse_deletion

INVITE_PERMISSION = "users.add_user"


def invite_view(request):
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.invite_user(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
            unit=data["unit"],
            roles=data["roles"],
            invited_by=request.user,
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
        _("Zaproś użytkownika"), reverse("lms_invite_user"), icon_name="mail", order=601,
        permission=INVITE_PERMISSION,
    )  # fmt: skip


@hooks.register("register_bulk_action")
class AnonymiseBulkAction(UserBulkAction):
    """RODO: erase the selected people's personal data, keeping anonymous learning statistics."""

    display_name = _("Anonimizuj")
    action_type = "anonymise"
    aria_label = _("Anonimizuj zaznaczonych użytkowników")
    template_name = "users/admin/confirm_bulk_anonymise.html"
    action_priority = 90

    def check_perm(self, obj):
        return self.request.user.has_perm("users.change_user") and obj.pk != self.request.user.pk

    @classmethod
    def execute_action(cls, objects, **kwargs):
        count = 0
        for user in objects:
            if not user.is_anonymised:
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
