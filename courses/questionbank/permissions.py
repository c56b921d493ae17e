"""Who may manage which pools and questions of the bank, as querysets (never only by hiding links).

- administrators (superusers and the "Administrator" role): every pool and question;
- people holding the bank's model permissions (the Trainer role): the pools of the courses they
  train (`CoursePage.trainers`) and the pools without a course (thematic-area pools) they created,
  with those pools' questions;
- anyone else (coordinators, learners): nothing.

The permission policies below are registered for both models (`wagtail_hooks`), so Wagtail's
listings, choosers, edit/delete/history/usage views, bulk actions and "edit" links elsewhere in the
admin all ask the same question; the bank's own views (statistics) use the same querysets.
"""

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import CoursePage
from courses.questionbank.models import Question, QuestionPool
from lms.users.roles import Role, is_administrator

# Any of these (held through the Trainer role) opens the bank; `is_administrator` opens all of it.
POOL_PERMISSIONS = (
    "questionbank.add_questionpool",
    "questionbank.change_questionpool",
    "questionbank.delete_questionpool",
    "questionbank.view_questionpool",
)


def _manages_everything(user) -> bool:
    """`is_administrator`, asked once per request (the user object lives as long as it)."""
    if not hasattr(user, "_questionbank_everything"):
        user._questionbank_everything = is_administrator(user)
    return user._questionbank_everything


def _may_use_bank(user) -> bool:
    return user.is_authenticated and user.is_active and any(map(user.has_perm, POOL_PERMISSIONS))


def courses_for_pools(user) -> QuerySet:
    """The courses `user` may attach a pool to: every course for administrators, otherwise the
    courses they train."""
    courses = CoursePage.objects.order_by("title")
    if _manages_everything(user):
        return courses
    if not _may_use_bank(user):
        return courses.none()
    return courses.filter(trainers=user)


def pools_manageable_by(user) -> QuerySet:
    """The pools `user` may list, open, change, delete, choose in a quiz and read statistics of."""
    if _manages_everything(user):
        return QuestionPool.objects.all()
    if not _may_use_bank(user):
        return QuestionPool.objects.none()
    trained = CoursePage.objects.filter(trainers=user).values("pk")
    return QuestionPool.objects.filter(
        Q(course__in=trained) | Q(course__isnull=True, created_by=user)
    )


def questions_manageable_by(user) -> QuerySet:
    """The questions of the pools `user` may manage (`pools_manageable_by`)."""
    if _manages_everything(user):
        return Question.objects.all()
    return Question.objects.filter(pool__in=pools_manageable_by(user).values("pk"))


class ScopedBankPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions (what the role allows) and, for one object, the scope above
    (which objects): an object outside the scope is one the person may do nothing with."""

    scope = None  # a function: user -> queryset of the objects the user may act on

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return self.scope(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        pool = instance if isinstance(instance, QuestionPool) else instance.pool
        # Administrators hold every permission; the rest must have the pool in their scope.
        if pool.course_id is not None:
            in_scope = Q(pk__in=pool.course.trainers.values("pk"))
        else:
            in_scope = Q(pk=pool.created_by_id)
        return users.filter(in_scope | Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR))


class QuestionPoolPolicy(ScopedBankPolicy):
    scope = staticmethod(pools_manageable_by)


class QuestionPolicy(ScopedBankPolicy):
    scope = staticmethod(questions_manageable_by)
