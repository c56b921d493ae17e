"""The learner's side: who is asked to evaluate what, the e-mail, the form (in Polish), the answer
stored once and without the person."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from evaluation import receivers, services
from evaluation.forms import field_name
from evaluation.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyPage,
    SurveyResponse,
)
from evaluation.tasks import email_survey_invitations
from lms.users.roles import Role
from tests import factories
from tests.evaluation.conftest import filled_form, questions_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def survey_url(page):
    return reverse("evaluation:survey", args=[page.pk])


def test_completing_a_course_invites_once_and_emails_a_link_half_an_hour_later(
    user, short_course, survey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.complete_course(user, short_course)

    invitation = SurveyInvitation.objects.get(user=user)
    assert (invitation.page_id, invitation.survey, invitation.answered_on) == (
        short_course.pk,
        survey,
        None,
    )
    assert invitation.unit == user.unit
    assert invitation.county.name == "Powiat gdański"
    # Not together with the certificate: the page's prompt comes first.
    assert not [m for m in mail.outbox if m.subject.startswith("Oceń szkolenie")]
    assert email_survey_invitations() == 0

    half_an_hour_ago(invitation)
    with django_capture_on_commit_callbacks(execute=True):
        assert email_survey_invitations() == 1
    [message] = [m for m in mail.outbox if m.subject.startswith("Oceń szkolenie")]
    assert message.to == [user.email]
    assert message.subject == "Oceń szkolenie „Obsługa cudzoziemców w urzędzie”"
    assert f"{settings.SITE_URL}/ankiety/{short_course.pk}/" in message.body

    # Whatever asks again (an event's attendance, the next beat) changes nothing.
    receivers.invite(user, short_course)
    with django_capture_on_commit_callbacks(execute=True):
        assert email_survey_invitations() == 0
    assert services.email_invitation(invitation_id=invitation.pk) == 0
    assert SurveyInvitation.objects.count() == 1


def half_an_hour_ago(invitation):
    SurveyInvitation.objects.filter(pk=invitation.pk).update(
        invited_at=timezone.now() - timezone.timedelta(minutes=31)
    )


def test_whoever_answered_from_the_page_gets_no_email(user, short_course, survey):
    factories.complete_course(user, short_course)
    invitation = SurveyInvitation.objects.get(user=user)
    services.submit_response(invitation=invitation, answers=[])
    half_an_hour_ago(invitation)

    assert services.due_invitation_ids() == []


def test_a_page_named_by_a_survey_uses_it_instead_of_the_default(user, short_course, survey):
    own = Survey.objects.create(
        name="Ankieta po warsztatach",
        questions=[("open_text", {"question": "Co zapamiętasz?", "required": True})],
    )
    SurveyPage.objects.create(survey=own, page=short_course)

    factories.complete_course(user, short_course)

    assert SurveyInvitation.objects.get(user=user).survey == own


def test_the_invited_learner_sees_the_prompt_and_the_form_others_get_404(
    client, user, short_course, survey
):
    factories.complete_course(user, short_course)
    client.force_login(user)

    dashboard = client.get(reverse("dashboard")).content.decode()
    course_page = client.get(short_course.url).content.decode()
    form = client.get(survey_url(short_course))

    assert f'href="{survey_url(short_course)}"' in dashboard
    assert "Oceń szkolenie" in course_page
    assert form.status_code == HTTPStatus.OK
    assert "Jak ogólnie oceniasz szkolenie?" in form.content.decode()

    client.force_login(UserFactory(roles=[Role.LEARNER]))
    assert client.get(survey_url(short_course)).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    assert client.get(survey_url(short_course)).status_code == HTTPStatus.FOUND


def test_a_confirmed_attendance_at_an_event_invites_to_evaluate_it(
    client, user, survey, django_capture_on_commit_callbacks
):
    """The events app's check-in (a trainer's tick here) asks the participant about the event:
    the prompt shows on the event page and the survey opens for them."""
    from events import services as event_services

    event = factories.event(title="Panel w Pruszczu", starts_in=-timedelta(hours=1))
    event_services.register(
        event=event, user=user, notify=False, now=event.starts_at - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        event_services.confirm_attendance(event=event, user=user, method="list")
    client.force_login(user)

    assert SurveyInvitation.objects.filter(user=user, page=event).count() == 1
    assert f'href="{survey_url(event)}"' in client.get(event.url).content.decode()
    assert client.get(survey_url(event)).status_code == HTTPStatus.OK


def test_an_incomplete_form_is_refused_in_polish_and_nothing_is_stored(
    client, user, short_course, survey
):
    factories.complete_course(user, short_course)
    client.force_login(user)
    data = filled_form(survey)
    required = [child for child in survey.questions if child.value["required"]]
    for child in required:
        del data[field_name(child.id)]
    likert, *_ = questions_of(survey, "likert")
    choice, *_ = questions_of(survey, "single_choice")
    opened, *_ = questions_of(survey, "open_text")
    data[field_name(likert.id)] = "7"
    data[field_name(choice.id)] = "coś spoza listy"
    data[field_name(opened.id)] = "x" * 2001

    response = client.post(survey_url(short_course), data)

    page = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Popraw zaznaczone pytania i wyślij ankietę ponownie." in page
    assert page.count("Odpowiedz na to pytanie.") == len(required) - 2
    assert page.count("Wybierz jedną z podanych odpowiedzi.") == 2
    assert "Odpowiedź jest za długa (najwyżej 2000 znaków)." in page
    assert SurveyResponse.objects.count() == 0
    assert SurveyInvitation.objects.get(user=user).answered_on is None


def test_an_answer_is_stored_without_the_person_and_a_second_one_is_refused(
    client, user, short_course, survey
):
    factories.complete_course(user, short_course)
    client.force_login(user)

    response = client.post(survey_url(short_course), filled_form(survey, rating=5), follow=True)

    assert response.redirect_chain[-1][0] == short_course.url
    assert "Dziękujemy za ocenę szkolenia!" in response.content.decode()
    invitation = SurveyInvitation.objects.get(user=user)
    assert invitation.answered_on == timezone.localdate()
    stored = SurveyResponse.objects.get()
    assert (stored.page_id, stored.survey, stored.survey_version) == (short_course.pk, survey, 1)
    assert (stored.unit, stored.county, stored.unit_type) == (
        user.unit,
        invitation.county,
        user.unit.unit_type,
    )
    likert = questions_of(survey, "likert")
    assert SurveyAnswer.objects.filter(value=5).count() == len(likert)
    assert "Oceń szkolenie" not in client.get(reverse("dashboard")).content.decode()

    again = client.post(survey_url(short_course), filled_form(survey, rating=1), follow=True)

    assert "Ta ankieta została już wypełniona. Dziękujemy!" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert not SurveyAnswer.objects.filter(value=1).exists()
    with pytest.raises(services.SurveyError):
        services.submit_response(invitation=invitation, answers=[])


def test_responses_hold_no_link_to_people_and_no_time():
    """The schema itself: no foreign key to users, no date or time, random ids (a sequence would
    give the order of answering)."""
    from django.contrib.auth import get_user_model
    from django.db import models

    for model in (SurveyResponse, SurveyAnswer):
        fields = model._meta.get_fields()
        targets = {f.related_model for f in fields if f.is_relation}
        assert get_user_model() not in targets
        assert not [f for f in fields if isinstance(f, models.DateField | models.DateTimeField)]
        assert isinstance(model._meta.pk, models.UUIDField)
    assert SurveyInvitation._meta.get_field("answered_on").get_internal_type() == "DateField"


def test_the_personal_data_export_names_invitations_and_erasure_removes_them(
    user, short_course, survey
):
    from lms.users import services as user_services

    factories.complete_course(user, short_course)
    invitation = SurveyInvitation.objects.get(user=user)
    services.submit_response(invitation=invitation, answers=[])

    exported = user_services.export_personal_data(user=user)

    [entry] = exported["survey_invitations"]
    assert entry["page"] == short_course.title
    assert entry["answered_on"] == timezone.localdate().isoformat()
    user_services.anonymise_user(user=user)
    assert not SurveyInvitation.objects.exists()
    assert SurveyResponse.objects.count() == 1
