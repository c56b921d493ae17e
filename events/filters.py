"""The registrations report's filters (Wagtail's filter panel, django-filter). The events offered
are cut to what the person may report on: a trainer is offered only the events they lead."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from events import selectors
from events.models import COUNTY_TYPES, Registration
from lms.organisations.models import OrganisationUnit
from lms.reports.scope import Scope


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event):
        return f"{event.title} ({date_format(timezone.localtime(event.starts_at), 'd.m.Y')})"


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class YesNoSelect(forms.NullBooleanSelect):
    """All / yes / no, in Polish (the active filter's chip says "Tak" or "Nie":
    `lms.admin_filters`)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("Wszystkie")), ("true", _("Tak")), ("false", _("Nie"))]


class RegistrationFilterSet(WagtailFilterSet):
    event = EventFilter(
        label=_("Wydarzenie"), queryset=None, field_name="event", empty_label=_("Wszystkie")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status zgłoszenia"),
        choices=Registration.Status.choices,
        empty_label=_("Wszystkie"),
    )
    attended = django_filters.BooleanFilter(
        label=_("Obecność potwierdzona"),
        method="filter_attended",
        widget=YesNoSelect,
    )
    county = django_filters.ModelChoiceFilter(
        label=_("Powiat wydarzenia"),
        field_name="event__county",
        queryset=OrganisationUnit.objects.filter(unit_type__in=COUNTY_TYPES).order_by("name"),
        empty_label=_("Wszystkie"),
    )
    starts = django_filters.DateFromToRangeFilter(
        label=_("Data wydarzenia"), field_name="event__starts_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Registration
        fields = []

    def __init__(self, data=None, *args, scope: Scope, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["event"].queryset = selectors.report_events(scope=scope, user=request.user)

    def filter_attended(self, queryset, name, value):
        return queryset.filter(attended_at__isnull=not value)
