"""`make run`'s demo gives the reports something to show, once."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment
from evaluation.models import SurveyInvitation, SurveyResponse
from lms.users.models import User

pytestmark = pytest.mark.django_db


def test_demo_cohort_fills_the_coordinators_report_and_loads_once(media):
    call_command("load_demo", stdout=io.StringIO())
    counts = [model.objects.count() for model in (Enrolment, SurveyInvitation, SurveyResponse)]
    call_command("load_demo", stdout=io.StringIO())

    assert [model.objects.count() for model in (Enrolment, SurveyInvitation, SurveyResponse)] == (
        counts
    )
    coordinator = User.objects.get(email="koordynator@centrum-kompetencji.example")
    client = Client()
    client.force_login(coordinator)
    rows = client.get(reverse("reports_completion")).context["object_list"]
    statuses = {row.report_status for row in rows}
    assert statuses >= {"assigned", "in_progress", "completed"}
    assert all(row.county_name == "Powiat gdański" for row in rows)
    assert "Ukończenia szkoleń" in client.get(reverse("wagtailadmin_home")).content.decode()

    # The evaluation (evaluation.demo): survey results with charts for the administrator, a
    # survey waiting for the demo learner.
    client.force_login(User.objects.get(email="admin@centrum-kompetencji.example"))
    results = client.get(reverse("evaluation_results")).context["results"]
    assert results.grouping.shown
    assert results.questions[0].chart["bars"]
    client.force_login(User.objects.get(email="kursant@centrum-kompetencji.example"))
    assert "Oceń szkolenie" in client.get(reverse("dashboard")).content.decode()
