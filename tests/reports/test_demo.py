"""`make run`'s demo gives the reports something to show, once."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment
from lms.users.models import User

pytestmark = pytest.mark.django_db


def test_demo_cohort_fills_the_coordinators_report_and_loads_once(media):
    call_command("load_demo", stdout=io.StringIO())
    enrolments = Enrolment.objects.count()
    call_command("load_demo", stdout=io.StringIO())

    assert Enrolment.objects.count() == enrolments
    coordinator = User.objects.get(email="koordynator@centrum-kompetencji.example")
    client = Client()
    client.force_login(coordinator)
    rows = client.get(reverse("reports_completion")).context["object_list"]
    statuses = {row.report_status for row in rows}
    assert statuses >= {"assigned", "in_progress", "completed"}
    assert all(row.county_name == "Powiat gdański" for row in rows)
    assert "Ukończenia szkoleń" in client.get(reverse("wagtailadmin_home")).content.decode()
