"""The trainer's "Twoje kursy" panel on Wagtail's admin dashboard: their courses and where each
stands (draft, in moderation, sent back, published), with a way to start a new one."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from courses import selectors
from courses.models import CourseIndexPage, CoursePage
from courses.selectors import AuthoringState

STATE_LABELS = {
    AuthoringState.DRAFT: _("szkic"),
    AuthoringState.IN_MODERATION: _("w moderacji"),
    AuthoringState.NEEDS_CHANGES: _("do poprawy"),
    AuthoringState.PUBLISHED: _("opublikowany"),
}


class MyCoursesPanel(Component):
    name = "my_courses"
    template_name = "courses/admin/my_courses_panel.html"
    order = 50

    def __init__(self, *, courses, add_url):
        self.courses = courses
        self.add_url = add_url

    @classmethod
    def for_user(cls, user) -> "MyCoursesPanel | None":
        """The panel for a trainer: someone who trains a course or may add one to the catalogue
        without publishing it (administrators have Wagtail's own panels)."""
        courses = selectors.authored_courses(user=user)
        catalogue = CourseIndexPage.objects.first()
        add_url = None
        if catalogue is not None:
            permissions = catalogue.permissions_for_user(user)
            if permissions.can_add_subpage() and not permissions.can_publish():
                add_url = reverse(
                    "wagtailadmin_pages:add",
                    args=[CoursePage._meta.app_label, CoursePage._meta.model_name, catalogue.pk],
                )
        if not courses and add_url is None:
            return None
        return cls(courses=courses, add_url=add_url)

    def get_context_data(self, parent_context):
        return {
            "rows": [
                {
                    "course": item.course,
                    "state": item.state,
                    "state_label": STATE_LABELS[item.state],
                    "has_unpublished_changes": item.has_unpublished_changes,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[item.course.pk]),
                    "explore_url": reverse("wagtailadmin_explore", args=[item.course.pk]),
                }
                for item in self.courses
            ],
            "add_url": self.add_url,
        }
