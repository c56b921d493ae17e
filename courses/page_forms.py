"""Admin forms of course pages."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from lms.users.roles import Role


class CoursePageForm(WagtailAdminPageForm):
    """The "trainers" field offers people in the Trainer role only (and whoever is already
    chosen), not every account of the region: a trainer editing a course must not get a list of
    all learners' names.

    A trainer who creates or edits a course stays one of its trainers (they cannot take
    themselves off it by mistake and lose it): the page, its revision and the course's group
    all list them. Only someone who may publish in the catalogue (an administrator) chooses
    freely."""

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

    def _author_stays_trainer(self) -> bool:
        user = self.for_user
        if user is None or not user.is_authenticated or user.is_superuser:
            return False
        parent = self.parent_page
        page = self.instance if self.instance.pk else parent
        if page is None:
            return False
        return not page.permissions_for_user(user).can_publish()

    def clean_trainers(self):
        trainers = self.cleaned_data.get("trainers")
        if trainers is None or not self._author_stays_trainer():
            return trainers
        model = trainers.model
        return model.objects.filter(Q(pk__in=trainers) | Q(pk=self.for_user.pk)).distinct()
