"""The four roles of the platform, as Django groups with permissions.

`sync_roles` is idempotent: the data migration calls it with historical models to create the groups,
and a post_migrate receiver calls it again so that permissions of models added later (courses,
certificates, reports) reach the roles too.
"""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEARNER = "Kursant", _("Kursant")
    TRAINER = "Trener", _("Trener")
    COORDINATOR = "Koordynator", _("Koordynator")
    ADMINISTRATOR = "Administrator", _("Administrator")


ADMIN_ACCESS = "wagtailadmin.access_admin"

# Model permissions per role ("app_label.codename"); the administrator gets every permission.
ROLE_PERMISSIONS = {
    Role.LEARNER: set(),
    Role.TRAINER: {
        ADMIN_ACCESS,
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "courses.view_enrolment",
        # The question bank: pools of their courses and their own thematic-area pools only
        # (courses.questionbank.permissions scopes every view to those).
        "questionbank.add_questionpool",
        "questionbank.change_questionpool",
        "questionbank.delete_questionpool",
        "questionbank.view_questionpool",
        "questionbank.add_question",
        "questionbank.change_question",
        "questionbank.delete_question",
        "questionbank.view_question",
    },
    Role.COORDINATOR: {
        ADMIN_ACCESS,
        "users.view_user",
        "organisations.view_organisationunit",
        "courses.view_enrolment",
        "courses.add_assignment",
        "certificates.view_certificate",
    },
}

# Wagtail checks image/document permissions per collection: mirror them on the root collection.
COLLECTION_PERMISSIONS = {
    Role.TRAINER: {
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    },
}


def _permissions(permission_model, names):
    query = models.Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= models.Q(content_type__app_label=app_label, codename=codename)
    return permission_model.objects.filter(query)


# Wagtail's page permissions, granted to the Administrator role on the root page (so on every
# page): administrators approve and publish what trainers submit.
ADMINISTRATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)


def sync_roles(
    *,
    group_model,
    permission_model,
    collection_model=None,
    collection_perm_model=None,
    page_model=None,
    page_perm_model=None,
):
    """Create the four groups and grant (never revoke) their permissions."""
    groups = {}
    for role in Role:
        group, _created = group_model.objects.get_or_create(name=role.value)
        groups[role] = group
        if role == Role.ADMINISTRATOR:
            group.permissions.add(*permission_model.objects.all())
        else:
            group.permissions.add(*_permissions(permission_model, ROLE_PERMISSIONS[role]))

    if collection_model is not None and collection_perm_model is not None:
        root = collection_model.objects.filter(depth=1).first()
        if root is not None:
            for role, names in COLLECTION_PERMISSIONS.items():
                for permission in _permissions(permission_model, names):
                    collection_perm_model.objects.get_or_create(
                        group=groups[role], collection=root, permission=permission
                    )

    if page_model is not None and page_perm_model is not None:
        root_page = page_model.objects.filter(depth=1).first()
        if root_page is not None:
            names = [f"wagtailcore.{codename}" for codename in ADMINISTRATOR_PAGE_PERMISSIONS]
            for permission in _permissions(permission_model, names):
                page_perm_model.objects.get_or_create(
                    group=groups[Role.ADMINISTRATOR], page=root_page, permission=permission
                )
    return groups


def is_administrator(user) -> bool:
    """Sees and manages everything: superusers and members of the Administrator role."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=Role.ADMINISTRATOR).exists()


ADMIN_ACCESS_SECONDS = 5 * 60


def _admin_access_key(user_id) -> str:
    return f"users:admin-access:{user_id}"


def may_open_admin(user) -> bool:
    """Whether the site's menu offers the admin (and signing in leads there): Wagtail's "access
    admin" permission, cached per user so that a page costs no query. Role and permission changes
    forget the cached answer at once (`forget_admin_access`, connected in lms.users.apps); the
    admin itself always checks the permission."""
    if not user.is_authenticated:
        return False
    key = _admin_access_key(user.pk)
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm(ADMIN_ACCESS)
        cache.set(key, allowed, ADMIN_ACCESS_SECONDS)
    return allowed


def forget_admin_access(sender, instance, pk_set=None, **kwargs):
    """Forget the cached answer of everyone a change may concern: a saved user; a user's groups
    or permissions, changed from either side (`user.groups.add(...)`, `group.user_set.add(...)`);
    a group's permissions, changed from either side (then every member of the groups)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    if sender is Group.permissions.through:
        groups = [instance.pk] if isinstance(instance, Group) else list(pk_set or ())
        users = user_model.objects.filter(groups__in=groups).values_list("pk", flat=True)
    elif isinstance(instance, user_model):
        users = [instance.pk]
    else:  # a group's members or a permission's users: `pk_set` holds the users
        users = pk_set or ()
    cache.delete_many([_admin_access_key(pk) for pk in users])


# Roles that reach other people's personal data: they must use two-factor authentication.
PRIVILEGED_ROLES = (Role.TRAINER, Role.COORDINATOR, Role.ADMINISTRATOR)


def has_privileged_role(user) -> bool:
    """Superusers, anyone who may open the admin, and the trainer, coordinator and administrator
    roles: the accounts that can reach other people's data (lms.mfa forces a second factor)."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.has_perm(ADMIN_ACCESS)
        or user.groups.filter(name__in=PRIVILEGED_ROLES).exists()
    )


def coordinated_units(user) -> list | None:
    """None for administrators (everything); otherwise the units a coordinator coordinates (their
    sub-units included by the caller through `OrganisationUnit.objects.within`)."""
    if is_administrator(user):
        return None
    return list(user.coordinated_units.all())


def let_trainers_add_pages_below(page) -> None:
    """Grant the Trainer role Wagtail's "add" page permission on `page`: trainers create pages
    below it (drafts they own; publishing stays with administrators, through moderation).
    Idempotent; nothing happens before the roles migration created the group."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.filter(name=Role.TRAINER).first()
    if group is None:
        return
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
