from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forget_enrolment(sender, instance, **kwargs):
    from courses.selectors import forget_enrolment

    forget_enrolment(user_id=instance.user_id, course_id=instance.course_id)


def _publish_approved_course_pages(sender, instance, user=None, **kwargs):
    """A course approved in moderation takes its lessons and quiz live with it."""
    from courses.models import CoursePage
    from courses.services import publish_course_pages

    page = instance.content_object  # the base Page
    course = getattr(page, "specific", page)
    if isinstance(course, CoursePage):
        task_state = instance.current_task_state  # the approved one: its start is the submission
        submitted_at = task_state.started_at if task_state is not None else None
        publish_course_pages(course=course, user=user, submitted_at=submitted_at)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursy")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, WorkflowState
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import workflow_approved

        from courses.models import Enrolment
        from courses.moderation import connect_notifiers
        from courses.permissions import CoursePagePermissionPolicy

        # Trainers author courses: other trainers' drafts are out of every page listing.
        register_permission_policy(Page, CoursePagePermissionPolicy(Page))
        # Wagtail's moderation e-mails, in Polish by default.
        connect_notifiers()
        workflow_approved.connect(
            _publish_approved_course_pages,
            sender=WorkflowState,
            dispatch_uid="courses.publish_approved_course_pages",
        )

        # Learner pages read enrolments from the cache (courses.selectors.cached_enrolment).
        post_save.connect(
            _forget_enrolment, sender=Enrolment, dispatch_uid="courses.enrolment.save"
        )
        post_delete.connect(
            _forget_enrolment, sender=Enrolment, dispatch_uid="courses.enrolment.del"
        )
