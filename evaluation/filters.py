"""Filters of the evaluation reports; the choices are cut to the person's scope. The views read
the cleaned values (`selection`) and compute the figures themselves."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page

from courses.models import CoursePage, QuizAttempt
from evaluation import reports
from evaluation.models import Survey, SurveyResponse
from lms.reports.filters import CourseFilter
from lms.reports.scope import Scope


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        return page.title


class PageFilter(django_filters.ModelChoiceFilter):
    field_class = PageChoiceField


class ResultsFilterSet(WagtailFilterSet):
    survey = django_filters.ModelChoiceFilter(
        label=_("Ankieta"),
        queryset=Survey.objects.all(),
        method="keep",
        empty_label=_("Domyślna lub używana w szkoleniu"),
    )
    page = PageFilter(
        label=_("Szkolenie lub wydarzenie"),
        queryset=None,
        method="keep",
        empty_label=_("Wszystkie"),
    )
    by = django_filters.ChoiceFilter(
        label=_("Grupuj według"),
        method="keep",
        choices=[(key, by.heading) for key, by in reports.GROUPINGS.items()],
        empty_label=None,
    )

    class Meta:
        model = SurveyResponse
        fields = []

    def __init__(self, data=None, *args, scope: Scope, **kwargs):
        super().__init__(data, *args, **kwargs)
        invited = reports.scoped_invitations(scope).values("page_id")
        self.filters["page"].queryset = Page.objects.filter(pk__in=invited).order_by("title")

    def keep(self, queryset, name, value):
        return queryset


class KnowledgeFilterSet(WagtailFilterSet):
    by = django_filters.ChoiceFilter(
        label=_("Grupuj według"),
        method="keep",
        choices=list(reports.KNOWLEDGE_GROUPINGS.items()),
        empty_label=None,
    )
    course = CourseFilter(label=_("Kurs"), queryset=None, method="keep", empty_label=_("Wszystkie"))

    class Meta:
        model = QuizAttempt
        fields = []

    def __init__(self, data=None, *args, scope: Scope, **kwargs):
        super().__init__(data, *args, **kwargs)
        pretested = QuizAttempt.objects.filter(is_pretest=True).values("enrolment__course_id")
        self.filters["course"].queryset = CoursePage.objects.filter(pk__in=pretested).order_by(
            "title"
        )

    def keep(self, queryset, name, value):
        return queryset
