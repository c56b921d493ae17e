"""Who may see whose learning records, as querysets (never only by hiding links).

- administrators (superusers and the "Administrator" role): everything;
- coordinators: learners of the units they coordinate and of every unit below them;
- trainers: learners of the courses they train;
- anyone else: nothing.

A person who is both coordinator and trainer sees both sets.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from courses.models import CoursePage
from lms.organisations.models import COUNTY_TYPES, OrganisationUnit
from lms.users.roles import is_administrator

__all__ = ["COUNTY_TYPES", "Scope", "scope_of"]


@dataclass(frozen=True)
class Scope:
    """What one person may report on. `everything` wins over the lists."""

    everything: bool = False
    unit_paths: tuple[str, ...] = field(default_factory=tuple)
    course_ids: tuple[int, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.unit_paths or self.course_ids)

    def enrolment_condition(self) -> Q:
        """A filter on Enrolment (or anything with the same `user`/`course` lookups)."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for path in self.unit_paths:
            condition |= Q(user__unit__path__startswith=path)
        if self.course_ids:
            condition |= Q(course_id__in=self.course_ids)
        return condition

    def units(self) -> QuerySet:
        """Units whose learners may be listed (for filter choices)."""
        if self.everything:
            return OrganisationUnit.objects.all()
        if not self.unit_paths:
            # A trainer: any unit, but only their courses' learners appear in the rows.
            return (
                OrganisationUnit.objects.all()
                if self.course_ids
                else OrganisationUnit.objects.none()
            )
        query = Q(pk__in=[])
        for path in self.unit_paths:
            query |= Q(path__startswith=path)
        return OrganisationUnit.objects.filter(query)

    def counties(self) -> QuerySet:
        """Counties to offer in filters: all of them, or those a coordinator's units touch."""
        counties = OrganisationUnit.objects.filter(unit_type__in=COUNTY_TYPES)
        if self.everything or (self.course_ids and not self.unit_paths):
            return counties
        query = Q(pk__in=[])
        for path in self.unit_paths:
            # The county above a coordinated unit, or any county inside a coordinated region.
            query |= Q(path=path[: 2 * OrganisationUnit.steplen]) | Q(path__startswith=path)
        return counties.filter(query)

    def courses(self) -> QuerySet:
        courses = CoursePage.objects.order_by("title")
        if self.everything or self.unit_paths:
            return courses
        return courses.filter(pk__in=self.course_ids)


def scope_of(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    if is_administrator(user):
        return Scope(everything=True)
    paths = tuple(user.coordinated_units.values_list("path", flat=True))
    courses = tuple(CoursePage.objects.filter(trainers=user).values_list("pk", flat=True))
    return Scope(unit_paths=paths, course_ids=courses)
