"""The completion report as one SQL query: one row per enrolment, every column computed by
PostgreSQL (county, deadline, status, certificate), so the page, the CSV, the XLSX and the
benchmark's `COPY` floor all read exactly the same rows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Now, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from courses.editions import lineage_key
from courses.models import Assignment, CoursePage, Enrolment, edition_title, started_condition
from lms.organisations.models import OrganisationUnit
from lms.reports.scope import COUNTY_TYPES


class Status:
    """Where a learner is on a course (the report's "status" filter and column)."""

    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CERTIFIED = "certified"
    EXPIRED = "expired"

    CHOICES = [
        (ASSIGNED, _("przypisany – nierozpoczęty")),
        (IN_PROGRESS, _("w trakcie")),
        (COMPLETED, _("ukończony")),
        (CERTIFIED, _("zaświadczenie wystawione")),
        (EXPIRED, _("zaświadczenie wygasło")),
    ]
    LABELS = dict(CHOICES)


_STARTED = started_condition()
_VALID_CERTIFICATE = Q(certificate__status=Certificate.Status.ISSUED) & (
    Q(certificate__expires_at__isnull=True) | Q(certificate__expires_at__gt=Now())
)
_EXPIRED_CERTIFICATE = Q(certificate__status=Certificate.Status.ISSUED) & Q(
    certificate__expires_at__lte=Now()
)

STATUS_FILTERS = {
    Status.ASSIGNED: Q(completed_at__isnull=True) & ~_STARTED,
    Status.IN_PROGRESS: Q(completed_at__isnull=True) & _STARTED,
    Status.COMPLETED: Q(completed_at__isnull=False),
    Status.CERTIFIED: _VALID_CERTIFICATE,
    Status.EXPIRED: _EXPIRED_CERTIFICATE,
}

# Certificate states as the report shows them ("expired" is an issued one past its date).
CERTIFICATE_LABELS = {
    **dict(Certificate.Status.choices),
    "expired": _("wygasło"),
}


class LocalTime(Func):
    """A timestamptz as the wall-clock time in the platform's zone (naive): what a spreadsheet
    cell holds and what people in Pomorskie read."""

    function = "timezone"
    output_field = DateTimeField()

    def __init__(self, expression, **extra):
        super().__init__(Value(settings.TIME_ZONE), expression, **extra)


def county_name():
    """The county (powiat or city with county rights) above the learner's unit, by path prefix."""
    prefix = Substr(OuterRef("user__unit__path"), 1, 2 * OrganisationUnit.steplen)
    counties = OrganisationUnit.objects.filter(path=prefix, unit_type__in=COUNTY_TYPES)
    return Subquery(counties.values("name")[:1], output_field=CharField())


def assignment_deadline():
    assignments = Assignment.objects.filter(
        user_id=OuterRef("user_id"), course_id=OuterRef("course_id")
    )
    return Subquery(assignments.values("deadline")[:1])


def status_expression():
    return Case(
        When(completed_at__isnull=False, then=Value(Status.COMPLETED)),
        When(_STARTED, then=Value(Status.IN_PROGRESS)),
        default=Value(Status.ASSIGNED),
        output_field=CharField(),
    )


def certificate_state():
    return Case(
        When(_EXPIRED_CERTIFICATE, then=Value("expired")),
        default=F("certificate__status"),
        output_field=CharField(),
    )


def annotate(enrolments: QuerySet) -> QuerySet:
    """The report's computed columns, on any Enrolment queryset."""
    return enrolments.annotate(
        county_name=county_name(),
        deadline=assignment_deadline(),
        report_status=status_expression(),
        certificate_state=certificate_state(),
    )


@dataclass(frozen=True)
class ExportColumn:
    heading: object  # a lazy translation
    lookup: str  # a field path or an annotation of `export_rows`
    kind: str = "text"  # text, datetime, date, percent, status, certificate, boolean


EXPORT_COLUMNS = [
    ExportColumn(_("Nazwisko"), "user__last_name"),
    ExportColumn(_("Imię"), "user__first_name"),
    ExportColumn(_("E-mail"), "user__email"),
    ExportColumn(_("Jednostka"), "user__unit__name"),
    ExportColumn(_("Powiat"), "county_name"),
    ExportColumn(_("Kurs"), "course__title"),
    ExportColumn(_("Edycja"), "course__edition_label"),
    ExportColumn(_("Obszar tematyczny"), "course__thematic_area__name"),
    ExportColumn(_("Zapisano"), "local_enrolled_at", "datetime"),
    ExportColumn(_("Ostatnia aktywność"), "local_last_activity_at", "datetime"),
    ExportColumn(_("Postęp"), "progress_percent", "percent"),
    ExportColumn(_("Najlepszy wynik testu"), "best_score_percent", "percent"),
    ExportColumn(_("Ukończono"), "local_completed_at", "datetime"),
    ExportColumn(_("Status"), "report_status", "status"),
    ExportColumn(_("Termin"), "deadline", "date"),
    ExportColumn(_("Po terminie"), "overdue", "boolean"),
    ExportColumn(_("Numer zaświadczenia"), "certificate__number"),
    ExportColumn(_("Status zaświadczenia"), "certificate_state", "certificate"),
]


def export_rows(enrolments: QuerySet) -> QuerySet:
    """`values_list` of EXPORT_COLUMNS, in order, for an (annotated, filtered) queryset."""
    today = timezone.localdate()
    rows = enrolments.annotate(
        local_enrolled_at=LocalTime("enrolled_at"),
        local_last_activity_at=LocalTime("last_activity_at"),
        local_completed_at=LocalTime("completed_at"),
        overdue=Case(
            When(Q(completed_at__isnull=True) & Q(deadline__lt=today), then=Value(True)),
            default=Value(False),
        ),
    )
    return rows.values_list(*(column.lookup for column in EXPORT_COLUMNS))


# --- Summary --------------------------------------------------------------------------------------


def summary(enrolments: QuerySet, *, by: str, merge_editions: bool = False) -> list[dict]:
    """Enrolled, in progress, completed, completion rate and average best score per course or
    per county, largest first; per course, the editions of a course are one row when
    `merge_editions`, else one row each."""
    counts = {
        "enrolled": Count("pk"),
        "in_progress": Count("pk", filter=STATUS_FILTERS[Status.IN_PROGRESS]),
        "completed": Count("pk", filter=STATUS_FILTERS[Status.COMPLETED]),
        "score_sum": Sum("best_score_percent"),
        "scored": Count("best_score_percent"),
    }
    if by == "county":
        groups = _per_county(enrolments, counts)
    elif merge_editions:
        groups = _per_lineage(enrolments, counts)
    else:
        rows = enrolments.values("course_id").annotate(
            title=F("course__title"), edition=F("course__edition_label"), **counts
        )
        groups = [{**row, "label": edition_title(row["title"], row["edition"])} for row in rows]
    result = []
    for row in groups:
        enrolled = row["enrolled"]
        result.append(
            {
                "label": row["label"],
                "enrolled": enrolled,
                "in_progress": row["in_progress"],
                "completed": row["completed"],
                "completion_rate": round(100 * row["completed"] / enrolled) if enrolled else 0,
                "average_score": (
                    round(row["score_sum"] / row["scored"], 1) if row["scored"] else None
                ),
            }
        )
    return sorted(result, key=lambda row: (-row["enrolled"], row["label"]))


def _per_lineage(enrolments: QuerySet, counts: dict) -> list[dict]:
    """One row per course with all its editions (see courses.editions), named after the newest
    edition."""
    rows = list(
        enrolments.values(lineage=lineage_key(prefix="course__")).annotate(**counts).order_by()
    )
    ids = [row["lineage"] for row in rows]
    editions = CoursePage.objects.filter(Q(pk__in=ids) | Q(edition_of_id__in=ids))
    newest, sizes = {}, {}
    for lineage, title, label in (
        editions.annotate(lineage=lineage_key())
        .order_by("edition_number")
        .values_list("lineage", "title", "edition_label")
    ):
        newest[lineage] = (title, label)
        sizes[lineage] = sizes.get(lineage, 0) + 1
    for row in rows:
        title, label = newest.get(row["lineage"], ("", ""))
        if sizes.get(row["lineage"], 0) > 1:
            row["label"] = str(_("%(course)s (wszystkie edycje)") % {"course": title})
        else:
            row["label"] = edition_title(title, label)
    return rows


def _per_county(enrolments: QuerySet, counts: dict) -> list[dict]:
    """Grouped by the first two steps of the unit's tree path (the county level) — one pass, no
    per-row lookup — then named from the counties; units outside any county are pooled."""
    prefix = Substr("user__unit__path", 1, 2 * OrganisationUnit.steplen)
    rows = list(enrolments.values(county_path=prefix).annotate(**counts).order_by())
    names = dict(
        OrganisationUnit.objects.filter(
            path__in=[row["county_path"] for row in rows if row["county_path"]],
            unit_type__in=COUNTY_TYPES,
        ).values_list("path", "name")
    )
    groups: dict = {}
    for row in rows:
        label = names.get(row["county_path"]) or str(_("bez powiatu"))
        group = groups.setdefault(label, {"label": label, **dict.fromkeys(counts, 0)})
        for key in counts:
            group[key] += row[key] or 0
    return list(groups.values())


def base_queryset(scope_condition: Q) -> QuerySet:
    return annotate(Enrolment.objects.filter(scope_condition))
