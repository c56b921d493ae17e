from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


def _sync_roles(**kwargs):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    from lms.users.roles import sync_roles

    sync_roles(
        group_model=Group,
        permission_model=Permission,
        collection_model=Collection,
        collection_perm_model=GroupCollectionPermission,
    )


class UsersConfig(AppConfig):
    name = "lms.users"
    label = "users"
    verbose_name = _("Użytkownicy")

    def ready(self):
        # After every migrate, so permissions of models added later reach the roles too.
        post_migrate.connect(_sync_roles, dispatch_uid="lms.users.sync_roles")


class LmsWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our user form (unit, job title, coordinated units)."""

    user_viewset = "lms.users.viewsets.UserViewSet"
