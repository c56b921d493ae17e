"""Admin forms of course pages."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from lms.users.roles import Role


class CoursePageForm(WagtailAdminPageForm):
    """The "trainers" field offers people in the Trainer role only (and whoever is already
    chosen), not every account of the region: a trainer editing a course must not get a list of
    all learners' names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("trainers")
        if field is not None:
            chosen = [user.pk for user in self.instance.trainers.all()] if self.instance.pk else []
            field.queryset = (
                field.queryset.filter(Q(groups__name=Role.TRAINER) | Q(pk__in=chosen))
                .distinct()
                .order_by("last_name", "first_name", "email")
            )
