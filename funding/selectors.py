"""Reads: which project finances a page, its marks, and the fund's indicators (docs/funding.md).

Definitions used by every report and export:

- a **participant** of a project is a person with a `Participant` row in it (they gave the data
  when they first registered for something the project finances, refusals included);
- **support** is a completed activity the project finances, within the project's dates: a
  financed course completed (`Enrolment.completed_at`) between its start and end date, plus what
  other apps report through the `lms_funding_support` hook (in-person events' attendance);
- a participant **completed support** when they have at least one such record;
- **hours of training delivered** are participant-hours: the sum, over every support record of a
  participant, of the activity's hours (a course's `duration_hours`);
- **supported public administrations** are the distinct units of the organisation tree (local
  governments of every level and their offices and institutions) that employed, at the start
  of their support, at least one participant who completed support.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from funding.models import (
    YES_NO_FIELDS,
    AgeBand,
    Answer,
    Education,
    Participant,
    Project,
    Sex,
)
from lms.home.tree_cache import generation as tree_generation

SUPPORT_HOOK = "lms_funding_support"
# Every unit type of the tree is a local government or one of its units (lms.organisations):
# all count as public administrations. Narrow this set to change the indicator's definition.
PUBLIC_ADMINISTRATION_TYPES = None  # None: every type


@dataclass(frozen=True)
class SupportRecord:
    """One completed activity of one person in a project (see the module docstring)."""

    user_id: int
    hours: Decimal
    completed_at: datetime.datetime


# --- Which project finances a page ---------------------------------------------------------------
#
# Course and lesson pages ask on every request, so the answer comes from a small cached index of
# all projects (dates and financed pages' paths), kept under the page tree's generation (a moved
# page changes its path) and the funding generation (bumped when a project, its pages or marks,
# or an image change: `funding.apps`). A page no project finances costs no query at all.

GENERATION_KEY = "funding:generation"
CACHE_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class FinancingEntry:
    project_id: int
    start_date: datetime.date
    end_date: datetime.date
    paths: tuple[str, ...]

    def finances(self, page) -> bool:
        return any(page.path.startswith(path) for path in self.paths)

    def is_running(self, on: datetime.date) -> bool:
        return self.start_date <= on <= self.end_date


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, None)


def bump_generation(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _cache_key(name: str) -> str:
    return f"funding:{name}:{tree_generation()}:{generation()}"


def financing_index() -> list[FinancingEntry]:
    """Every project with its dates and the paths of the pages it finances, newest first."""
    key = _cache_key("index")
    entries = cache.get(key)
    if entries is None:
        projects: dict[int, tuple] = {}
        paths = defaultdict(list)
        rows = Project.objects.order_by("-start_date", "pk").values_list(
            "pk", "start_date", "end_date", "financed_pages__page__path"
        )
        for pk, start, end, path in rows:  # one query: a row per financed page
            projects[pk] = (start, end)
            if path:
                paths[pk].append(path)
        entries = [
            FinancingEntry(pk, start, end, tuple(paths[pk]))
            for pk, (start, end) in projects.items()
        ]
        cache.set(key, entries, CACHE_TIMEOUT)
    return entries


def financing_entries(page) -> list[FinancingEntry]:
    """The projects financing the page or a page above it (a course finances its lessons)."""
    if page is None or not getattr(page, "path", ""):
        return []
    return [entry for entry in financing_index() if entry.finances(page)]


def projects_financing(page) -> QuerySet:
    ids = [entry.project_id for entry in financing_entries(page)]
    return Project.objects.filter(pk__in=ids)


def project_id_for(page, *, on: datetime.date | None = None) -> int | None:
    """The project whose marks the page carries: the one running on `on` (today), else the one
    that started last (a finished project's materials keep its marks)."""
    on = on or timezone.localdate()
    entries = financing_entries(page)
    running = [entry for entry in entries if entry.is_running(on)]
    chosen = (running or entries or [None])[0]
    return chosen.project_id if chosen else None


def project_missing_data(*, user, page) -> Project | None:
    """A running project financing the page for which the person has given no data yet: no
    query for a page no project finances, one for a financed page."""
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    running = [entry.project_id for entry in financing_entries(page) if entry.is_running(today)]
    if not running:
        return None
    given = set(
        Participant.objects.filter(user=user, project_id__in=running).values_list(
            "project_id", flat=True
        )
    )
    missing = [pk for pk in running if pk not in given]
    return Project.objects.filter(pk=missing[0]).first() if missing else None


def marks_of(project_id: int | None) -> dict | None:
    """A project's funding marks, in order, or None: {"project": Project, "marks": [FundingMark
    with its image]}."""
    if project_id is None:
        return None
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return None
    marks = list(project.marks.select_related("image").order_by("sort_order", "pk"))
    return {"project": project, "marks": marks} if marks else None


def marks_for(page, *, on: datetime.date | None = None) -> dict | None:
    """The marks the page (or a certificate of it, on the completion date) carries."""
    return marks_of(project_id_for(page, on=on))


def cached_fragment(name: str, build) -> str:
    """An HTML fragment derived from projects (e.g. a project's marks), cached like the index."""
    key = _cache_key(name)
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, CACHE_TIMEOUT)
    return html


def financed_page_q(project: Project, prefix: str = "") -> Q:
    """Pages the project finances: a chosen page and everything below it."""
    paths = project.financed_pages.values_list("page__path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


# --- Support -------------------------------------------------------------------------------------


def course_support(project: Project) -> Iterable[SupportRecord]:
    """Financed courses completed within the project's dates."""
    from courses.models import Enrolment

    rows = Enrolment.objects.filter(
        financed_page_q(project, "course__"),
        completed_at__date__gte=project.start_date,
        completed_at__date__lte=project.end_date,
    ).values_list("user_id", "course__duration_hours", "completed_at")
    return [SupportRecord(user_id, Decimal(hours), completed) for user_id, hours, completed in rows]


def support_records(project: Project) -> list[SupportRecord]:
    """Every support record of the project's participants: courses, then what other apps add
    through the `lms_funding_support` hook (`f(project) -> iterable of SupportRecord`)."""
    records = list(course_support(project))
    for source in hooks.get_hooks(SUPPORT_HOOK):
        records.extend(source(project))
    participants = set(project.participants.values_list("user_id", flat=True))
    return [record for record in records if record.user_id in participants]


@dataclass
class Support:
    """A participant's support in a project: hours in total and when the last part ended."""

    hours: Decimal
    ended_at: datetime.datetime


def support_by_participant(project: Project) -> dict[int, Support]:
    """Per participant who completed support (user id): their hours and the end of support."""
    summary: dict[int, Support] = {}
    for record in support_records(project):
        known = summary.get(record.user_id)
        if known is None:
            summary[record.user_id] = Support(record.hours, record.completed_at)
        else:
            known.hours += record.hours
            known.ended_at = max(known.ended_at, record.completed_at)
    return summary


# --- Indicators ----------------------------------------------------------------------------------

SEX_COLUMNS = [choice.value for choice in Sex]


def _row(section, label, counts: dict | None = None, *, total=None, kind="integer") -> dict:
    counts = counts or {}
    row = {"section": section, "label": label, "kind": kind}
    for sex in SEX_COLUMNS:
        row[sex] = counts.get(sex, 0) if total is None else None
    row["total"] = sum(counts.values()) if total is None else total
    return row


def indicator_table(project: Project) -> list[dict]:
    """Participants by sex (columns) and by age band, education and each Annex I
    characteristic (rows), refusals included, with totals; then participants who completed
    support, hours of training delivered and the number of supported public administrations."""
    groups = (
        Participant.objects.filter(project=project)
        .values("sex", "age_band", "education", *YES_NO_FIELDS)
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_field: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    everyone: Counter = Counter()
    for group in groups:
        sex, n = group["sex"], group["n"]
        everyone[sex] += n
        for field in ("age_band", "education", *YES_NO_FIELDS):
            by_field[field][group[field]][sex] += n

    rows = [_row(_("Uczestnicy"), _("Uczestnicy ogółem"), everyone)]
    rows += [_row(_("Wiek"), band.label, by_field["age_band"][band.value]) for band in AgeBand]
    rows += [
        _row(_("Wykształcenie"), level.label, by_field["education"][level.value])
        for level in Education
    ]
    for field in YES_NO_FIELDS:
        title = Participant._meta.get_field(field).verbose_name
        rows += [_row(title, answer.label, by_field[field][answer.value]) for answer in Answer]

    sexes = dict(Participant.objects.filter(project=project).values_list("user_id", "sex"))
    support = support_by_participant(project)
    completed: Counter = Counter(sexes[user_id] for user_id in support)
    hours: dict = defaultdict(Decimal)
    for user_id, item in support.items():
        hours[sexes[user_id]] += item.hours
    rows.append(_row(_("Wsparcie"), _("Uczestnicy, którzy ukończyli wsparcie"), completed))
    rows.append(
        _row(_("Wsparcie"), _("Godziny szkoleń (osobogodziny)"), dict(hours), kind="number")
    )
    rows.append(
        _row(
            _("Wsparcie"),
            _("Podmioty administracji publicznej objęte wsparciem"),
            total=len(supported_administrations(project, support=support)),
        )
    )
    return rows


def supported_administrations(project: Project, *, support=None) -> list[dict]:
    """The supported public administrations with how many of their staff completed support:
    [{"unit": OrganisationUnit, "completed": n}], in the tree's order."""
    from lms.organisations.models import OrganisationUnit

    support = support_by_participant(project) if support is None else support
    completers = set(support)
    per_unit = Counter(
        Participant.objects.filter(
            project=project, user_id__in=completers, unit__isnull=False
        ).values_list("unit_id", flat=True)
    )
    units = OrganisationUnit.objects.filter(pk__in=per_unit)
    if PUBLIC_ADMINISTRATION_TYPES is not None:
        units = units.filter(unit_type__in=PUBLIC_ADMINISTRATION_TYPES)
    return [{"unit": unit, "completed": per_unit[unit.pk]} for unit in units.order_by("path")]


def participants(project: Project) -> QuerySet:
    return (
        Participant.objects.filter(project=project)
        .select_related("user", "unit", "project")
        .order_by("user__last_name", "user__first_name", "pk")
    )
