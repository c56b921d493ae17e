"""Reads behind the events pages, each in a fixed number of queries."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from courses.models import ThematicArea
from events import services
from events.models import COUNTY_TYPES, EventKind, EventPage, Registration
from lms.organisations.models import OrganisationUnit
from lms.reports.queries import LocalTime
from lms.reports.scope import Scope
from lms.users.roles import is_administrator
from lms.users.selectors import users_visible_to

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _with_places(events: QuerySet) -> QuerySet:
    return events.select_related("county", "thematic_area").annotate(
        taken=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    )


def _month(value: str) -> date | None:
    match = MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def upcoming(*, limit: int = 3) -> list[EventPage]:
    """The next published public events not over yet, soonest first (for the front page)."""
    events = EventPage.objects.live().public().filter(ends_at__gte=timezone.now())
    return list(events.select_related("county").order_by("starts_at", "pk")[:limit])


def calendar(*, index, user, params) -> dict:
    """Published events of the calendar, filtered by county (`powiat`, a unit id), thematic
    area (`obszar`, a slug), month (`miesiac`, YYYY-MM) and kind (`rodzaj`). Without a month:
    those not over yet, soonest first; with a month: those starting in it."""
    events = EventPage.objects.live().public().child_of(index)
    counties = list(OrganisationUnit.objects.filter(unit_type__in=COUNTY_TYPES).order_by("name"))
    areas = list(ThematicArea.objects.all())
    zone = timezone.get_current_timezone()
    months = sorted(
        {
            moment.date()
            for moment in events.annotate(month=TruncMonth("starts_at", tzinfo=zone))
            .order_by()
            .values_list("month", flat=True)
            .distinct()
        }
    )

    county_id = params.get("powiat", "")
    county = next((unit for unit in counties if str(unit.pk) == county_id), None)
    area = next((area for area in areas if area.slug == params.get("obszar", "")), None)
    month = _month(params.get("miesiac", ""))
    kind = params.get("rodzaj", "")
    kind = kind if kind in EventKind.values else ""

    if county is not None:
        events = events.filter(county=county)
    if area is not None:
        events = events.filter(thematic_area=area)
    if kind:
        events = events.filter(kind=kind)
    if month is not None:
        start = timezone.make_aware(datetime.combine(month, datetime.min.time()))
        end = timezone.make_aware(datetime.combine(_next_month(month), datetime.min.time()))
        events = events.filter(starts_at__gte=start, starts_at__lt=end)
    else:
        events = events.filter(ends_at__gte=timezone.now())
    events = list(_with_places(events).order_by("starts_at", "pk"))

    statuses = {}
    if user.is_authenticated and events:
        statuses = dict(
            Registration.objects.active()
            .filter(user=user, event_id__in=[event.pk for event in events])
            .values_list("event_id", "status")
        )
    for event in events:
        event.places_left = max(0, event.capacity - event.taken)
        event.my_status = statuses.get(event.pk, "")
    return {
        "events": events,
        "counties": counties,
        "areas": areas,
        "kinds": EventKind.choices,
        "months": [(m.strftime("%Y-%m"), date_format(m, "F Y")) for m in months],
        "selected": {
            "county": county,
            "area": area,
            "month": month.strftime("%Y-%m") if month else "",
            "kind": kind,
        },
        "filtered": bool(county or area or month or kind),
    }


def can_run_check_in(*, user, event: EventPage) -> bool:
    """The event's trainers and administrators see its participants and confirm attendance."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_administrator(user) or event.trainers.filter(pk=user.pk).exists()


def can_register_staff(*, user) -> bool:
    """Coordinators (for the people of their units) and administrators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_administrator(user) or user.coordinated_units.exists()


@dataclass
class EventStatus:
    """What the event page shows the viewer about their participation."""

    registration: Registration | None
    places_left: int
    position: int | None
    registration_open: bool
    cancellation_open: bool
    is_trainer: bool
    can_register_staff: bool

    @property
    def is_registered(self) -> bool:
        return self.registration is not None and self.registration.is_confirmed

    @property
    def is_waiting(self) -> bool:
        return self.registration is not None and self.registration.is_waiting


def event_status(*, event: EventPage, user, now=None) -> EventStatus:
    now = now or timezone.now()
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.active().filter(event=event, user=user).first()
    return EventStatus(
        registration=registration,
        places_left=services.free_places(event),
        position=services.waiting_position(registration) if registration else None,
        registration_open=event.live and now < event.registration_closes_at,
        cancellation_open=now < event.cancellation_closes_at,
        is_trainer=can_run_check_in(user=user, event=event),
        can_register_staff=can_register_staff(user=user),
    )


def may_see_link(*, event: EventPage, user, status: EventStatus) -> bool:
    """The online link: for people with a place, the event's trainers and administrators."""
    return bool(event.online_url) and (status.is_registered or status.is_trainer)


def my_registrations(*, user) -> dict:
    """The person's registrations (not cancelled): upcoming ones first, then past ones."""
    registrations = list(
        Registration.objects.active()
        .filter(user=user, event__live=True)
        .select_related("event")
        .order_by("event__starts_at")
    )
    now = timezone.now()
    for registration in registrations:
        registration.position = services.waiting_position(registration)
    return {
        "upcoming": [r for r in registrations if r.event.ends_at >= now],
        "past": [r for r in registrations if r.event.ends_at < now][::-1],
    }


def feed_events(*, user) -> list[EventPage]:
    """The events a person has a place on (for their calendar feed): the last year and ahead."""
    since = timezone.now() - timezone.timedelta(days=365)
    return list(
        EventPage.objects.live()
        .filter(
            registrations__user=user,
            registrations__status=Registration.Status.CONFIRMED,
            ends_at__gte=since,
        )
        .order_by("starts_at")
    )


def participants(*, event: EventPage) -> list[Registration]:
    """People with a place on the event, for the trainer's list (by surname)."""
    return list(
        Registration.objects.confirmed()
        .filter(event=event)
        .select_related("user", "user__unit")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


MAX_STAFF_LISTED = 200


def _staff_of(coordinator) -> QuerySet:
    return users_visible_to(coordinator).filter(is_active=True, anonymised_at__isnull=True)


def chosen_staff(*, coordinator, ids) -> list:
    """The people among `ids` the coordinator may register (anyone else is left out)."""
    wanted = [int(value) for value in ids if str(value).isdigit()]
    return list(_staff_of(coordinator).filter(pk__in=wanted).order_by("pk"))


def staff(*, coordinator, event: EventPage, query: str = "") -> list:
    """People the coordinator may register (their units' staff), each with their registration on
    the event (or None): at most `MAX_STAFF_LISTED`, narrowed by `query` (name or e-mail)."""
    people = _staff_of(coordinator)
    query = query.replace("\x00", "").strip()[:100]
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    people = list(
        people.select_related("unit").order_by("last_name", "first_name", "email")[
            :MAX_STAFF_LISTED
        ]
    )
    registrations = {
        registration.user_id: registration
        for registration in Registration.objects.active().filter(
            event=event, user_id__in=[person.pk for person in people]
        )
    }
    return [(person, registrations.get(person.pk)) for person in people]


# --- The registrations report (admin) -------------------------------------------------------------


def reported_registrations(*, scope: Scope, user) -> QuerySet:
    """The registrations `user` may list in the report, with the columns the page shows:

    - administrators: all of them;
    - coordinators: those of the people of their units and the units below (the completion
      report's scope, `lms.reports.scope`);
    - trainers: those of the events they lead;
    - a coordinator who also leads events: both; anyone else: none.
    """
    registrations = Registration.objects.all()
    if not scope.everything:
        condition = Q(event_id__in=EventPage.objects.filter(trainers=user).values("pk"))
        for path in scope.unit_paths:
            condition |= Q(user__unit__path__startswith=path)
        registrations = registrations.filter(condition)
    return registrations.with_waiting_position().select_related(
        "event", "event__county", "user", "user__unit", "registered_by"
    )


def report_events(*, scope: Scope, user) -> QuerySet:
    """The events to offer in the report's filter: every event for administrators and
    coordinators (their people may register anywhere), the events they lead for trainers."""
    events = EventPage.objects.order_by("-starts_at", "pk")
    if scope.everything or scope.unit_paths:
        return events
    return events.filter(trainers=user)


def _person(first_name: str | None, last_name: str | None, email: str | None) -> str:
    return " ".join(part for part in (first_name, last_name) if part) or email or ""


def report_rows(registrations: QuerySet):
    """The export's rows for a (scoped, filtered, ordered) queryset of `reported_registrations`:
    one list per registration, typed for `lms.spreadsheets.writing` (codes already labelled,
    times in the platform's zone), in the order of `events.reports.EXPORT_COLUMNS`."""
    kinds = dict(EventKind.choices)
    statuses = dict(Registration.Status.choices)
    methods = dict(Registration.CheckIn.choices)
    rows = registrations.annotate(
        local_starts_at=LocalTime("event__starts_at"),
        local_registered_at=LocalTime("registered_at"),
        local_attended_at=LocalTime("attended_at"),
        attended=ExpressionWrapper(Q(attended_at__isnull=False), output_field=BooleanField()),
    ).values_list(
        "event__title",
        "local_starts_at",
        "event__kind",
        "event__county__name",
        "user__last_name",
        "user__first_name",
        "user__email",
        "user__unit__name",
        "status",
        "waiting_position",
        "local_registered_at",
        "registered_by__first_name",
        "registered_by__last_name",
        "registered_by__email",
        "attended",
        "local_attended_at",
        "check_in_method",
    )
    for (
        title,
        starts_at,
        kind,
        county,
        last_name,
        first_name,
        email,
        unit,
        status,
        position,
        registered_at,
        by_first,
        by_last,
        by_email,
        attended,
        attended_at,
        method,
    ) in rows.iterator(chunk_size=2000):
        yield [
            title,
            starts_at,
            str(kinds.get(kind, kind)),
            county or "",
            last_name,
            first_name,
            email,
            unit or "",
            str(statuses.get(status, status)),
            position,
            registered_at,
            _person(by_first, by_last, by_email),
            attended,
            attended_at,
            str(methods[method]) if method else "",
        ]
