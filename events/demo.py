"""The demo calendar: county discussion panels in several counties, a workshop, a conference and
a webinar of the programme (`fixtures/demo/events.json`), dated from today. The demo learner has
a place on the Gdańsk county panel, which the demo trainer runs.

Loaded by `manage.py load_demo` (the "lms_load_demo" hook). Idempotent: an event that exists (by
slug) is left as it is, and registering again changes nothing. No e-mail goes to demo accounts.
"""

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, ThematicArea
from events import services
from events.models import EventIndexPage, EventPage
from lms.home.models import HomePage
from lms.organisations.models import OrganisationUnit

DATA = Path(__file__).resolve().parent / "fixtures" / "demo" / "events.json"
LEARNER_EMAIL = "kursant@centrum-kompetencji.example"
TRAINER_EMAIL = "trener@centrum-kompetencji.example"


def _calendar(home, fields) -> EventIndexPage:
    index = EventIndexPage.objects.first()
    if index is None:
        index = EventIndexPage(**fields)
        home.add_child(instance=index)
        index.save_revision().publish()
    services.open_calendar_to_trainers(index=index)
    return index


def _agenda(rows) -> list:
    return [
        (
            "item",
            {
                "starts": time.fromisoformat(starts),
                "ends": time.fromisoformat(ends) if ends else None,
                "title": title,
                "speaker": speaker,
                "description": "",
            },
        )
        for starts, ends, title, speaker in rows
    ]


def _event(index, spec, *, trainer, course) -> EventPage:
    existing = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    day = timezone.localdate() + timedelta(days=spec["days_from_now"])
    starts = timezone.make_aware(datetime.combine(day, time.fromisoformat(spec["start"])))
    county = spec.get("county")
    event = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        kind=spec["kind"],
        summary=spec["summary"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=spec["hours"]),
        venue=spec.get("venue", ""),
        online_url=spec.get("online_url", ""),
        county=OrganisationUnit.objects.filter(code=county).first() if county else None,
        thematic_area=ThematicArea.objects.filter(slug=spec["area"]).first(),
        capacity=spec["capacity"],
        registration_deadline=starts - timedelta(days=2),
        cancellation_deadline=starts - timedelta(days=1),
        agenda=_agenda(spec["agenda"]),
        course=course if spec.get("course") else None,
    )
    if trainer is not None and spec.get("demo_trainer"):
        event.trainers.set([trainer])
    index.add_child(instance=event)
    event.save_revision().publish()
    services.sync_event_trainers(event=event)
    return event


@transaction.atomic
def load_demo_events(*, stdout=None) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    with DATA.open(encoding="utf-8") as file:
        data = json.load(file)
    users = get_user_model().objects
    trainer = users.filter(email=TRAINER_EMAIL).first()
    learner = users.filter(email=LEARNER_EMAIL).first()
    course = CoursePage.objects.live().order_by("path").first()
    index = _calendar(home, data["calendar"])
    events = []
    for spec in data["events"]:
        event = _event(index, spec, trainer=trainer, course=course)
        events.append(event)
        if learner is not None and spec.get("demo_learner"):
            services.register(event=event, user=learner, notify=False)
    if stdout is not None:
        stdout.write(f"Kalendarz wydarzeń demonstracyjnych: {len(events)} wydarzeń.\n")
