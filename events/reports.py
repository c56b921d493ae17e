"""The registrations report in the admin ("Zapisy na wydarzenia"): one row per registration of
the programme's events, with Wagtail's filters, sorting and CSV/XLSX buttons, scoped to what the
person may see (`selectors.reported_registrations`) and exported through the platform's writers
(`lms.reports.views.ScopedReportMixin`), so a name such as `=HYPERLINK(...)` stays text."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from events import selectors
from events.filters import RegistrationFilterSet
from lms.reports.views import ScopedReportMixin

# The export's columns: (heading, kind for lms.spreadsheets.writing), in the order of
# `selectors.report_rows`.
EXPORT_COLUMNS = [
    (_("Wydarzenie"), "text"),
    (_("Data wydarzenia"), "datetime"),
    (_("Rodzaj"), "text"),
    (_("Powiat wydarzenia"), "text"),
    (_("Nazwisko"), "text"),
    (_("Imię"), "text"),
    (_("E-mail"), "text"),
    (_("Jednostka"), "text"),
    (_("Status"), "text"),
    (_("Pozycja na liście rezerwowej"), "integer"),
    (_("Zgłoszono"), "datetime"),
    (_("Zgłosił(a)"), "text"),
    (_("Obecność"), "boolean"),
    (_("Obecność potwierdzono"), "datetime"),
    (_("Sposób potwierdzenia obecności"), "text"),
]


def _local(moment, fmt="d.m.Y H:i") -> str:
    return date_format(timezone.localtime(moment), fmt) if moment else ""


def _name(person) -> str:
    return (person.get_full_name() or person.email) if person else ""


def _status(registration) -> str:
    label = registration.get_status_display()
    if registration.waiting_position is None:
        return label
    return gettext("%(status)s (pozycja %(position)d)") % {
        "status": label,
        "position": registration.waiting_position,
    }


def _attendance(registration) -> str:
    if registration.attended_at is None:
        return ""
    method = registration.get_check_in_method_display()
    moment = _local(registration.attended_at)
    return f"{moment} ({method})" if method else moment


class RegistrationReportView(ScopedReportMixin, ReportView):
    """Administrators see every registration, coordinators those of their units' people,
    trainers those of the events they lead (see `selectors.reported_registrations`)."""

    page_title = _("Zapisy na wydarzenia")
    header_icon = "calendar-check"
    index_url_name = "events_registration_report"
    index_results_url_name = "events_registration_report_results"
    filterset_class = RegistrationFilterSet
    is_searchable = True
    search_backend_name = None  # the ORM: participant's name or e-mail, event's title
    search_fields = ["user__last_name", "user__first_name", "user__email", "event__title"]
    default_ordering = "-event__starts_at"
    paginate_by = 50
    export_filename = "zapisy-na-wydarzenia"
    list_export = ["event", "user", "status"]  # shows Wagtail's buttons; see as_spreadsheet
    columns = [
        Column(
            "event",
            label=_("Wydarzenie"),
            accessor=lambda r: r.event.title,
            sort_key="event__title",
        ),
        Column(
            "starts_at",
            label=_("Data"),
            accessor=lambda r: _local(r.event.starts_at),
            sort_key="event__starts_at",
        ),
        Column("kind", label=_("Rodzaj"), accessor=lambda r: r.event.get_kind_display()),
        Column(
            "county",
            label=_("Powiat wydarzenia"),
            accessor=lambda r: r.event.county.name if r.event.county else "",
        ),
        Column(
            "participant",
            label=_("Uczestnik"),
            accessor=lambda r: _name(r.user),
            sort_key="user__last_name",
        ),
        Column("email", label=_("E-mail"), accessor="user.email"),
        Column(
            "unit",
            label=_("Jednostka"),
            accessor=lambda r: r.user.unit.name if r.user.unit else "",
        ),
        Column("status", label=_("Status"), accessor=_status),
        Column(
            "registered_at",
            label=_("Zgłoszono"),
            accessor=lambda r: _local(r.registered_at),
            sort_key="registered_at",
        ),
        Column("registered_by", label=_("Zgłosił(a)"), accessor=lambda r: _name(r.registered_by)),
        Column(
            "attended_at",
            label=_("Obecność"),
            accessor=_attendance,
            sort_key="attended_at",
        ),
    ]

    def get_base_queryset(self):
        return selectors.reported_registrations(scope=self.scope, user=self.request.user)

    def order_queryset(self, queryset):
        """The chosen order, then each event's registrations in the order they arrived."""
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "event_id", "queue_number")

    def filter_queryset(self, queryset):
        """A filter value the person may not use (an event they do not lead) shows nothing,
        rather than every row as if unfiltered."""
        if self.filters is not None and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def get_results_page_title(self):
        return self.page_title

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return self.send_spreadsheet(
            rows=selectors.report_rows(queryset),
            headings=[str(heading) for heading, _kind in EXPORT_COLUMNS],
            kinds=[kind for _heading, kind in EXPORT_COLUMNS],
            fmt=spreadsheet_format,
            filename=f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}",
        )
