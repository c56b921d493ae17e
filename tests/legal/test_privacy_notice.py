"""The privacy notice (art. 13 RODO): numbered versions, shown again to every signed-in person
when a new one is published, until they confirm reading it; old versions stay readable."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from lms.legal.models import PrivacyAcknowledgement, PrivacyNotice
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/moje-szkolenia/"


@pytest.fixture
def notice(db):
    return factories.privacy_notice()


def notice_url(next_path):
    return f"{reverse('privacy')}?next={next_path.replace('/', '%2F')}"


def acknowledge(client, version, next_path=DASHBOARD):
    return client.post(reverse("privacy_acknowledge"), {"version": version, "next": next_path})


def test_the_notice_tells_what_article_13_asks(client, notice):
    html = client.get(reverse("privacy")).content.decode()

    for heading in (
        "Administrator danych",
        "Inspektor ochrony danych",
        "Cele i podstawy prawne przetwarzania",
        "Twoje prawa",
        "Prawo wniesienia skargi",
        "Czy musisz podać dane",
        "Zautomatyzowane podejmowanie decyzji",
        "Przekazywanie danych poza Europejski Obszar Gospodarczy",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "<h3>Monitorowanie projektu EFS+</h3>" in html
    assert "obowiązek prawny administratora (art. 6 ust. 1 lit. c RODO)" in html
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in html
    assert "iod@centrum-kompetencji.example" in html
    assert "Wersja 1, obowiązuje od" in html
    assert "Zapoznałem(-am) się" not in html  # nobody to confirm it


def test_anonymous_people_are_never_held(client, notice):
    assert client.get(DASHBOARD).status_code == HTTPStatus.FOUND  # the login, as before
    assert client.get("/").status_code == HTTPStatus.OK


def test_a_person_reads_the_notice_once_then_goes_where_they_were_going(client, notice):
    person = UserFactory(roles=[Role.LEARNER])
    client.force_login(person)

    response = client.get(DASHBOARD)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == notice_url(DASHBOARD)

    page = client.get(response["Location"])  # the notice itself is never redirected
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert "Zanim zaczniesz, zapoznaj się z informacją" in html
    assert f'<input type="hidden" name="next" value="{DASHBOARD}">' in html

    response = acknowledge(client, notice.version)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == HTTPStatus.OK
    assert PrivacyAcknowledgement.objects.filter(user=person, notice=notice).count() == 1


def test_a_new_version_is_shown_again_with_what_changed(
    client, notice, django_capture_on_commit_callbacks
):
    person = UserFactory(roles=[Role.LEARNER])
    first = PrivacyAcknowledgement.objects.create(user=person, notice=notice)
    client.force_login(person)
    assert client.get(DASHBOARD).status_code == HTTPStatus.OK

    with django_capture_on_commit_callbacks(execute=True):
        second = factories.privacy_notice(change_summary="Dodaliśmy ankiety po szkoleniach.")

    response = client.get(DASHBOARD)
    assert response["Location"] == notice_url(DASHBOARD)
    html = client.get(response["Location"]).content.decode()
    assert "Informacja o przetwarzaniu Twoich danych osobowych zmieniła się." in html
    assert "Dodaliśmy ankiety po szkoleniach." in html
    assert acknowledge(client, second.version)["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == HTTPStatus.OK
    assert first.pk in PrivacyAcknowledgement.objects.values_list("pk", flat=True)


def test_confirming_an_older_version_does_not_count_for_the_current_one(
    client, notice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.privacy_notice()
    client.force_login(UserFactory(roles=[Role.LEARNER]))

    acknowledge(client, notice.version)

    assert client.get(DASHBOARD)["Location"] == notice_url(DASHBOARD)


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("post", reverse("logout"), {}),
        ("get", reverse("privacy_versions"), {}),
        ("get", reverse("accessibility"), {}),
        ("get", DASHBOARD, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}),
        ("get", DASHBOARD, {"HTTP_ACCEPT": "application/json"}),
        ("post", reverse("set_language"), {}),
    ],
)
def test_what_is_never_held(client, notice, method, path, headers):
    client.force_login(UserFactory(roles=[Role.LEARNER]))

    response = getattr(client, method)(path, {}, **headers)

    assert not response.get("Location", "").startswith(reverse("privacy"))


def test_a_forged_version_or_next_changes_nothing(client, notice):
    person = UserFactory(roles=[Role.LEARNER])
    client.force_login(person)

    response = client.post(reverse("privacy_acknowledge"), {"version": "99"}, follow=True)
    assert "Nie ma takiej wersji informacji" in response.content.decode()
    response = client.post(reverse("privacy_acknowledge"), {"version": "abc"}, follow=True)
    assert "Nie ma takiej wersji informacji" in response.content.decode()
    assert not PrivacyAcknowledgement.objects.exists()

    response = acknowledge(client, notice.version, next_path="https://zly.example/")
    assert response["Location"] == reverse("start")  # where signing in leads, not off the site


def test_anonymous_confirmation_records_nothing(client, notice):
    response = acknowledge(client, notice.version)

    assert response["Location"] == reverse("privacy")
    assert not PrivacyAcknowledgement.objects.exists()


def test_old_versions_stay_readable(client, notice, django_assert_max_num_queries):
    second = factories.privacy_notice(controller="Nowy administrator danych, Gdańsk")

    with django_assert_max_num_queries(6):  # the layout's 5 and the versions
        html = client.get(reverse("privacy_versions")).content.decode()
    assert "Wersja 2</a>" in html
    assert "Wersja 1</a>" in html

    html = client.get(reverse("privacy_version", args=[1])).content.decode()
    assert "To jest archiwalna wersja 1 tej informacji." in html
    assert "Województwo Pomorskie, ul. Okopowa" in html
    assert second.controller in client.get(reverse("privacy")).content.decode()
    assert client.get(reverse("privacy_version", args=[9])).status_code == HTTPStatus.NOT_FOUND


def test_without_a_published_notice_nobody_is_held(client):
    factories.privacy_notice(publish=False)
    client.force_login(UserFactory(roles=[Role.LEARNER]))

    assert client.get(DASHBOARD).status_code == HTTPStatus.OK
    assert "jest w przygotowaniu" in client.get(reverse("privacy")).content.decode()


def test_administrator_publishes_a_draft_as_the_next_version(
    admin_client, admin_user, notice, django_capture_on_commit_callbacks
):
    PrivacyAcknowledgement.objects.create(user=admin_user, notice=notice)
    draft = factories.privacy_notice(publish=False, change_summary="Nowy cel: ankiety.")
    url = reverse("wagtailsnippets_legal_privacynotice:publish", args=[draft.pk])

    page = admin_client.get(url).content.decode()
    assert "jako wersję 2" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)

    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert (draft.version, draft.published_by) == (2, admin_user)
    # The administrator too is asked to read it, even inside the admin.
    assert admin_client.get("/admin/")["Location"] == notice_url("/admin/")


def test_a_published_version_cannot_be_changed_deleted_or_published_again(
    admin_client, admin_user, notice
):
    PrivacyAcknowledgement.objects.create(user=admin_user, notice=notice)
    before = PrivacyNotice.objects.values().get(pk=notice.pk)

    for name, method in (
        ("edit", "get"),
        ("edit", "post"),
        ("delete", "post"),
        ("publish", "post"),
    ):
        url = reverse(f"wagtailsnippets_legal_privacynotice:{name}", args=[notice.pk])
        response = getattr(admin_client, method)(url, {"controller": "Zmiana"}, follow=True)
        assert "jest opublikowana: nie można jej zmienić ani usunąć" in response.content.decode()

    assert PrivacyNotice.objects.values().get(pk=notice.pk) == before


def test_erasure_and_the_personal_data_export_cover_the_confirmations(admin_client, client, notice):
    from lms.users.services import anonymise_user

    person = UserFactory(roles=[Role.LEARNER])
    client.force_login(person)
    acknowledge(client, notice.version)

    data = json.loads(client.get(reverse("download_my_data")).content)
    assert [row["version"] for row in data["privacy_notice_acknowledgements"]] == [1]

    anonymise_user(user=person)
    assert not PrivacyAcknowledgement.objects.filter(user=person).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_drafts_published_at_once_get_consecutive_versions():
    from lms.legal import services
    from tests.concurrency import run_concurrently

    drafts = [factories.privacy_notice(publish=False) for _ in range(4)]

    _results, errors = run_concurrently(
        lambda draft: services.publish_privacy_notice(notice=draft, by=None),
        arguments=[(draft,) for draft in drafts],
    )

    assert errors == []
    assert sorted(PrivacyNotice.objects.values_list("version", flat=True)) == [1, 2, 3, 4]
