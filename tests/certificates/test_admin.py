"""The administrators' side of certificates in the Wagtail admin: the scoped list and detail page,
retry / revoke / reissue, templates with the PDF preview, in-person events with their attendance
lists (CSV), the ZIP export and the guard on deleting people who hold certificates."""

import csv
import hashlib
import io
import zipfile
from datetime import timedelta
from http import HTTPStatus

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.admin.admin_url_finder import AdminURLFinder

from certificates.exports import member_name
from certificates.models import (
    Attendance,
    Certificate,
    CertificateSignature,
    CertificateTemplate,
    TrainingEvent,
)
from lms.exports.models import Export
from lms.users.models import User
from lms.users.roles import Role
from tests import factories
from tests.admin_access import assert_sent_to_admin_login
from tests.factories import UserFactory
from tests.factories import completed_certificate as complete

pytestmark = pytest.mark.django_db

SAMPLE_NAME = "Małgorzata Żółkiewska-Ślęzak"
LIST_URL = "certificates_admin:index"
# The list page, whatever the number of rows (session and user come from the cache): Wagtail's
# profile and locale, the count, the failed count, the filters' courses and years, one page of
# rows; a coordinator adds permissions, groups and units for the scope.
# The coordinator's admin menu asks about their role for each report family (evaluation, EU funding,
# knowledge base): 17. What matters is that the count does not grow with the certificates.
MAX_LIST_QUERIES = {"administrator": 10, "coordinator": 17}


@pytest.fixture
def coordinator(units):
    person = UserFactory(roles=[Role.COORDINATOR], unit=units[0])
    person.coordinated_units.add(units[0])
    return person


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def course(db):
    return factories.course(
        title="Obsługa cudzoziemców w urzędzie",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
        certificate_validity_months=24,
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any(
        "Sorry, you do not have permission" in m or "Nie masz uprawnień" in m or "uprawnie" in m
        for m in messages_of(response)
    )


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- The list and the detail page ----------------------------------------------------------------


def test_administrator_lists_certificates_with_their_columns(admin_client, course):
    certificate = complete(UserFactory(first_name="Halina", last_name="Kwiatkowska"), course)

    response = admin_client.get(reverse(LIST_URL))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert certificate.number in page
    assert "Halina Kwiatkowska" in page
    assert "Obsługa cudzoziemców w urzędzie" in page
    assert "w przygotowaniu" in page
    assert reverse("certificates_admin:inspect", args=[certificate.pk]) in page
    # Certificates are made by the platform, never added or edited by hand.
    assert "/zaswiadczenia/new/" not in page
    assert "edit/" not in page


def test_coordinator_sees_only_certificates_of_their_units(coordinator_client, units, course):
    gmina_a, school_a, gmina_b = units
    mine = complete(UserFactory(unit=school_a, last_name="Szkolna"), course)
    theirs = complete(UserFactory(unit=gmina_b, last_name="Cudza"), course)

    listing = coordinator_client.get(reverse(LIST_URL)).content.decode()
    search = coordinator_client.get(reverse(LIST_URL), {"q": theirs.number}).content.decode()
    detail = coordinator_client.get(reverse("certificates_admin:inspect", args=[theirs.pk]))
    own_detail = coordinator_client.get(reverse("certificates_admin:inspect", args=[mine.pk]))

    assert mine.number in listing
    assert theirs.number not in listing
    assert "Cudza" not in listing
    assert reverse("certificates_admin:inspect", args=[theirs.pk]) not in search
    assert detail.status_code == HTTPStatus.NOT_FOUND
    assert own_detail.status_code == HTTPStatus.OK


def test_the_list_exports_to_csv_within_the_same_scope(coordinator_client, units, course):
    gmina_a, school_a, gmina_b = units
    mine = complete(UserFactory(unit=school_a, last_name="Szkolna"), course)
    theirs = complete(UserFactory(unit=gmina_b, last_name="Cudza"), course)

    response = coordinator_client.get(reverse(LIST_URL), {"export": "csv"})

    rows = list(csv.reader(io.StringIO(read(response).decode("utf-8-sig")), delimiter=";"))
    assert response.status_code == HTTPStatus.OK
    assert rows[0][:3] == ["Numer", "Imię i nazwisko", "Tytuł kursu"]
    numbers = {row[0] for row in rows[1:]}
    assert mine.number in numbers
    assert theirs.number not in numbers


def test_learners_and_trainers_cannot_open_the_list(client, course):
    complete(UserFactory(), course)
    url = reverse(LIST_URL)

    client.force_login(UserFactory(roles=[Role.LEARNER]))
    assert_sent_to_admin_login(client.get(url), url)
    client.force_login(UserFactory(roles=[Role.TRAINER]))
    assert_refused(client.get(url))


def test_list_filters_by_status_and_year_and_finds_a_code_however_typed(admin_client, course):
    ok = complete(UserFactory(last_name="Dobra"), course)
    broken = complete(UserFactory(last_name="Zepsuta"), course)
    Certificate.objects.filter(pk=broken.pk).update(status=Certificate.Status.FAILED)

    failed = admin_client.get(reverse(LIST_URL), {"status": "failed"}).content.decode()
    this_year = admin_client.get(reverse(LIST_URL), {"year": ok.year}).content.decode()
    by_code = admin_client.get(
        reverse(LIST_URL), {"q": ok.verification_code.lower().replace("-", "")}
    ).content.decode()
    by_name = admin_client.get(reverse(LIST_URL), {"q": "zepsuta"}).content.decode()

    assert broken.number in failed
    assert ok.number not in failed
    assert ok.number in this_year
    assert broken.number in this_year
    assert ok.number in by_code
    assert broken.number not in by_code
    assert broken.number in by_name
    assert ok.number not in by_name


@pytest.mark.parametrize("who", ["administrator", "coordinator"])
def test_list_query_count_does_not_grow_with_certificates(
    admin_client, coordinator_client, units, course, who, django_assert_max_num_queries
):
    client = admin_client if who == "administrator" else coordinator_client
    for _ in range(3):
        complete(UserFactory(unit=units[1]), course)
    client.get(reverse(LIST_URL))  # warm caches (content types, site)
    with django_assert_max_num_queries(MAX_LIST_QUERIES[who]):
        client.get(reverse(LIST_URL))

    for _ in range(20):
        complete(UserFactory(unit=units[1]), course)
    with django_assert_max_num_queries(MAX_LIST_QUERIES[who]):
        response = client.get(reverse(LIST_URL))
    assert response.content.decode().count('href="/admin/zaswiadczenia/') >= 23


def test_failed_certificates_are_counted_on_the_list_and_the_dashboard(
    admin_client, coordinator_client, course, units
):
    certificate = complete(UserFactory(unit=units[0]), course)
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.FAILED, error="OSError: brak miejsca na dysku"
    )

    listing = admin_client.get(reverse(LIST_URL)).content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    coordinator_dashboard = coordinator_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "1 zaświadczenie nie zostało wystawione z powodu błędu." in listing
    assert "?status=failed" in listing
    assert "Zaświadczenia z błędem" in dashboard
    assert "?status=failed" in dashboard
    assert "Zaświadczenia z błędem" not in coordinator_dashboard


def test_detail_page_shows_the_error_of_a_failed_certificate(admin_client, course):
    certificate = complete(UserFactory(), course)
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.FAILED, error="OSError: brak miejsca na dysku", attempts=5
    )

    page = admin_client.get(
        reverse("certificates_admin:inspect", args=[certificate.pk])
    ).content.decode()

    assert "Wystawianie nie powiodło się." in page
    assert "OSError: brak miejsca na dysku" in page
    assert reverse("certificates:verify", args=[certificate.verification_code]) in page
    assert reverse("certificates_admin:retry", args=[certificate.pk]) in page


def test_detail_page_of_an_issued_certificate_links_the_pdf_and_verification(admin_client, issue):
    certificate = issue(UserFactory(first_name="Jan", last_name="Świątek"))

    page = admin_client.get(
        reverse("certificates_admin:inspect", args=[certificate.pk])
    ).content.decode()
    download = admin_client.get(reverse("certificates:download", args=[certificate.pk]))

    assert certificate.number in page
    assert certificate.verification_code in page
    assert "Jan Świątek" in page
    assert reverse("certificates:download", args=[certificate.pk]) in page
    assert reverse("certificates:verify", args=[certificate.verification_code]) in page
    assert "Unieważnij" in page
    assert "Wystaw ponownie" in page
    assert hashlib.sha256(read(download)).hexdigest() == certificate.sha256


# --- Retry, revoke, reissue ---------------------------------------------------------------------


def test_retrying_a_failed_certificate_issues_it(
    admin_client, course, django_capture_on_commit_callbacks
):
    certificate = complete(UserFactory(), course)
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.FAILED, error="OSError: dysk", attempts=5
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("certificates_admin:retry", args=[certificate.pk]))

    certificate.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("certificates_admin:inspect", args=[certificate.pk])
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.error == ""
    assert certificate.pdf
    assert any("Ponowiono wystawianie zaświadczenia" in m for m in messages_of(response))


def test_actions_need_a_post(admin_client, course):
    certificate = complete(UserFactory(), course)
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.FAILED)

    response = admin_client.get(reverse("certificates_admin:retry", args=[certificate.pk]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.FAILED


def test_actions_check_the_csrf_token(admin_user, course):
    certificate = complete(UserFactory(), course)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)

    response = browser.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "Błąd danych."}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    certificate.refresh_from_db()
    assert certificate.status != Certificate.Status.REVOKED


def test_revoking_needs_a_reason_and_the_verification_page_shows_it_at_once(
    admin_client, admin_user, issue, client
):
    certificate = issue(UserFactory())
    url = reverse("certificates_admin:revoke", args=[certificate.pk])

    form = admin_client.get(url)
    refused = admin_client.post(url, {"reason": "   "})
    certificate.refresh_from_db()
    assert form.status_code == HTTPStatus.OK
    assert "Powód unieważnienia" in form.content.decode()
    assert refused.status_code == HTTPStatus.OK
    assert "Podaj powód unieważnienia." in refused.content.decode()
    assert certificate.status == Certificate.Status.ISSUED

    response = admin_client.post(url, {"reason": "Zaświadczenie wystawiono omyłkowo."})

    certificate.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == admin_user
    assert certificate.revoked_reason == "Zaświadczenie wystawiono omyłkowo."
    assert any("Unieważniono zaświadczenie" in m for m in messages_of(response))
    public = client.get(reverse("certificates:verify", args=[certificate.verification_code]))
    assert "unieważnione" in public.content.decode()
    detail = admin_client.get(response["Location"]).content.decode()
    assert "Zaświadczenie wystawiono omyłkowo." in detail


def test_reissuing_keeps_number_and_code_and_lists_the_previous_version(
    admin_client, issue, django_capture_on_commit_callbacks
):
    certificate = issue(UserFactory(first_name="Ewa", last_name="Nowak"))
    first_digest, number, code = (
        certificate.sha256,
        certificate.number,
        certificate.verification_code,
    )
    certificate.user.last_name = "Nowak-Kowalska"
    certificate.user.save()
    url = reverse("certificates_admin:reissue", args=[certificate.pk])

    confirm = admin_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)

    certificate.refresh_from_db()
    assert confirm.status_code == HTTPStatus.OK
    assert "Tak, wystaw ponownie" in confirm.content.decode()
    assert response.status_code == HTTPStatus.FOUND
    assert certificate.status == Certificate.Status.ISSUED
    assert (certificate.number, certificate.verification_code) == (number, code)
    assert certificate.version == 2
    assert certificate.holder_name == "Ewa Nowak-Kowalska"
    assert certificate.sha256 != first_digest
    assert any("Zlecono ponowne wystawienie" in m for m in messages_of(response))
    detail = admin_client.get(response["Location"]).content.decode()
    previous = reverse("certificates_admin:previous_version", args=[certificate.pk, 1])
    assert "Poprzednie wersje dokumentu" in detail
    assert previous in detail
    assert hashlib.sha256(read(admin_client.get(previous))).hexdigest() == first_digest


@pytest.mark.parametrize("action", ["retry", "revoke", "reissue"])
def test_coordinators_cannot_retry_revoke_or_reissue(coordinator_client, units, course, action):
    certificate = complete(UserFactory(unit=units[0]), course)
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.FAILED)

    response = coordinator_client.post(
        reverse(f"certificates_admin:{action}", args=[certificate.pk]), {"reason": "Nie wolno."}
    )
    detail = coordinator_client.get(
        reverse("certificates_admin:inspect", args=[certificate.pk])
    ).content.decode()

    certificate.refresh_from_db()
    assert_refused(response)
    assert certificate.status == Certificate.Status.FAILED
    assert reverse(f"certificates_admin:{action}", args=[certificate.pk]) not in detail


# --- Templates ------------------------------------------------------------------------------------


def template_data(template=None, **changes):
    template = template or CertificateTemplate(name="Szablon testowy")
    data = {  # str(): an unsaved template's defaults are lazy translations
        "name": str(template.name),
        "heading": str(template.heading),
        "body": str(template.body),
        "orientation": str(template.orientation),
        "accent_colour": str(template.accent_colour),
        "background": "",
    }
    if template.is_default:
        data["is_default"] = "on"
    for relation in ("logos", "signatures"):
        data.update(
            {
                f"{relation}-TOTAL_FORMS": "0",
                f"{relation}-INITIAL_FORMS": "0",
                f"{relation}-MIN_NUM_FORMS": "0",
                f"{relation}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_certificates_{model}:{view}", args=args)


def test_template_preview_in_the_edit_view_returns_the_sample_pdf(admin_client):
    template = CertificateTemplate.default()
    url = snippet_url("certificatetemplate", "preview_on_edit", template.pk)
    data = template_data(template, heading="Zaświadczenie o ukończeniu")
    data.update(
        {
            "signatures-TOTAL_FORMS": "1",
            "signatures-0-name": "Anna Wiśniewska",
            "signatures-0-role": "Dyrektorka Centrum",
            "signatures-0-image": "",
            "signatures-0-id": "",
            "signatures-0-ORDER": "1",
            "signatures-0-DELETE": "",
        }
    )

    edit_page = admin_client.get(snippet_url("certificatetemplate", "edit", template.pk))
    state = admin_client.post(url, data)
    response = admin_client.get(url)

    assert url in edit_page.content.decode()  # the preview panel is offered
    assert state.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert SAMPLE_NAME in text
    assert "Anna Wiśniewska" in text  # the unsaved signature is in the preview
    assert not CertificateSignature.objects.filter(name="Anna Wiśniewska").exists()  # not saved


def test_template_preview_while_adding_a_template(admin_client):
    url = snippet_url("certificatetemplate", "preview_on_add")

    admin_client.post(url, template_data(name="Nowy szablon"))
    response = admin_client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert SAMPLE_NAME in pdf_text(response.content)


def test_unknown_placeholders_get_a_polish_error_listing_the_allowed_ones(admin_client):
    response = admin_client.post(
        snippet_url("certificatetemplate", "add"),
        template_data(name="Z literówką", body="Zaświadcza się, że {imie} ukończył(a) {course}."),
    )

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Nieznane pola: {imie}." in page
    for name in ("name", "course", "hours", "date", "number", "issued", "expires", "place"):
        assert "{" + name + "}" in page
    assert not CertificateTemplate.objects.filter(name="Z literówką").exists()


def test_a_new_default_template_replaces_the_previous_default(admin_client):
    previous = CertificateTemplate.default()
    assert previous.is_default

    response = admin_client.post(
        snippet_url("certificatetemplate", "add"),
        template_data(name="Nowy domyślny", is_default="on", accent_colour="#AA0000"),
    )

    assert response.status_code == HTTPStatus.FOUND
    new = CertificateTemplate.objects.get(name="Nowy domyślny")
    previous.refresh_from_db()
    assert new.is_default
    assert new.accent_colour == "#aa0000"
    assert not previous.is_default
    assert CertificateTemplate.default() == new


# --- In-person events ---------------------------------------------------------------------------


def event_data(course, *, date, attendees=(), place="Gdańsk, ul. Okopowa 21/27"):
    data = {
        "course": course.pk,
        "date": date.isoformat(),
        "place": place,
        "trainer": "",
        "trainer_name": "Dr Anna Lis",
        "attendances-TOTAL_FORMS": str(len(attendees)),
        "attendances-INITIAL_FORMS": "0",
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
    }
    for index, (user, present) in enumerate(attendees):
        data[f"attendances-{index}-user"] = str(user.pk)
        data[f"attendances-{index}-id"] = ""
        data[f"attendances-{index}-DELETE"] = ""
        if present:
            data[f"attendances-{index}-present"] = "on"
    return data


def test_saving_a_past_event_issues_certificates_to_those_present(
    admin_client, course, django_capture_on_commit_callbacks
):
    present, absent = UserFactory(last_name="Obecna"), UserFactory(last_name="Nieobecna")
    yesterday = timezone.localdate() - timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            snippet_url("trainingevent", "add"),
            event_data(course, date=yesterday, attendees=[(present, True), (absent, False)]),
        )

    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    event = TrainingEvent.objects.get()
    assert event.attendances.count() == 2
    certificate = Certificate.objects.get()
    assert certificate.user == present
    assert certificate.attendance.event == event
    assert certificate.place == "Gdańsk, ul. Okopowa 21/27"
    assert certificate.status == Certificate.Status.ISSUED
    assert any("Zlecono wystawienie 1 zaświadczenia." in m for m in messages_of(response))


def test_an_event_editor_cannot_add_people_outside_their_scope_by_posting_ids(
    coordinator, coordinator_client, course, units
):
    """The person chooser lists only the people the editor may see; an id of anyone else typed
    into the form by hand is refused the same way, and nothing is saved."""
    from django.contrib.auth.models import Permission

    coordinator.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_trainingevent", "change_trainingevent"])
    )
    own, other = UserFactory(unit=units[0]), UserFactory(unit=units[2])
    yesterday = timezone.localdate() - timedelta(days=1)

    response = coordinator_client.post(
        snippet_url("trainingevent", "add"),
        event_data(course, date=yesterday, attendees=[(own, True), (other, True)]),
    )

    assert response.status_code == HTTPStatus.OK  # the form again, with the error
    assert TrainingEvent.objects.count() == 0
    assert Certificate.objects.count() == 0
    assert other.email not in response.content.decode()


def test_a_future_event_issues_nothing_yet_and_says_so(admin_client, course):
    response = admin_client.post(
        snippet_url("trainingevent", "add"),
        event_data(
            course,
            date=timezone.localdate() + timedelta(days=7),
            attendees=[(UserFactory(), True)],
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not Certificate.objects.exists()
    assert any("po dacie szkolenia" in m for m in messages_of(response))


def test_attendees_are_picked_with_a_searchable_person_chooser(admin_client, coordinator_client):
    UserFactory(first_name="Bożena", last_name="Chooserowa", email="bozena@gmina.example")
    chooser = reverse("event_person_chooser:choose")

    edit_form = admin_client.get(snippet_url("trainingevent", "add")).content.decode()
    found = admin_client.get(reverse("event_person_chooser:choose_results"), {"q": "chooserowa"})
    refused = coordinator_client.get(chooser)

    assert chooser in edit_form
    assert found.status_code == HTTPStatus.OK
    assert "bozena@gmina.example" in found.content.decode()
    assert_refused(refused)


@pytest.fixture
def event_with_certificate(admin_client, course, django_capture_on_commit_callbacks):
    person = UserFactory(last_name="Zaświadczona")
    yesterday = timezone.localdate() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            snippet_url("trainingevent", "add"),
            event_data(course, date=yesterday, attendees=[(person, True)]),
        )
    event = TrainingEvent.objects.get()
    assert Certificate.objects.filter(attendance__event=event).exists()
    return event


def test_people_with_a_certificate_stay_on_the_attendance_list(
    admin_client, event_with_certificate, course
):
    event = event_with_certificate
    attendance = event.attendances.get()
    data = event_data(course, date=event.date, attendees=[(attendance.user, True)])
    data.update(
        {
            "attendances-INITIAL_FORMS": "1",
            "attendances-0-id": str(attendance.pk),
            "attendances-0-DELETE": "1",
        }
    )

    response = admin_client.post(snippet_url("trainingevent", "edit", event.pk), data)

    assert response.status_code == HTTPStatus.OK
    assert "mają już zaświadczenie za to szkolenie" in response.content.decode()
    assert Attendance.objects.filter(pk=attendance.pk, present=True).exists()


def test_an_event_that_gave_certificates_is_not_deleted(admin_client, event_with_certificate):
    url = snippet_url("trainingevent", "delete", event_with_certificate.pk)

    response = admin_client.post(url)

    assert response.status_code == HTTPStatus.FOUND
    assert TrainingEvent.objects.filter(pk=event_with_certificate.pk).exists()
    assert any("Nie można usunąć szkolenia" in m for m in messages_of(response))


def attendance_file(lines, encoding="cp1250"):
    content = "\r\n".join(lines).encode(encoding)
    return SimpleUploadedFile("lista.csv", content, content_type="text/csv")


@pytest.fixture
def past_event(course):
    return TrainingEvent.objects.create(
        course=course, date=timezone.localdate() - timedelta(days=2), place="Słupsk"
    )


def test_a_bad_attendance_file_changes_nothing_and_names_the_lines(admin_client, past_event):
    UserFactory(email="malgorzata.zolkiewska@gmina.example")
    url = snippet_url("trainingevent", "attendance_upload", past_event.pk)

    response = admin_client.post(
        url,
        {
            "file": attendance_file(
                [
                    "Imię i nazwisko;Adres e-mail",
                    "Małgorzata Żółkiewska-Ślęzak;malgorzata.zolkiewska@gmina.example",
                    "Józef Źdźbło;jozef.zdzblo(at)gmina.example",
                    "Łucja Gęś;nieznana@gmina.example",
                ]
            )
        },
    )

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "nic nie zostało zmienione" in page
    assert "Wiersz 3: „jozef.zdzblo(at)gmina.example” nie jest adresem e-mail." in page
    assert "Wiersz 4: nie ma konta z adresem nieznana@gmina.example." in page
    assert "Wiersz 2" not in page
    assert not Attendance.objects.exists()
    assert not Certificate.objects.exists()


def test_a_good_cp1250_file_marks_everyone_present_and_issues_certificates(
    admin_client, past_event, django_capture_on_commit_callbacks
):
    zofia = UserFactory(
        first_name="Zofia", last_name="Gałązka", email="zofia.galazka@gmina.example"
    )
    lukasz = UserFactory(first_name="Łukasz", last_name="Żuraw", email="lukasz.zuraw@gmina.example")
    Attendance.objects.create(event=past_event, user=lukasz, present=False)
    url = snippet_url("trainingevent", "attendance_upload", past_event.pk)
    lines = [
        "Imię i nazwisko,E-mail",
        "Zofia Gałązka,Zofia.Galazka@gmina.example",
        "",
        "Łukasz Żuraw,lukasz.zuraw@gmina.example",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"file": attendance_file(lines)})
    again = admin_client.post(url, {"file": attendance_file(lines)})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == snippet_url("trainingevent", "edit", past_event.pk)
    assert set(past_event.attendances.values_list("user__email", "present")) == {
        (zofia.email, True),
        (lukasz.email, True),
    }
    certificates = Certificate.objects.filter(attendance__event=past_event)
    assert {c.user for c in certificates} == {zofia, lukasz}
    assert all(c.status == Certificate.Status.ISSUED for c in certificates)
    assert any("Nowi uczestnicy: 1, oznaczeni jako obecni: 1" in m for m in messages_of(response))
    # Uploading the same file again changes nothing and issues nothing twice.
    assert again.status_code == HTTPStatus.FOUND
    assert past_event.attendances.count() == 2
    assert certificates.count() == 2
    assert any("bez zmian: 2" in m for m in messages_of(again))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_a_plain_list_of_addresses_in_utf8_is_accepted(admin_client, past_event, encoding):
    person = UserFactory(email="anna@gmina.example")
    url = snippet_url("trainingevent", "attendance_upload", past_event.pk)

    response = admin_client.post(
        url, {"file": attendance_file(["anna@gmina.example"], encoding=encoding)}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert past_event.attendances.get().user == person


def attendance_xlsx(rows, name="lista obecności.xlsx"):
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Uwagi"
    notes.append(["Lista z sali 12, spisała Żaneta Łęcka"])
    sheet = workbook.create_sheet("Obecni")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(
        name,
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_an_xlsx_attendance_list_marks_everyone_present(
    admin_client, past_event, django_capture_on_commit_callbacks
):
    zofia = UserFactory(
        first_name="Zofia", last_name="Gałązka", email="zofia.galazka@gmina.example"
    )
    lukasz = UserFactory(first_name="Łukasz", last_name="Żuraw", email="lukasz.zuraw@gmina.example")
    url = snippet_url("trainingevent", "attendance_upload", past_event.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {
                "file": attendance_xlsx(
                    [
                        ["Lista obecności – Słupsk"],
                        ["Imię i nazwisko", "Adres e-mail", "Podpis"],
                        ["Zofia Gałązka", "Zofia.Galazka@gmina.example", "✓"],
                        [None, None, None],
                        ["Łukasz Żuraw", "lukasz.zuraw@gmina.example", "✓"],
                    ]
                )
            },
        )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == snippet_url("trainingevent", "edit", past_event.pk)
    assert set(past_event.attendances.values_list("user", "present")) == {
        (zofia.pk, True),
        (lukasz.pk, True),
    }
    certificates = Certificate.objects.filter(attendance__event=past_event)
    assert {c.user for c in certificates} == {zofia, lukasz}


def test_a_bad_xlsx_attendance_list_names_its_rows_and_changes_nothing(admin_client, past_event):
    UserFactory(email="malgorzata.zolkiewska@gmina.example")
    url = snippet_url("trainingevent", "attendance_upload", past_event.pk)

    response = admin_client.post(
        url,
        {
            "file": attendance_xlsx(
                [
                    ["E-mail"],
                    ["malgorzata.zolkiewska@gmina.example"],
                    ["józef.źdźbło w gminie"],
                ]
            )
        },
    )

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "nic nie zostało zmienione" in page
    assert "Wiersz 3: „józef.źdźbło w gminie” nie jest adresem e-mail." in page
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lista.xlsx", b"PK\x03\x04 to nie jest arkusz", "Nie udało się odczytać pliku Excel."),
        ("lista.xls", b"\xd0\xcf\x11\xe0 stary Excel", "Starsze pliki Excela (XLS)"),
        ("lista.pdf", b"%PDF-1.7", "Nieobsługiwany rodzaj pliku."),
    ],
)
def test_an_unreadable_attendance_file_gets_a_polish_message(
    admin_client, past_event, name, content, message
):
    url = snippet_url("trainingevent", "attendance_upload", past_event.pk)

    response = admin_client.post(url, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_coordinators_cannot_upload_attendance(coordinator_client, past_event):
    response = coordinator_client.get(
        snippet_url("trainingevent", "attendance_upload", past_event.pk)
    )

    assert_refused(response)


# --- ZIP of certificate PDFs ----------------------------------------------------------------------


def zip_members(export):
    with export.file.open("rb") as file, zipfile.ZipFile(io.BytesIO(file.read())) as archive:
        return {
            info.filename: (info.compress_type, hashlib.sha256(archive.read(info)).hexdigest())
            for info in archive.infolist()
        }


def test_administrator_zip_contains_exactly_the_selected_pdfs(
    admin_client, admin_user, issue, units, django_capture_on_commit_callbacks, mailoutbox
):
    gmina_a, school_a, gmina_b = units
    other_course = factories.course(
        title="Inny kurs", lessons=1, quiz=False, completion_rule="lessons_only"
    )
    wanted = [
        issue(UserFactory(unit=gmina_a, first_name="Małgorzata", last_name="Żółkiewska-Ślęzak")),
        issue(UserFactory(unit=school_a, first_name="Jan", last_name="Kowalski")),
    ]
    issue(UserFactory(unit=gmina_b))  # another unit
    issue(UserFactory(unit=gmina_a), on=other_course)  # another course
    revoked = issue(UserFactory(unit=gmina_a))
    Certificate.objects.filter(pk=revoked.pk).update(status=Certificate.Status.REVOKED)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("certificates_admin:zip"),
            {"course": wanted[0].course_id, "unit": gmina_a.pk},
        )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("exports_index")
    export = Export.objects.get()
    assert (export.owner, export.kind, export.status) == (admin_user, "certificates_zip", "done")
    assert (export.done, export.total) == (2, 2)
    assert zip_members(export) == {member_name(c): (zipfile.ZIP_STORED, c.sha256) for c in wanted}
    assert f"{wanted[0].number.replace('/', '-')}_Małgorzata Żółkiewska-Ślęzak.pdf" in zip_members(
        export
    )
    assert mailoutbox[-1].to == [admin_user.email]
    assert "gotowy do pobrania" in mailoutbox[-1].subject


def test_coordinator_zip_never_contains_certificates_of_other_units(
    coordinator, coordinator_client, issue, units, django_capture_on_commit_callbacks
):
    gmina_a, school_a, gmina_b = units
    mine = issue(UserFactory(unit=school_a))
    issue(UserFactory(unit=gmina_b))

    form = coordinator_client.get(reverse("certificates_admin:zip")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("certificates_admin:zip"), {})
    refused = coordinator_client.post(reverse("certificates_admin:zip"), {"unit": gmina_b.pk})

    assert "Szkoła w A" in form
    assert "Gmina B" not in form
    export = Export.objects.get(owner=coordinator)
    assert zip_members(export) == {member_name(mine): (zipfile.ZIP_STORED, mine.sha256)}
    assert refused.status_code == HTTPStatus.OK  # Gmina B is not a choice for them
    assert Export.objects.filter(owner=coordinator).count() == 1


def test_zip_filters_by_date_of_issue_and_refuses_an_empty_selection(admin_client, issue):
    certificate = issue(UserFactory())
    today = timezone.localdate(certificate.issued_at)

    empty = admin_client.post(
        reverse("certificates_admin:zip"),
        {"issued_from": (today + timedelta(days=1)).isoformat()},
    )
    backwards = admin_client.post(
        reverse("certificates_admin:zip"),
        {"issued_from": today.isoformat(), "issued_to": (today - timedelta(days=1)).isoformat()},
    )
    ok = admin_client.post(
        reverse("certificates_admin:zip"),
        {"issued_from": today.isoformat(), "issued_to": today.isoformat()},
    )

    assert "Żadne wystawione zaświadczenie nie spełnia tych warunków." in empty.content.decode()
    assert "Data końcowa nie może być wcześniejsza" in backwards.content.decode()
    assert ok.status_code == HTTPStatus.FOUND
    assert Export.objects.count() == 1


def test_zip_export_is_in_the_certificates_menu_of_administrators_and_coordinators(
    admin_client, coordinator_client
):
    client = Client()
    client.force_login(UserFactory(roles=[Role.TRAINER]))
    url = reverse("certificates_admin:zip")

    assert url in admin_client.get(reverse("wagtailadmin_home")).content.decode("unicode_escape")
    assert url in coordinator_client.get(reverse("wagtailadmin_home")).content.decode(
        "unicode_escape"
    )
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode("unicode_escape")
    assert_refused(client.get(url))


# --- Deleting people who hold certificates ------------------------------------------------------


def test_deleting_a_person_with_certificates_suggests_anonymisation(admin_client, course):
    person = complete(UserFactory(last_name="Zachowana"), course).user
    url = reverse("wagtailusers_users:delete", args=[person.pk])

    page = admin_client.get(url)
    response = admin_client.post(url)

    assert page.status_code == HTTPStatus.FOUND
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailusers_users:index")
    assert User.objects.filter(pk=person.pk).exists()
    message = messages_of(response)[-1]
    assert "Nie można usunąć konta" in message
    assert "zaświadczenia" in message
    assert "Anonimizuj" in message


def test_bulk_deleting_people_with_certificates_is_refused_too(admin_client, course):
    person = complete(UserFactory(), course).user

    response = admin_client.post(
        reverse("wagtail_bulk_action", args=("users", "user", "delete")) + f"?id={person.pk}",
        {"next": reverse("wagtailusers_users:index")},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.filter(pk=person.pk).exists()
    assert any("zanonimizuj konto" in m for m in messages_of(response))


def test_people_without_records_can_still_be_deleted(admin_client):
    person = UserFactory()

    response = admin_client.post(reverse("wagtailusers_users:delete", args=[person.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert not User.objects.filter(pk=person.pk).exists()


def test_admin_links_to_a_certificate_lead_to_its_detail_page(admin_user, course):
    certificate = complete(UserFactory(), course)

    url = AdminURLFinder(admin_user).get_edit_url(certificate)

    assert url == reverse("certificates_admin:inspect", args=[certificate.pk])


def test_group_editor_offers_viewing_and_revoking_certificates(admin_client):
    group = Group.objects.get(name=Role.COORDINATOR)

    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Może unieważniać i wystawiać ponownie zaświadczenia" in page
