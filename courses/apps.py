from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forget_enrolment(sender, instance, **kwargs):
    from courses.selectors import forget_enrolment

    forget_enrolment(user_id=instance.user_id, course_id=instance.course_id)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursy")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from courses.models import Enrolment

        # Learner pages read enrolments from the cache (courses.selectors.cached_enrolment).
        post_save.connect(
            _forget_enrolment, sender=Enrolment, dispatch_uid="courses.enrolment.save"
        )
        post_delete.connect(
            _forget_enrolment, sender=Enrolment, dispatch_uid="courses.enrolment.del"
        )
