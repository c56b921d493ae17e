"""The owner's "Twoje standardy do przeglądu" panel on Wagtail's admin dashboard: the standards
they keep whose review is overdue or coming (`selectors.standards_due_for_review`)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from knowledge.permissions import may_review_standards
from knowledge.selectors import standards_due_for_review


class MyReviewsPanel(Component):
    name = "my_standard_reviews"
    template_name = "knowledge/admin/my_reviews_panel.html"
    order = 60

    def __init__(self, *, standards):
        self.standards = standards

    @classmethod
    def for_user(cls, user) -> "MyReviewsPanel | None":
        """The panel when `user` writes standards and keeps one due for review; None otherwise
        (one query)."""
        if not may_review_standards(user):
            return None
        standards = list(standards_due_for_review(responsible=user))
        if not standards:
            return None
        return cls(standards=standards)

    def get_context_data(self, parent_context):
        return {
            "rows": [
                {
                    "standard": standard,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[standard.pk]),
                }
                for standard in self.standards
            ]
        }
