"""`make run`'s demo: loading it twice changes nothing, and each role finds its work in it (the
coordinator's report, the trainer's courses, the administrator's survey results, a learner's
survey), with every certificate issued and nothing left to send.

The demo is loaded (twice) once for the module, inside a transaction rolled back at its end; each
test runs in a savepoint inside it, as `tests/search` and the access matrix do."""

import io
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from wagtail.models import Page

from certificates.models import Certificate
from certificates.tasks import reconcile_certificates
from courses.demo import TRAINER_EMAIL
from courses.models import CoursePage, Enrolment, LessonPage
from evaluation.models import SurveyInvitation, SurveyResponse
from events.models import Registration
from lms.celery import app as celery_app
from lms.users.models import User

COUNTED = (Enrolment, Certificate, SurveyInvitation, SurveyResponse, Registration, Page, User)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The row counts after the first and after the second `load_demo`."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    private = tmp_path_factory.mktemp("demo-private")
    cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"demo-{uuid.uuid4().hex}",
        }
    }
    with (
        django_db_blocker.unblock(),
        override_settings(
            CACHES=cache,
            MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media")),
            PRIVATE_MEDIA_ROOT=str(private),
            SENDFILE_ROOT=str(private),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        counts = []
        for _ in range(2):
            # What the commit of `make run`'s load would start (certificates, e-mails), run here.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo", stdout=io.StringIO())
            counts.append([model.objects.count() for model in COUNTED])
        yield counts
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def client_of(demo, db):
    def signed_in(email):
        client = Client()
        client.force_login(User.objects.get(email=email))
        return client

    return signed_in


def test_loading_the_demo_again_changes_nothing(demo):
    first, second = demo

    assert second == first
    assert all(first), dict(zip([model.__name__ for model in COUNTED], first, strict=True))


def test_the_coordinator_finds_the_cohort_in_the_completion_report(client_of):
    client = client_of("koordynator@centrum-kompetencji.example")

    rows = client.get(reverse("reports_completion")).context["object_list"]

    assert {row.report_status for row in rows} >= {"assigned", "in_progress", "completed"}
    assert all(row.county_name == "Powiat gdański" for row in rows)
    assert "Ukończenia szkoleń" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_administrator_sees_survey_results_and_the_learner_a_survey_to_fill(client_of):
    results = client_of("admin@centrum-kompetencji.example").get(reverse("evaluation_results"))

    assert results.context["results"].grouping.shown
    assert results.context["results"].questions[0].chart["bars"]
    dashboard = client_of("kursant@centrum-kompetencji.example").get(reverse("dashboard"))
    assert "Oceń szkolenie" in dashboard.content.decode()


def test_the_trainer_has_a_published_course_and_a_draft_in_moderation(client_of):
    trainer = User.objects.get(email=TRAINER_EMAIL)
    courses = CoursePage.objects.filter(trainers=trainer)

    assert courses.count() == 2
    published = courses.get(live=True)
    draft = courses.get(live=False)
    assert draft.workflow_in_progress
    assert draft.current_workflow_state.requested_by == trainer
    assert not LessonPage.objects.child_of(draft).live().exists()
    assert published.permissions_for_user(trainer).can_edit()
    assert not published.permissions_for_user(trainer).can_publish()
    home = client_of(TRAINER_EMAIL).get(reverse("wagtailadmin_home")).content.decode()
    assert draft.title in home
    assert "w moderacji" in home
    assert "opublikowany" in home
    assert Page.objects.filter(title=draft.title).count() == 1


def test_every_certificate_is_issued_and_reconciliation_finds_nothing_to_send(
    demo, db, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        summary = reconcile_certificates(stale_after_seconds=0)

    assert Certificate.objects.filter(enrolment__completed_at__isnull=False).exists()
    assert summary == {"created": 0, "requeued": 0}
    assert mail.outbox == []
    assert set(Certificate.objects.values_list("status", flat=True)) == {"issued"}
