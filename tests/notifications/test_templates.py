"""E-mail texts administrators edit in the Wagtail admin, and the file templates behind them."""

from http import HTTPStatus

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from lms.mail import render_email
from lms.notifications import kinds
from lms.notifications.kinds import KINDS, EmailKind
from lms.notifications.models import EmailTemplate
from lms.users import services as user_services
from tests import factories
from tests.factories import UserFactory
from tests.notifications.conftest import edit_url, post, shipped

pytestmark = pytest.mark.django_db

ASSIGNED_BODY = (
    "Witaj {name}!\n\nMasz nowe szkolenie: {course}.\nDo kiedy: {deadline}\n\nZacznij tutaj: {link}"
)


def test_every_kind_ships_switched_off_so_the_file_templates_are_sent():
    assert sorted(EmailTemplate.objects.values_list("kind", flat=True)) == sorted(KINDS)
    assert not EmailTemplate.objects.filter(is_active=True).exists()


def test_apps_register_their_kinds_and_a_taken_name_is_refused():
    listed = {name: str(label) for name, label in kinds.choices()}

    assert listed["course_assigned"] == "Przypisanie szkolenia"
    assert listed["event_waiting"] == "Wydarzenie: lista rezerwowa"  # registered by events
    assert listed["survey_invitation"] == "Zaproszenie do oceny szkolenia"  # by evaluation
    kinds.register_kind("invitation", KINDS["invitation"])  # a second ready(): nothing changes
    with pytest.raises(ImproperlyConfigured):
        kinds.register_kind("invitation", KINDS["course_assigned"])


def test_a_data_migration_ships_the_kinds_it_names_switched_off():
    EmailTemplate.objects.filter(kind="survey_invitation").delete()
    edited = shipped(EmailKind.INVITATION)
    edited.subject = "Zaproszenie"
    edited.save()

    kinds.create_default_templates(django_apps, ["survey_invitation", EmailKind.INVITATION])

    created = shipped("survey_invitation")
    assert (created.subject, created.is_active) == ("Oceń szkolenie „{title}”", False)
    assert shipped(EmailKind.INVITATION).subject == "Zaproszenie"  # left alone


def test_an_administrators_edit_changes_the_next_email(admin_client, course, assign, settings):
    template = shipped(EmailKind.COURSE_ASSIGNED)

    response = post(
        admin_client,
        template,
        subject="Nowe szkolenie: {course}",
        body=ASSIGNED_BODY,
        is_active="on",
    )

    assert response.status_code == HTTPStatus.FOUND
    person = UserFactory(first_name="Ewa")
    assign([person], course)
    [message] = mail.outbox
    link = settings.SITE_URL + course.get_url_parts()[2]
    assert message.subject == "Nowe szkolenie: Prawo <pobytowe> & praktyka"
    assert message.body.startswith(
        f"Witaj Ewa!\n\nMasz nowe szkolenie: Prawo <pobytowe> & praktyka.\n\nZacznij tutaj: {link}"
    )  # no deadline: its line is left out
    assert message.body.endswith(f"-- \n{settings.WAGTAIL_SITE_NAME}\n{settings.SITE_URL}\n")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<p>Masz nowe szkolenie: Prawo &lt;pobytowe&gt; &amp; praktyka.</p>" in html
    assert f'Zacznij tutaj: <a href="{link}">{link}</a>' in html
    assert "Do kiedy" not in html
    assert settings.WAGTAIL_SITE_NAME in html  # the platform's layout (base_body.html)


def test_values_with_markup_are_escaped_and_the_administrators_text_too():
    template = shipped(EmailKind.COURSE_ASSIGNED)
    template.body = "<b>Uwaga</b> {name}\n{link}"
    template.is_active = True
    template.save()
    person = UserFactory(first_name='<img src="x">')
    course = factories.course(title="Kurs", quiz=False, lessons=1)

    subject, text, html = render_email(
        template="course_assigned",
        context={"user": person, "course": course, "course_url": "https://ck.example/kurs/"},
    )

    assert text.startswith('<b>Uwaga</b> <img src="x">\nhttps://ck.example/kurs/')
    assert "&lt;b&gt;Uwaga&lt;/b&gt; &lt;img src=&quot;x&quot;&gt;<br>" in html
    assert "<img" not in html


def test_an_unknown_placeholder_is_refused_in_polish_and_nothing_changes(admin_client):
    template = shipped(EmailKind.COURSE_ASSIGNED)
    before = (template.subject, template.body, template.is_active)

    response = post(
        admin_client,
        template,
        subject="Szkolenie {kurs}",
        body="Dzień dobry, {imie}!\n{link}",
        is_active="on",
    )

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert (
        "Nieznane pola: {kurs}. Dozwolone pola to: {name}, {course}, {deadline}, {link}." in content
    )
    assert "Nieznane pola: {imie}." in content
    template.refresh_from_db()
    assert (template.subject, template.body, template.is_active) == before


def test_a_body_without_the_link_is_refused(admin_client):
    template = shipped(EmailKind.INVITATION)

    response = post(admin_client, template, body="Dzień dobry, {name}!", is_active="on")

    assert response.status_code == HTTPStatus.OK
    assert "Treść musi zawierać pole {link}" in response.content.decode()


def test_a_second_template_of_the_same_kind_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_notifications_emailtemplate:add"),
        {
            "kind": EmailKind.INVITATION,
            "subject": "Zaproszenie",
            "body": "{link}",
            "is_active": "on",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "Szablon tej wiadomości już istnieje" in response.content.decode()


def test_a_switched_off_template_falls_back_to_the_file_template(course, assign):
    template = shipped(EmailKind.COURSE_ASSIGNED)
    template.subject = "Zmieniony temat {course}"
    template.is_active = True
    template.save()
    assign([UserFactory()], course)
    assert mail.outbox[0].subject.startswith("Zmieniony temat")
    mail.outbox.clear()

    template.is_active = False
    template.save()
    assign([UserFactory()], course)

    [message] = mail.outbox
    assert message.subject == "Przypisano Ci szkolenie „Prawo <pobytowe> & praktyka”"
    [(html, _mimetype)] = message.alternatives
    assert "Przejdź do szkolenia" in html  # the file template's button


def test_the_invitation_uses_the_edited_template(django_capture_on_commit_callbacks):
    template = shipped(EmailKind.INVITATION)
    template.subject = "Zapraszamy, {name}"
    template.body = "Konto czeka.\nUstaw hasło: {link}\nLink ważny {days} dni."
    template.is_active = True
    template.save()

    with django_capture_on_commit_callbacks(execute=True):
        user_services.invite_user(email="nowa.osoba@gmina.example", first_name="Ola")

    [message] = mail.outbox
    assert message.subject == "Zapraszamy, Ola"
    assert "/konto/zaproszenie/" in message.body
    assert "Link ważny 14 dni." in message.body


def test_the_preview_shows_the_email_with_sample_values():
    template = shipped(EmailKind.COURSE_REMINDER)
    request = RequestFactory().get("/")

    html = template.serve_preview(request, "").content.decode()
    text = template.serve_preview(request, "text").content.decode()

    assert "Przypomnienie: szkolenie „Obsługa cudzoziemców w urzędzie” czeka na Ciebie" in html
    assert "Termin już minął" in html
    assert "/szkolenia/obsluga-cudzoziemcow-w-urzedzie/</a>" in html
    assert "Od 9 dni nie zaglądasz" in text


def test_the_edit_view_lists_the_placeholders_of_the_kind(admin_client):
    response = admin_client.get(edit_url(shipped(EmailKind.CERTIFICATE_ISSUED)))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "{verify_link}" in content
    assert "publiczny odnośnik do sprawdzenia autentyczności" in content
    assert "odnośnik do strony szkolenia" not in content  # another kind's placeholder


def test_the_wagtail_preview_renders_the_unsaved_text(admin_client):
    template = shipped(EmailKind.COURSE_ASSIGNED)
    url = reverse("wagtailsnippets_notifications_emailtemplate:preview_on_edit", args=[template.pk])
    data = {"kind": template.kind, "subject": "Podgląd: {course}", "body": "Hej {name}!\n{link}"}

    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url)

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Podgląd: Obsługa cudzoziemców w urzędzie" in content
    assert "Hej Anna!" in content
    template.refresh_from_db()
    assert template.subject != "Podgląd: {course}"
