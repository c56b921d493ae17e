"""The bank's admin forms: what a person may pick is cut to their scope (`permissions`), so a
trainer can neither attach a pool to someone else's course nor put a question in someone else's
pool, also when ids are posted by hand (the choice is then invalid)."""

from wagtail.admin.forms import WagtailAdminModelForm

from courses.questionbank.permissions import courses_for_pools, pools_manageable_by


class QuestionPoolForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "course" in self.fields:
            self.fields["course"].queryset = courses_for_pools(self.for_user)


class QuestionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "pool" in self.fields:
            field = self.fields["pool"]
            field.queryset = pools_manageable_by(self.for_user).select_related(
                "course", "thematic_area"
            )
            field.label_from_instance = pool_label


def pool_label(pool) -> str:
    """A pool as choices show it: same-named pools of two courses are told apart."""
    where = pool.course or pool.thematic_area
    return f"{pool.name} ({where})" if where else pool.name
