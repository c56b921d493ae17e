"""Authoring in Wagtail's admin: the owner (a trainer) records a review and submits it; the new
review date takes effect, and clears the flag, once an administrator approves it."""

from http import HTTPStatus

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import ThematicArea
from knowledge.models import ReviewStatus, StandardPage
from knowledge.selectors import standards_due_for_review
from lms.users.roles import Role
from tests.factories import UserFactory


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def standard_form(standard, **extra):
    return nested_form_data(
        {
            "title": standard.title,
            "slug": slugify(standard.title),
            "summary": standard.summary,
            "thematic_area": ThematicArea.objects.get(slug="bezpieczenstwo-i-pomoc-spoleczna").pk,
            "kind": "standard",
            "body": streamfield([("rich_text", rich_text("<p>Treść po przeglądzie.</p>"))]),
            "version": "1.1",
            "last_reviewed_on": timezone.localdate().isoformat(),
            "review_interval_months": "12",
            "responsible": standard.responsible_id,
            **extra,
        }
    )


def test_a_review_submitted_by_the_owner_clears_the_flag_when_approved(standards, trainer):
    overdue = standards["overdue"]
    owner = client_of(trainer)

    response = owner.post(
        reverse("wagtailadmin_pages:edit", args=[overdue.pk]),
        standard_form(overdue, **{"action-submit": "on"}),
    )

    assert response.status_code == HTTPStatus.FOUND
    overdue = StandardPage.objects.get(pk=overdue.pk)
    assert overdue.workflow_in_progress
    assert overdue.review_status == ReviewStatus.OVERDUE  # readers still see the reviewed text
    assert overdue in standards_due_for_review(responsible=trainer)

    administrator = client_of(UserFactory(is_superuser=True, roles=[Role.ADMINISTRATOR]))
    task_state = overdue.current_workflow_task_state
    administrator.post(
        reverse("wagtailadmin_pages:workflow_action", args=[overdue.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    overdue = StandardPage.objects.get(pk=overdue.pk)
    assert overdue.version == "1.1"
    assert overdue.last_reviewed_on == timezone.localdate()
    assert overdue.review_status == ReviewStatus.CURRENT
    assert overdue not in standards_due_for_review(responsible=trainer)
    html = client_of(trainer).get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split("Twoje standardy do przeglądu")[1].split("Po przeglądzie wpisz")[0]
    assert "Cudzoziemiec w przychodni" in panel  # still due soon
    assert "Standard obsługi cudzoziemca w OPS" not in panel


def test_a_trainer_may_not_edit_a_standard_someone_else_keeps(standards):
    stranger = client_of(UserFactory(roles=[Role.TRAINER]))

    response = stranger.get(reverse("wagtailadmin_pages:edit", args=[standards["overdue"].pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"
