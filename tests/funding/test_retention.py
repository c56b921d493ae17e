"""Participants' data is kept until 31 December of the year `archive_years` after the project's
closure, then deleted by the beat task (logged and written to the audit log)."""

from datetime import date

import pytest
from django.conf import settings

from funding import services
from funding.models import Participant, Project
from funding.tasks import delete_expired_participant_data
from lms.audit.models import AuditEntry, Event
from tests.factories import UserFactory
from tests.funding.conftest import declare, make_project

pytestmark = pytest.mark.django_db


def test_retention_ends_on_31_december_of_the_archive_year():
    project = Project(
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
        closure_date=date(2028, 3, 15),
        archive_years=10,
    )
    assert project.retain_until == date(2038, 12, 31)
    project.closure_date = None
    assert project.retain_until is None


def test_the_beat_task_deletes_only_expired_projects_data(past_dates, caplog):
    expired = make_project(code="EXPIRED/19", archive_years=2, **past_dates)  # until 31.12.2023
    kept = make_project(code="KEPT/19", archive_years=10, **past_dates)  # until 31.12.2031
    open_ended = make_project(  # not closed yet: no deletion date
        code="OPEN/19", **{**past_dates, "closure_date": None}
    )
    people = UserFactory.create_batch(3)
    for project in (expired, kept, open_ended):
        for person in people:
            declare(person, project)

    caplog.set_level("INFO", logger="funding.services")
    deleted = delete_expired_participant_data.delay().get()

    assert deleted == 3
    assert not Participant.objects.filter(project=expired).exists()
    assert Participant.objects.filter(project=kept).count() == 3
    assert Participant.objects.filter(project=open_ended).count() == 3
    expired.refresh_from_db()
    assert expired.data_deleted_at is not None
    assert Project.objects.filter(pk=expired.pk).exists()  # the project and its marks stay
    entry = AuditEntry.objects.get(event=Event.ERASURE)
    assert "EXPIRED/19" in entry.target
    assert "usunięte dane uczestników: 3" in entry.details
    assert "Deleted the data of 3 participants of project EXPIRED/19" in caplog.text
    # A second run finds nothing more to do.
    assert services.delete_expired_participant_data() == 0
    schedule = settings.CELERY_BEAT_SCHEDULE["delete-expired-participant-data"]
    assert schedule["task"] == delete_expired_participant_data.name


def test_the_last_day_of_retention_keeps_the_data(past_dates):
    project = make_project(code="LAST/19", archive_years=2, **past_dates)
    declare(UserFactory(), project)

    assert services.delete_expired_participant_data(today=date(2023, 12, 31)) == 0
    assert services.delete_expired_participant_data(today=date(2024, 1, 1)) == 1
