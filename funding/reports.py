"""The projects' reports for administrators: the participants' indicators, the supported public
administrations and the participant-level export for the national monitoring system. What each
figure means is defined once, in `funding.selectors`; the export's layout in the mapping file."""

from decimal import Decimal

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from funding import mapping, selectors
from funding.models import Participant, Project
from funding.viewsets import _is_administrator
from lms.organisations.models import OrganisationUnit
from lms.reports.views import ScopedReportMixin


class ProjectFilterSet(WagtailFilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Projekt"), queryset=Project.objects.all(), method="keep", empty_label=None
    )

    class Meta:
        model = Participant
        fields = ["project"]

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)

    def keep(self, queryset, name, value):
        return queryset


class ProjectReportMixin(ScopedReportMixin):
    """Administrators only; one project at a time (the chosen one, else the newest)."""

    filterset_class = ProjectFilterSet
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not _is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def project(self) -> Project | None:
        chosen = None
        if self.filters is not None and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("project")
        return chosen or Project.objects.order_by("-start_date", "pk").first()

    def get_base_queryset(self):
        return Participant.objects.all()

    def order_queryset(self, queryset):
        return queryset

    def get_page_subtitle(self):
        return str(self.project) if self.project else gettext("brak projektów")

    def get_results_page_title(self):
        return self.page_title

    def filename(self, name: str) -> str:
        code = slugify(self.project.code) if self.project else "brak"
        return f"{name}-{code}-{timezone.localdate():%Y-%m-%d}"


class MenuItemForAdministrators(MenuItem):
    def is_shown(self, request):
        return _is_administrator(request.user)


# --- Indicators ----------------------------------------------------------------------------------

SEX_HEADINGS = {
    "female": _("Kobiety"),
    "male": _("Mężczyźni"),
    "non_binary": _("Osoby niebinarne"),
    "refused": _("Płeć: odmowa"),
    "total": _("Ogółem"),
}


def _number(value):
    """Hours with a decimal comma and no trailing zeros ("12,5", "8"); counts as they are."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    return "" if value is None else value


class IndicatorReportView(ProjectReportMixin, ReportView):
    page_title = _("Wskaźniki EFS+: uczestnicy")
    header_icon = "table"
    index_url_name = "funding_indicators"
    index_results_url_name = "funding_indicators_results"
    export_filename = "wskazniki-efs"
    list_export = ["section", "label", *SEX_HEADINGS]
    paginate_by = None

    @property
    def columns(self):
        return [
            Column("section", label=_("Grupa")),
            Column("label", label=_("Kategoria")),
            *(
                Column(key, label=label, accessor=lambda row, key=key: _number(row[key]))
                for key, label in SEX_HEADINGS.items()
            ),
        ]

    def get_queryset(self):
        return selectors.indicator_table(self.project) if self.project else []

    def as_spreadsheet(self, rows, spreadsheet_format):
        headings = [gettext("Grupa"), gettext("Kategoria"), *map(str, SEX_HEADINGS.values())]
        data = (
            [str(row["section"]), str(row["label"]), *(row[key] for key in SEX_HEADINGS)]
            for row in rows
        )
        return self.send_spreadsheet(
            rows=data,
            headings=headings,
            kinds=["text", "text", *["value"] * len(SEX_HEADINGS)],
            fmt=spreadsheet_format,
            filename=self.filename(self.export_filename),
        )


# --- Supported public administrations ----------------------------------------------------------


class AdministrationReportView(ProjectReportMixin, ReportView):
    page_title = _("Podmioty administracji publicznej objęte wsparciem")
    header_icon = "site"
    index_url_name = "funding_administrations"
    index_results_url_name = "funding_administrations_results"
    export_filename = "podmioty-objete-wsparciem"
    list_export = ["name", "unit_type", "code", "county", "completed"]
    columns = [
        Column("name", label=_("Jednostka")),
        Column("unit_type", label=_("Rodzaj")),
        Column("code", label=_("Kod urzędowy")),
        Column("county", label=_("Powiat")),
        Column("completed", label=_("Uczestnicy, którzy ukończyli wsparcie")),
    ]

    def get_queryset(self):
        if self.project is None:
            return []
        supported = selectors.supported_administrations(self.project)
        step = OrganisationUnit.steplen
        counties = dict(
            OrganisationUnit.objects.filter(
                path__in={item["unit"].path[: 2 * step] for item in supported}
            ).values_list("path", "name")
        )
        return [
            {
                "name": item["unit"].name,
                "unit_type": item["unit"].get_unit_type_display(),
                "code": item["unit"].code,
                "county": counties.get(item["unit"].path[: 2 * step], ""),
                "completed": item["completed"],
            }
            for item in supported
        ]

    def get_page_subtitle(self):
        if self.project is None:
            return super().get_page_subtitle()
        return gettext("%(project)s: %(count)d") % {
            "project": self.project,
            "count": len(self.get_queryset()),
        }

    def as_spreadsheet(self, rows, spreadsheet_format):
        headings = [str(column.label) for column in self.columns]
        data = ([row[key] for key in self.list_export] for row in rows)
        return self.send_spreadsheet(
            rows=data,
            headings=headings,
            kinds=["text", "text", "text", "text", "integer"],
            fmt=spreadsheet_format,
            filename=self.filename(self.export_filename),
        )


# --- The participant-level export --------------------------------------------------------------


class ParticipantExportView(ProjectReportMixin, ReportView):
    """The project's participants; the CSV/XLSX is laid out by the mapping file (docs)."""

    page_title = _("Uczestnicy projektu (eksport do SM EFS)")
    header_icon = "download"
    index_url_name = "funding_participant_export"
    index_results_url_name = "funding_participant_export_results"
    list_export = ["mapping"]  # the real columns come from the mapping file
    columns = [
        Column("user", label=_("Osoba"), accessor="user"),
        Column("unit", label=_("Jednostka"), accessor=lambda p: p.unit or "—"),
        Column(
            "started_at",
            label=_("Rozpoczęcie udziału"),
            accessor=lambda p: date_format(timezone.localtime(p.started_at), "d.m.Y"),
        ),
        Column("sex", label=_("Płeć"), accessor=lambda p: p.get_sex_display()),
        Column("age_band", label=_("Wiek"), accessor=lambda p: p.get_age_band_display()),
        Column("education", label=_("Wykształcenie"), accessor=lambda p: p.get_education_display()),
        Column("completed", label=_("Ukończył(a) wsparcie"), accessor="completed_label"),
    ]

    def get_queryset(self):
        if self.project is None:
            return Participant.objects.none()
        return selectors.participants(self.project)

    def decorate_paginated_queryset(self, object_list):
        support = selectors.support_by_participant(self.project) if self.project else {}
        for participant in object_list:
            participant.completed_label = (
                gettext("tak") if participant.user_id in support else gettext("nie")
            )
        return object_list

    def as_spreadsheet(self, queryset, spreadsheet_format):
        try:
            layout = mapping.load()
        except mapping.MappingError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        if self.project is None:
            messages.error(self.request, gettext("Nie ma jeszcze żadnego projektu."))
            return redirect(self.request.path)
        headings, kinds, rows = mapping.export_table(self.project, layout)
        return self.send_spreadsheet(
            rows=rows,
            headings=headings,
            kinds=kinds,
            fmt=spreadsheet_format,
            filename=self.filename(layout.filename),
        )
