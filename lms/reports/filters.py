"""The report's filters. Every choice list is cut to what the person may see: a coordinator of
gmina A is not even offered gmina B."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.editions import lineage_condition
from courses.models import Assignment, CoursePage, Enrolment, ThematicArea
from lms.reports.queries import STATUS_FILTERS, Status
from lms.reports.scope import Scope


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.indented_label()


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, course):
        return course.title_with_edition


class CourseFilter(django_filters.ModelChoiceFilter):
    field_class = CourseChoiceField


def _within(queryset, unit):
    return queryset.filter(user__unit__path__startswith=unit.path)


class CompletionFilterSet(WagtailFilterSet):
    course = CourseFilter(
        label=_("Kurs"), queryset=None, method="filter_course", empty_label=_("Wszystkie")
    )
    editions = django_filters.BooleanFilter(
        label=_("Łącz edycje kursu"),
        method="keep",
        widget=forms.CheckboxInput,
        help_text=_(
            "Wybrany kurs ze wszystkimi jego edycjami; w podsumowaniu jeden wiersz na kurs."
        ),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Obszar tematyczny"),
        field_name="course__thematic_area",
        queryset=ThematicArea.objects.all(),
        empty_label=_("Wszystkie"),
    )
    unit = UnitFilter(
        label=_("Jednostka (z podległymi)"),
        queryset=None,
        method="filter_unit",
        empty_label=_("Wszystkie"),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("Powiat"), queryset=None, method="filter_unit", empty_label=_("Wszystkie")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.CHOICES,
        method="filter_status",
        empty_label=_("Wszystkie"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Tylko po terminie"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    enrolled = django_filters.DateFromToRangeFilter(
        label=_("Data zapisu"), field_name="enrolled_at", widget=DateRangePickerWidget
    )
    completed = django_filters.DateFromToRangeFilter(
        label=_("Data ukończenia"), field_name="completed_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, data=None, *args, scope: Scope, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["course"].queryset = scope.courses()
        self.filters["unit"].queryset = scope.units().order_by("path")
        self.filters["county"].queryset = scope.counties().order_by("name")

    @property
    def merge_editions(self) -> bool:
        return bool(self.form.cleaned_data.get("editions"))

    def keep(self, queryset, name, value):
        return queryset

    def filter_course(self, queryset, name, course):
        if not course:
            return queryset
        if self.merge_editions:
            lineage = CoursePage.objects.filter(lineage_condition(lineage_id=course.lineage_id))
            return queryset.filter(course_id__in=lineage.values("pk"))
        return queryset.filter(course=course)

    def filter_unit(self, queryset, name, unit):
        return _within(queryset, unit) if unit else queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(STATUS_FILTERS[value]) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        # EXISTS (a semi-join) rather than the row's deadline subquery: PostgreSQL hashes the
        # assignments once instead of looking one up per enrolment.
        overdue = Assignment.objects.filter(
            user_id=OuterRef("user_id"),
            course_id=OuterRef("course_id"),
            deadline__lt=timezone.localdate(),
        )
        return queryset.filter(Exists(overdue), completed_at__isnull=True)


class SummaryFilterSet(CompletionFilterSet):
    """The same filters, plus how to group the summary (read by the view)."""

    by = django_filters.ChoiceFilter(
        label=_("Grupuj według"),
        method="keep",
        choices=[("course", _("kursu")), ("county", _("powiatu"))],
        empty_label=None,
    )
