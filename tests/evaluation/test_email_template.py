"""The survey invitation as administrators reword it (Settings → Szablony e-maili), and the file
template sent while they do not."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.core import mail

from evaluation import emails, services
from evaluation.models import SurveyInvitation
from tests import factories
from tests.notifications.conftest import activate, edit_url, post, preview, shipped

pytestmark = pytest.mark.django_db


@pytest.fixture
def emailed(user, short_course, survey, django_capture_on_commit_callbacks):
    """E-mail `user` the invitation to evaluate `short_course` (completed); the e-mail sent."""
    factories.complete_course(user, short_course)
    invitation = SurveyInvitation.objects.get(user=user, page_id=short_course.pk)

    def emailed():
        SurveyInvitation.objects.filter(pk=invitation.pk).update(emailed_at=None)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.email_invitation(invitation_id=invitation.pk) == 1
        [message] = mail.outbox
        return message

    return emailed


def test_an_administrators_invitation_is_sent(emailed, user, short_course):
    activate(
        emails.TEMPLATE,
        subject="{name}, jak było na „{title}”?",
        body="Prosimy o opinię o szkoleniu „{title}”.\n\nAnkieta (3 minuty): {link}",
    )

    message = emailed()

    link = f"{settings.SITE_URL}/ankiety/{short_course.pk}/"
    assert message.to == [user.email]
    assert message.subject == f"{user.first_name}, jak było na „Obsługa cudzoziemców w urzędzie”?"
    assert message.body.startswith(
        f"Prosimy o opinię o szkoleniu „Obsługa cudzoziemców w urzędzie”.\n\n"
        f"Ankieta (3 minuty): {link}\n\n-- \n"
    )
    [(html, _mimetype)] = message.alternatives
    assert f'Ankieta (3 minuty): <a href="{link}">{link}</a>' in html


def test_a_switched_off_template_falls_back_to_the_file_text(emailed):
    template = shipped(emails.TEMPLATE)
    template.subject = "Zmieniony temat {title}"
    template.save()

    message = emailed()

    assert message.subject == "Oceń szkolenie „Obsługa cudzoziemców w urzędzie”"
    [(html, _mimetype)] = message.alternatives
    assert "Oceń szkolenie</a>" in html  # the file template's button


def test_the_shipped_wording_says_what_the_file_template_says(emailed):
    """Turning the shipped template on changes nothing in the text the recipient reads."""
    file_version = emailed()
    template = shipped(emails.TEMPLATE)
    template.is_active = True
    template.save()

    edited = emailed()

    assert edited.subject == file_version.subject
    assert edited.body.strip() == file_version.body.strip()


def test_an_unknown_placeholder_or_a_missing_link_is_refused_in_polish(admin_client):
    template = shipped(emails.TEMPLATE)

    unknown = post(admin_client, template, subject="Oceń {course}", is_active="on")
    no_link = post(admin_client, template, body="Dzień dobry, {name}!", is_active="on")

    assert unknown.status_code == no_link.status_code == HTTPStatus.OK
    assert (
        "Nieznane pola: {course}. Dozwolone pola to: {name}, {title}, {link}."
        in unknown.content.decode()
    )
    assert "Treść musi zawierać pole {link}" in no_link.content.decode()
    template.refresh_from_db()
    assert not template.is_active


def test_the_edit_view_and_the_preview_show_the_invitation(admin_client):
    template = shipped(emails.TEMPLATE)

    page = admin_client.get(edit_url(template))
    response = preview(admin_client, template)

    assert page.status_code == HTTPStatus.OK
    assert "tytuł ocenianego szkolenia lub wydarzenia" in page.content.decode()
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Oceń szkolenie „Obsługa cudzoziemców w urzędzie”" in content
    assert "Dzień dobry, Anna!" in content
    assert f"{settings.SITE_URL}/ankiety/42/</a>" in content
