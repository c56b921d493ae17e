import json
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from lms.users.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PERSONAL_FIELDS = ["first_name", "last_name", "job_title"]


def test_privacy_notice_is_public_and_polish(client):
    from tests.factories import privacy_notice

    privacy_notice()

    response = client.get(reverse("privacy"))

    assert response.status_code == HTTPStatus.OK
    assert "Administrator danych" in response.content.decode()


def test_learner_downloads_their_own_data_as_json(learner_client, user):
    response = learner_client.get(reverse("download_my_data"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == user.email
    assert data["profile"]["last_name"] == user.last_name
    assert data["profile"]["unit"] == user.unit.name


def test_download_contains_nobody_else(learner_client, user):
    other = UserFactory(email="inna.osoba@gmina.example", last_name="Kaszubska")

    body = learner_client.get(reverse("download_my_data")).content.decode()

    assert other.email not in body
    assert "Kaszubska" not in body


def test_download_requires_signing_in(client):
    response = client.get(reverse("download_my_data"))

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]


def test_admin_anonymises_a_user_and_no_personal_field_remains(admin_client, password):
    client = Client()
    person = UserFactory(email="do.usuniecia@gmina.example", last_name="Żabińska")
    client.post(reverse("login"), {"username": person.email, "password": "zle-haslo"})
    assert AccessAttempt.objects.filter(username=person.email).exists()

    response = admin_client.post(
        reverse("wagtail_bulk_action", args=("users", "user", "anonymise")) + f"?id={person.pk}",
        {"next": "/admin/users/"},
    )

    assert response.status_code == HTTPStatus.FOUND
    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert person.email.endswith("@anonimizacja.invalid")
    assert "do.usuniecia" not in person.email
    assert all(getattr(person, field) == "" for field in PERSONAL_FIELDS)
    assert person.last_login is None
    assert not person.is_active
    assert not person.has_usable_password()
    assert not person.groups.exists()
    assert not AccessAttempt.objects.filter(username=person.email).exists()
    assert not AccessAttempt.objects.filter(username="do.usuniecia@gmina.example").exists()
    # The person can no longer sign in with the old address.
    assert (
        client.post(
            reverse("login"), {"username": "do.usuniecia@gmina.example", "password": password}
        ).status_code
        == HTTPStatus.OK
    )
    assert not User.objects.filter(last_name="Żabińska").exists()


def test_admin_cannot_anonymise_themselves(admin_client, admin_user):
    admin_client.post(
        reverse("wagtail_bulk_action", args=("users", "user", "anonymise"))
        + f"?id={admin_user.pk}",
        {"next": "/admin/users/"},
    )

    admin_user.refresh_from_db()
    assert admin_user.anonymised_at is None


# --- What other apps kept about the person -----------------------------------------------------


@pytest.fixture
def erase(django_capture_on_commit_callbacks):
    """Anonymise `person` as the admin's bulk action does, running the after-commit file deletions."""
    from lms.users.services import anonymise_user

    def erase(person):
        with django_capture_on_commit_callbacks(execute=True):
            anonymise_user(user=person)
        person.refresh_from_db()
        return person

    return erase


@pytest.fixture
def person(db):
    return UserFactory(email="anna.erased@gmina.example", first_name="Anna", last_name="Żmudzka")


def test_erasure_rewrites_the_audit_log(person, admin_user, erase):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    from lms.organisations.models import OrganisationUnit

    log(instance=person, action="wagtail.edit", user=admin_user)
    unit = OrganisationUnit.objects.first()
    log(
        instance=unit,
        action="wagtail.edit",
        user=person,
        data={"note": "Kontakt: anna.erased@gmina.example (Anna Żmudzka)"},
    )

    erase(person)

    entries = list(ModelLogEntry.objects.all())
    assert len(entries) == 2
    text = " ".join(
        f"{entry.label} {json.dumps(entry.data, ensure_ascii=False)}" for entry in entries
    )
    assert "anna.erased" not in text
    assert "Żmudzka" not in text
    assert "(dane usunięte)" in text
    about = ModelLogEntry.objects.get(object_id=str(person.pk))
    assert about.label == person.email  # the anonymised account's address
    by = ModelLogEntry.objects.get(object_id=str(unit.pk))
    assert by.user_display_name == person.email


def test_erasure_deletes_the_avatar_file(person, media, erase):
    from django.core.files.storage import default_storage
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(person)
    profile.avatar.save("twarz.png", ContentFile(b"\x89PNG obraz"))
    name = profile.avatar.name
    assert default_storage.exists(name)

    erase(person)

    assert not default_storage.exists(name)
    assert not UserProfile.objects.filter(user=person).exists()


def test_erasure_deletes_import_lists_naming_the_person(person, admin_user, erase):
    from lms.files.storage import private
    from lms.imports.models import ImportBatch

    naming = ImportBatch.objects.create(
        owner=admin_user,
        file_name="lista.csv",
        rows=[{"row": 2, "email": "anna.erased@gmina.example", "last_name": "Żmudzka"}],
    )
    naming.file.save("lista.csv", ContentFile(b"e-mail\r\nanna.erased@gmina.example\r\n"))
    theirs = ImportBatch.objects.create(owner=person, file_name="moja.csv")
    theirs.file.save("moja.csv", ContentFile(b"e-mail\r\ninny@gmina.example\r\n"))
    other = ImportBatch.objects.create(
        owner=admin_user, file_name="inna.csv", rows=[{"row": 2, "email": "inny@gmina.example"}]
    )
    other.file.save("inna.csv", ContentFile(b"e-mail\r\ninny@gmina.example\r\n"))
    names = [naming.file.name, theirs.file.name]

    erase(person)

    assert list(ImportBatch.objects.all()) == [other]
    assert not any(private.exists(name) for name in names)
    assert private.exists(other.file.name)


def test_erasure_deletes_every_export_built_before_it(person, admin_user, erase):
    from lms.exports.models import Export
    from lms.files.storage import private

    export = Export.objects.create(owner=admin_user, kind="test", title="Raport", status="done")
    export.file.save("raport.csv", ContentFile(b"Anna;Zmudzka;100\r\n"))

    erase(person)

    assert not Export.objects.exists()
    assert not private.exists(export.file.name)


def test_erasure_deletes_the_log_of_emails_sent_to_the_person(person, admin_user, erase):
    from django.utils import timezone

    from courses.models import Assignment, Enrolment
    from lms.notifications.models import AssignmentNotice, Reminder
    from tests import factories

    course = factories.course(quiz=False)
    enrolment = Enrolment.objects.create(user=person, course=course)
    Reminder.objects.create(enrolment=enrolment, sent_on=timezone.localdate())
    assignment = Assignment.objects.create(user=person, course=course, assigned_by=admin_user)
    AssignmentNotice.objects.create(assignment=assignment)
    others = Enrolment.objects.create(user=UserFactory(), course=course)
    Reminder.objects.create(enrolment=others, sent_on=timezone.localdate())

    erase(person)

    assert list(Reminder.objects.values_list("enrolment", flat=True)) == [others.pk]
    assert not AssignmentNotice.objects.exists()
    assert Enrolment.objects.filter(user=person).exists()  # learning records stay, detached


def test_privacy_notice_says_what_erasure_leaves(client):
    page = client.get(reverse("privacy")).content.decode()

    assert "Co usuwamy, a co zostaje po usunięciu konta" in page
    assert "wpis w rejestrze wydanych zaświadczeń" in page
    assert "Zaświadczenie nie jest unieważniane" in page
