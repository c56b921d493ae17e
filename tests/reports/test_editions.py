"""Editions of one course in the reports: each edition its own row, or, with "Łącz edycje kursu",
the course with all its editions (a course filter that selects the lineage, a summary row that is
the sum of the editions), within the viewer's scope, in the page, its exports and export jobs."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from courses import editions
from courses.models import CoursePage, Enrolment
from lms.reports.selectors import completion_enrolments
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COMPLETION = reverse("reports_completion")
SUMMARY = reverse("reports_summary")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def publish_tree(page):
    for each in Page.objects.descendant_of(page, inclusive=True).specific().order_by("path"):
        each.save_revision().publish()
    return CoursePage.objects.get(pk=page.pk)


def enrol(course, people, *, completed=0):
    """Enrol `people` (in gmina A, B, …) on `course`; the first `completed` of them finished."""
    for number, person in enumerate(people):
        Enrolment.objects.create(
            user=person,
            course=course,
            progress_percent=100 if number < completed else 10,
            completed_at=timezone.now() if number < completed else None,
        )


@pytest.fixture
def lineage(units, admin_user):
    """The course "Prawo pobytu" 2025 (three learners, one completed) and its edition 2026 (two learners,
    one completed, trained by someone else), plus another course with one learner."""
    gmina_a, _school, gmina_b = units
    old_trainer = UserFactory(last_name="Trener-2025", roles=[Role.TRAINER])
    new_trainer = UserFactory(last_name="Trener-2026", roles=[Role.TRAINER])
    old = factories.course(title="Prawo pobytu", lessons=1, quiz=False)
    old.edition_label = "2025"
    old.trainers.set([old_trainer])
    old.save_revision().publish()
    old = CoursePage.objects.get(pk=old.pk)
    new = publish_tree(editions.create_edition(course=old, label="2026", user=admin_user))
    new.trainers.set([new_trainer])
    new.save_revision().publish()
    other = factories.course(title="Inny kurs", lessons=1, quiz=False)
    learners = [
        UserFactory(unit=gmina_a if n % 2 else gmina_b, roles=[Role.LEARNER]) for n in range(6)
    ]
    enrol(old, learners[:3], completed=1)
    enrol(new, learners[3:5], completed=1)
    enrol(other, learners[5:])
    return {
        "old": old,
        "new": new,
        "other": other,
        "old_trainer": old_trainer,
        "new_trainer": new_trainer,
    }


def rows(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.context["object_list"]


def test_the_summary_shows_each_edition_or_the_course_with_all_its_editions(admin_client, lineage):
    apart = {row["label"]: row for row in rows(admin_client, SUMMARY)}
    merged = {row["label"]: row for row in rows(admin_client, SUMMARY, editions="on")}

    assert (
        apart["Prawo pobytu (edycja 2025)"]["enrolled"],
        apart["Prawo pobytu (edycja 2025)"]["completed"],
    ) == (3, 1)
    assert (
        apart["Prawo pobytu (edycja 2026)"]["enrolled"],
        apart["Prawo pobytu (edycja 2026)"]["completed"],
    ) == (2, 1)
    whole = merged["Prawo pobytu (wszystkie edycje)"]
    for key in ("enrolled", "in_progress", "completed"):
        assert whole[key] == (
            apart["Prawo pobytu (edycja 2025)"][key] + apart["Prawo pobytu (edycja 2026)"][key]
        )
    assert whole["completion_rate"] == 40  # 2 of 5
    assert merged["Inny kurs"] == apart["Inny kurs"]
    assert len(merged) == 2
    assert sum(row["enrolled"] for row in merged.values()) == sum(
        row["enrolled"] for row in apart.values()
    )


def test_the_summary_export_has_the_merged_rows(admin_client, lineage):
    response = admin_client.get(SUMMARY, {"editions": "on", "export": "csv"})

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert table[0][:2] == ["Kurs", "Zapisani"]
    assert table[1][:4] == ["Prawo pobytu (wszystkie edycje)", "5", "3", "2"]


def test_the_course_filter_selects_one_edition_or_the_whole_course(admin_client, lineage):
    old, new = lineage["old"], lineage["new"]

    one = rows(admin_client, COMPLETION, course=old.pk)
    whole = rows(admin_client, COMPLETION, course=old.pk, editions="on")
    from_new = rows(admin_client, COMPLETION, course=new.pk, editions="on")
    page = admin_client.get(COMPLETION).content.decode()

    assert {e.course_id for e in one} == {old.pk}
    assert len(one) == 3
    assert {e.course_id for e in whole} == {old.pk, new.pk}
    assert len(whole) == 5
    assert {e.pk for e in from_new} == {e.pk for e in whole}
    assert "Łącz edycje kursu" in page
    assert "Prawo pobytu (edycja 2026)" in page  # the course column and the filter's choices


def test_the_csv_and_the_export_job_read_the_same_merged_rows(admin_client, admin_user, lineage):
    old = lineage["old"]
    query = f"course={old.pk}&editions=on"

    response = admin_client.get(f"{COMPLETION}?{query}&export=csv")
    job_rows = completion_enrolments(user=admin_user, query=query)

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    header, body = table[0], table[1:]
    assert header[5:7] == ["Kurs", "Edycja"]
    assert sorted(row[6] for row in body) == ["2025", "2025", "2025", "2026", "2026"]
    assert job_rows.count() == 5


def test_merging_editions_keeps_the_trainers_scope(lineage):
    old, new = lineage["old"], lineage["new"]
    new_trainer = client_of(lineage["new_trainer"])
    old_trainer = client_of(lineage["old_trainer"])

    whole_for_new = rows(new_trainer, COMPLETION, course=new.pk, editions="on")
    summary_for_new = rows(new_trainer, SUMMARY, editions="on")
    whole_for_old = rows(old_trainer, COMPLETION, course=old.pk, editions="on")

    assert {e.course_id for e in whole_for_new} == {new.pk}
    assert [(row["label"], row["enrolled"]) for row in summary_for_new] == [
        ("Prawo pobytu (wszystkie edycje)", 2)
    ]
    assert {e.course_id for e in whole_for_old} == {old.pk}
    # A course outside the trainer's scope is not even a valid choice: the filter is ignored
    # and the rows stay the trainer's own.
    refused = rows(new_trainer, COMPLETION, course=old.pk, editions="on")
    assert {e.course_id for e in refused} == {new.pk}


def test_merging_editions_keeps_the_coordinators_scope(coordinator_a, lineage):
    gmina_a = coordinator_a.coordinated_units.get()
    old = lineage["old"]

    whole = rows(client_of(coordinator_a), COMPLETION, course=old.pk, editions="on")
    summary = rows(client_of(coordinator_a), SUMMARY, editions="on")

    assert whole
    assert all(e.user.unit_id == gmina_a.pk for e in whole)
    expected = Enrolment.objects.filter(user__unit=gmina_a, course__in=[old, lineage["new"]])
    assert len(whole) == expected.count()
    merged = {row["label"]: row["enrolled"] for row in summary}
    assert merged["Prawo pobytu (wszystkie edycje)"] == expected.count()
