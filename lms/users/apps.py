from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(app_config, **kwargs):
    # post_migrate comes once per app (migrate, and every flush of a transactional test): the
    # roles need every app's permissions, which exist once the last app's signal has come.
    from django.apps import apps

    if app_config is not [c for c in apps.get_app_configs() if c.models_module][-1]:
        return

    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    from lms.users.roles import sync_roles

    sync_roles(
        group_model=Group,
        permission_model=Permission,
        collection_model=Collection,
        collection_perm_model=GroupCollectionPermission,
        page_model=Page,
        page_perm_model=GroupPagePermission,
    )


class UsersConfig(AppConfig):
    default = True
    name = "lms.users"
    label = "users"
    verbose_name = _("Użytkownicy")

    def ready(self):
        # After every migrate, so permissions of models added later reach the roles too.
        post_migrate.connect(_sync_roles, dispatch_uid="lms.users.sync_roles")

        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from lms.users.backends import forget_user
        from lms.users.models import User
        from lms.users.roles import forget_admin_access

        post_save.connect(forget_user, sender=User, dispatch_uid="lms.users.forget_user.save")
        post_delete.connect(forget_user, sender=User, dispatch_uid="lms.users.forget_user.delete")
        # Whether the menu offers the admin is cached per user: forget it when roles change.
        post_save.connect(forget_admin_access, sender=User, dispatch_uid="lms.users.admin.user")
        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(
                forget_admin_access,
                sender=through,
                dispatch_uid=f"lms.users.admin.{through.__name__}",
            )
        m2m_changed.connect(
            forget_admin_access, sender=Group.permissions.through, dispatch_uid="lms.users.admin.g"
        )
