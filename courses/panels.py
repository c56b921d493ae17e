"""Read-only panels of the course editor (kept apart from `courses.models`, which uses them)."""

from wagtail.admin.panels import Panel


class EditionsPanel(Panel):
    """The editions of the course being edited (see `courses.editions`), each with its state and
    a link to its editor, and where to make a new one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/editions_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from courses import editions

            context = super().get_context_data(parent_context)
            lineage = editions.editions_of(course=self.instance)
            live = [edition for edition in lineage if edition.live]
            context["editions"] = lineage
            context["listed_pk"] = live[-1].pk if live else None  # the catalogue's
            context["current"] = self.instance
            context["can_create"] = editions.can_create_edition(
                user=self.request.user, course=self.instance
            )
            return context
