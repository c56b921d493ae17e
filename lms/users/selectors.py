"""Whom a person may see and manage in the user admin, as querysets (never only by hiding links).

- administrators (superusers and the "Administrator" role): everyone;
- coordinators: the people of the units they coordinate and of every unit below them, except
  administrators (a coordinator neither lists nor edits the accounts that manage the platform);
- anyone else (trainers, learners): nobody.
"""

from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from lms.organisations.models import OrganisationUnit
from lms.users.models import User
from lms.users.roles import Role, coordinated_units


def users_visible_to(user) -> QuerySet:
    """The accounts `user` may list, search, export, open, choose and (with the permission) edit."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    units = coordinated_units(user)
    if units is None:
        return User.objects.all()
    if not units:
        return User.objects.none()
    return (
        User.objects.filter(unit__in=OrganisationUnit.objects.within(units))
        .exclude(is_superuser=True)
        .exclude(groups__name=Role.ADMINISTRATOR)
    )


def units_manageable_by(user) -> QuerySet:
    """The units `user` may put people in (or make them coordinate): their own scope only."""
    units = coordinated_units(user)
    if units is None:
        return OrganisationUnit.objects.all()
    return OrganisationUnit.objects.within(units)


def groups_grantable_by(user) -> QuerySet:
    """The roles `user` may give or take away: all for administrators; for anyone else only the
    roles whose every permission they hold themselves (so the learner's role, and their own), and
    never the administrator's: editing a person is no way up."""
    if coordinated_units(user) is None:
        return Group.objects.all()
    held = user.get_all_permissions()
    groups = Group.objects.exclude(name=Role.ADMINISTRATOR).prefetch_related(
        "permissions__content_type"
    )
    grantable = [
        group.pk
        for group in groups
        if {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} <= held
    ]
    return Group.objects.filter(pk__in=grantable)


def administrators() -> QuerySet:
    """The active accounts that manage the platform (as `roles.is_administrator` decides): whom
    the platform e-mails about duties of the operator (e.g. the accessibility statement's review).
    Anonymised accounts are inactive, so never included."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR))
        .exclude(email="")
        .distinct()
        .order_by("email")
    )
