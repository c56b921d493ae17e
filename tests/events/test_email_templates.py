"""The event notices as administrators reword them (Settings → Szablony e-maili), and the shared
file templates sent while they do not."""

from datetime import datetime, time, timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events import emails, services
from events.models import Registration
from lms.notifications.kinds import KINDS
from tests import factories
from tests.events.conftest import calendar_of
from tests.notifications.conftest import activate, edit_url, post, preview, shipped

pytestmark = pytest.mark.django_db

REGISTERED = emails.template_name(emails.REGISTERED)
WAITING = emails.template_name(emails.WAITING)

REGISTERED_BODY = (
    "Witaj {name}!\n\n"
    "Masz miejsce na „{event}”, {date} ({place}).\n"
    "Dołącz: {online_link}\n"
    "Rezygnacja do: {cancel_until}\n\n"
    "Szczegóły: {link}\n"
    "Wszystkie Twoje wydarzenia: {my_events}"
)


@pytest.fixture
def webinar(db):
    """An online event with one place from 10:00 to 14:00 in ten days, whose title needs escaping
    in HTML."""
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=10), time(10))
    )
    return factories.event(
        title="Webinarium <prawo> & praktyka",
        kind="webinar",
        venue="",
        online_url="https://spotkania.example/webinarium",
        capacity=1,
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
    )


def test_an_administrators_confirmation_is_sent_with_the_calendar_invitation(webinar, people, sent):
    activate(REGISTERED, subject="Masz miejsce: {event}", body=REGISTERED_BODY)
    anna = people[0]

    _registration, [message] = sent(lambda: services.register(event=webinar, user=anna))

    assert message.to == [anna.email]
    assert message.subject == "Masz miejsce: Webinarium <prawo> & praktyka"
    starts = timezone.localtime(webinar.starts_at)
    event_url = settings.SITE_URL + webinar.get_url_parts()[2]
    mine_url = settings.SITE_URL + reverse("events:mine")
    assert message.body.startswith(
        "Witaj Anna!\n\n"
        "Masz miejsce na „Webinarium <prawo> & praktyka”, "
        f"{date_format(starts, 'l, j E Y')}, 10:00 – 14:00 (online).\n"
        "Dołącz: https://spotkania.example/webinarium\n"
        f"Rezygnacja do: {date_format(starts, 'j E Y')}, 10:00\n\n"
        f"Szczegóły: {event_url}\n"
        f"Wszystkie Twoje wydarzenia: {mine_url}\n\n-- \n"
    )
    [(html, _mimetype)] = message.alternatives
    assert "Webinarium &lt;prawo&gt; &amp; praktyka" in html
    assert f'Szczegóły: <a href="{event_url}">{event_url}</a>' in html
    invitation = calendar_of(message)  # the .ics is attached as before
    assert invitation["METHOD"] == "PUBLISH"
    assert invitation.walk("VEVENT")[0]["SUMMARY"] == webinar.title


def test_lines_of_empty_optional_placeholders_are_left_out(people, sent):
    """No online link at a venue, no cancellation once its deadline has passed."""
    event = factories.event(cancellation_deadline=timezone.now() - timedelta(minutes=1))
    activate(REGISTERED, subject="Masz miejsce: {event}", body=REGISTERED_BODY)

    _registration, [message] = sent(lambda: services.register(event=event, user=people[0]))

    assert f"({event.venue}).\n\nSzczegóły: " in message.body
    assert "Dołącz" not in message.body
    assert "Rezygnacja do" not in message.body


def test_an_administrators_waiting_list_notice_gives_the_position(webinar, people, sent):
    activate(
        WAITING,
        subject="Czekasz w kolejce: {event}",
        body="{name}, jesteś {position}. w kolejce na „{event}”.\n{link}",
    )
    services.register(event=webinar, user=people[0])
    services.register(event=webinar, user=people[1])

    registration, [message] = sent(lambda: services.register(event=webinar, user=people[2]))

    assert registration.status == Registration.Status.WAITING
    assert message.subject == "Czekasz w kolejce: Webinarium <prawo> & praktyka"
    assert message.body.startswith(
        "Celina, jesteś 2. w kolejce na „Webinarium <prawo> & praktyka”."
    )
    assert "spotkania.example" not in message.body
    assert message.attachments == []


def test_a_switched_off_template_falls_back_to_the_file_texts(event, people, sent):
    for kind in (REGISTERED, WAITING):
        template = shipped(kind)
        template.subject = "Zmieniony temat {event}"
        template.save()
    services.register(event=event, user=people[0])

    _registration, [confirmed] = sent(lambda: services.register(event=event, user=people[1]))
    _registration, [waiting] = sent(lambda: services.register(event=event, user=people[2]))

    assert confirmed.subject == f"Potwierdzenie zapisu: {event.title}"
    [(html, _mimetype)] = confirmed.alternatives
    assert "Strona wydarzenia</a>" in html  # the file template's button
    calendar_of(confirmed)
    assert waiting.subject == f"Lista rezerwowa: {event.title}"
    assert "pozycja 1" in waiting.body


def test_the_shipped_wording_says_what_the_file_templates_say(event, people, sent):
    """Turning the shipped templates on changes nothing in the text the recipient reads."""
    services.register(event=event, user=people[0])
    _registration, [file_registered] = sent(lambda: services.register(event=event, user=people[1]))
    _registration, [file_waiting] = sent(lambda: services.register(event=event, user=people[2]))
    Registration.objects.filter(user__in=people[1:3]).delete()
    for kind in (REGISTERED, WAITING):
        template = shipped(kind)
        template.is_active = True
        template.save()

    _registration, [registered] = sent(lambda: services.register(event=event, user=people[1]))
    _registration, [waiting] = sent(lambda: services.register(event=event, user=people[2]))

    assert "Jeśli nie możesz przyjść, zrezygnuj do" in registered.body
    for edited, file_version in ((registered, file_registered), (waiting, file_waiting)):
        assert edited.subject == file_version.subject
        assert edited.body.strip() == file_version.body.strip()


def test_every_notice_is_an_editable_kind_shipped_switched_off():
    names = [emails.template_name(notice) for notice in emails.NOTICES]

    assert set(names) <= set(KINDS)
    for name in names:
        template = shipped(name)
        assert not template.is_active
        assert template.body == str(KINDS[name].default_body)
        template.full_clean()  # the shipped wording passes its own validation


def test_a_placeholder_of_another_notice_is_refused_in_polish(admin_client):
    template = shipped(WAITING)
    before = (template.subject, template.body, template.is_active)

    response = post(
        admin_client,
        template,
        body="Link do spotkania: {online_link}\n{link}",
        is_active="on",
    )

    assert response.status_code == HTTPStatus.OK
    assert (
        "Nieznane pola: {online_link}. Dozwolone pola to: {name}, {event}, {date}, {place}, "
        "{position}, {link}, {my_events}." in response.content.decode()
    )
    template.refresh_from_db()
    assert (template.subject, template.body, template.is_active) == before


def test_a_notice_without_the_link_is_refused(admin_client):
    response = post(admin_client, shipped(REGISTERED), body="Do zobaczenia, {name}!")

    assert response.status_code == HTTPStatus.OK
    assert "Treść musi zawierać pole {link}" in response.content.decode()


def test_the_edit_view_lists_the_notices_placeholders(admin_client):
    response = admin_client.get(edit_url(shipped(WAITING)))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "{position}" in content
    assert "pozycja odbiorcy na liście rezerwowej" in content
    assert "{online_link}" not in content  # only the notices to people with a place have it


def test_the_list_names_the_notices(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_notifications_emailtemplate:list"))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Wydarzenie: potwierdzenie zapisu" in content
    assert "Wydarzenie: lista rezerwowa" in content


def test_the_preview_shows_a_notice_with_sample_values(admin_client):
    response = preview(admin_client, shipped(REGISTERED))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Potwierdzenie zapisu: Warsztaty: legalizacja pobytu w praktyce" in content
    assert "Starostwo Powiatowe w Kartuzach" in content
    assert "https://spotkania.example/warsztaty-legalizacja</a>" in content
    assert f"{settings.SITE_URL}/moje-wydarzenia/</a>" in content

    response = preview(admin_client, shipped(WAITING))

    assert response.status_code == HTTPStatus.OK
    assert "(pozycja 3)" in response.content.decode()
