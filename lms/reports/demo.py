"""A demo cohort for the reports: staff of the demo units and of a few counties and cities, on the
demo courses, in every state (not started, in progress, completed, overdue), so the completion
report, the summary and the dashboard charts show something on a fresh `make run`. Idempotent.

Completions are recorded directly (not lesson by lesson): the certificates' reconciliation task
issues their certificates in the background, as it would after an outage."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.models import Assignment, CoursePage, Enrolment
from lms.organisations.models import OrganisationUnit
from lms.users.models import User
from lms.users.roles import Role

DEMO_DOMAIN = "demo.centrum-kompetencji.example"
PEOPLE_PER_UNIT = 6
FIRST = [
    "Agnieszka",
    "Bartłomiej",
    "Celina",
    "Dariusz",
    "Elżbieta",
    "Grzegorz",
    "Halina",
    "Jędrzej",
    "Krystyna",
    "Łukasz",
    "Małgorzata",
    "Piotr",
]
LAST = [
    "Kamińska",
    "Lewandowski",
    "Zielińska",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Wójcik",
    "Kwiatkowska",
    "Krawczyk",
]
JOBS = [
    "Inspektor ds. obsługi mieszkańców",
    "Pracownik socjalny",
    "Nauczycielka",
    "Doradca zawodowy",
    "Referentka ds. ewidencji ludności",
    "Asystent rodziny",
]
UNITS = [
    "Urząd Gminy Pruszcz Gdański",
    "Gminny Ośrodek Pomocy Społecznej w Pruszczu Gdańskim",
    "Urząd Gminy Kolbudy",
    "Powiatowy Urząd Pracy w Pruszczu Gdańskim",
]
CITY_CODES = ["2261", "2262", "2263", "2214"]  # Gdańsk, Gdynia, Słupsk, Powiat tczewski


@transaction.atomic
def load_demo_cohort(*, stdout=None) -> None:
    if User.objects.filter(email__endswith="@" + DEMO_DOMAIN).exists():
        return
    courses = list(CoursePage.objects.live().order_by("path"))
    if not courses:
        return
    units = list(OrganisationUnit.objects.filter(name__in=UNITS)) + list(
        OrganisationUnit.objects.filter(code__in=CITY_CODES)
    )
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data, not a secret
    learners = Group.objects.get(name=Role.LEARNER)
    now = timezone.now()
    number = 0
    for unit in units:
        for _ in range(PEOPLE_PER_UNIT):
            number += 1
            first, last = FIRST[number % len(FIRST)], LAST[(number * 7) % len(LAST)]
            person = User.objects.create(
                email=f"pracownik{number:03d}@{DEMO_DOMAIN}",
                first_name=first,
                last_name=last,
                job_title=rng.choice(JOBS),
                unit=unit,
            )
            person.set_unusable_password()
            person.save(update_fields=["password"])
            person.groups.add(learners)
            for course in rng.sample(courses, k=min(len(courses), rng.randint(1, 3))):
                enrolled = now - timedelta(days=rng.randint(5, 120))
                state = rng.random()
                progress = (
                    0 if state < 0.2 else 100 if state > 0.6 else rng.choice([20, 40, 60, 80])
                )
                completed = (
                    enrolled + timedelta(days=rng.randint(1, 4)) if progress == 100 else None
                )
                assigned = state < 0.45
                Enrolment.objects.create(
                    user=person,
                    course=course,
                    enrolled_at=enrolled,
                    source=Enrolment.Source.ASSIGNED if assigned else Enrolment.Source.SELF,
                    last_activity_at=completed
                    or enrolled + timedelta(days=rng.randint(0, 3) if progress else 0),
                    progress_percent=progress,
                    completed_at=completed,
                    best_score_percent=rng.choice([70, 80, 90, 100]) if progress == 100 else None,
                )
                if assigned:
                    Assignment.objects.create(
                        user=person,
                        course=course,
                        assigned_at=enrolled,
                        deadline=(enrolled + timedelta(days=30)).date(),
                    )
    if stdout is not None:
        stdout.write(f"Demonstracyjni kursanci do raportów: {number}.\n")
