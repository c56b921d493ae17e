"""What learners and the public see of certificates: "Moje zaświadczenia", the PDF download, the
verification page, the signed credential and its key, "check a document" and the JSON API.

Certificates here are issued for real: completing a course runs the (eager) Celery task after
commit, which renders the PDF with WeasyPrint and signs the credential.
"""

import hashlib
import json
import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from certificates import services, signing
from certificates.models import Certificate
from lms.organisations.models import OrganisationUnit
from lms.users.roles import Role
from tests import factories
from tests.factories import OrganisationUnitFactory, UserFactory
from tests.factories import completed_certificate as complete

pytestmark = pytest.mark.django_db

HOLDER = {"first_name": "Małgorzata", "last_name": "Żółkiewska-Ślęzak"}
NOT_FOUND_TEXT = "Nie znaleziono zaświadczenia"
# "Moje zaświadczenia", warm: one query for the list (session and user come from the cache).
MAX_QUERIES_MINE = 2


@pytest.fixture
def course(db):
    return factories.course(
        title="Standardy obsługi cudzoziemców – „dobre praktyki”",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
        certificate_validity_months=24,
    )


@pytest.fixture
def holder(db):
    return UserFactory(roles=[Role.LEARNER], **HOLDER)


@pytest.fixture
def certificate(issue, holder):
    return issue(holder)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def coordinator_of(unit):
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    coordinator.coordinated_units.add(unit)
    return coordinator


def read(response):
    if not response.streaming:
        return response.content
    body = b"".join(response.streaming_content)
    response.close()
    return body


def verify_url(code):
    return reverse("certificates:verify", args=[code])


def day(moment):
    """A date as the pages print it, e.g. "27 listopada 2028"."""
    return date_format(timezone.localtime(moment), "j E Y")


# --- Moje zaświadczenia ---------------------------------------------------------------------------


def test_my_certificates_lists_only_mine_with_status_and_links(
    issue, holder, course, django_assert_max_num_queries
):
    mine = issue(holder)
    second_course = factories.course(
        title="Prawo pobytowe", lessons=1, quiz=False, completion_rule="lessons_only"
    )
    pending = complete(holder, second_course)  # its document is not rendered yet
    someone_elses = issue(UserFactory(last_name="Obca-Osoba"))
    client = logged_in(holder)
    url = reverse("certificates:mine")
    client.get(url)  # warm per-process caches (site root, catalogue URL)

    with django_assert_max_num_queries(MAX_QUERIES_MINE):
        response = client.get(url)

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert mine.number in page
    assert pending.number in page
    assert someone_elses.number not in page
    assert "Standardy obsługi cudzoziemców – „dobre praktyki”" in page
    assert "Prawo pobytowe" in page
    assert f"ważne do {day(mine.expires_at)}" in page
    assert "w przygotowaniu" in page
    assert reverse("certificates:download", args=[mine.pk]) in page
    assert reverse("certificates:download", args=[pending.pk]) not in page  # nothing to fetch yet
    assert verify_url(mine.verification_code) in page
    assert verify_url(pending.verification_code) in page


def test_my_certificates_query_count_does_not_grow_with_certificates(
    holder, django_assert_max_num_queries
):
    for number in range(5):
        complete(
            holder,
            factories.course(
                title=f"Kurs {number}", lessons=1, quiz=False, completion_rule="lessons_only"
            ),
        )
    client = logged_in(holder)
    client.get(reverse("certificates:mine"))

    with django_assert_max_num_queries(MAX_QUERIES_MINE):
        response = client.get(reverse("certificates:mine"))

    assert response.content.decode().count("w przygotowaniu") >= 5


def test_my_certificates_needs_signing_in(client):
    response = client.get(reverse("certificates:mine"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


def test_signed_in_people_find_their_certificates_in_the_menu_and_on_the_dashboard(
    learner_client, user, course
):
    complete(user, course)
    mine = f'href="{reverse("certificates:mine")}"'

    dashboard = learner_client.get(reverse("dashboard")).content.decode()
    profile = learner_client.get(reverse("profile")).content.decode()
    learner_client.logout()
    anonymous = learner_client.get(reverse("certificates:verify_form")).content.decode()

    assert dashboard.count(mine) == 2  # the menu and the completed courses
    assert profile.count(mine) == 1
    assert mine not in anonymous


# --- Download ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["holder", "administrator", "unit coordinator", "county coordinator"]
)
def test_people_who_may_see_the_certificate_download_the_current_pdf(
    certificate, holder, admin_user, who
):
    downloader = {
        "holder": lambda: holder,
        "administrator": lambda: admin_user,
        "unit coordinator": lambda: coordinator_of(holder.unit),
        "county coordinator": lambda: coordinator_of(holder.unit.get_parent()),
    }[who]()

    response = logged_in(downloader).get(reverse("certificates:download", args=[certificate.pk]))

    body = read(response)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{certificate.pdf_filename()}"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == certificate.sha256


@pytest.mark.parametrize("who", ["anonymous", "another learner", "coordinator elsewhere"])
def test_anyone_else_gets_a_plain_404_as_if_there_were_no_such_certificate(certificate, who):
    client = Client()
    if who == "another learner":
        client.force_login(UserFactory(roles=[Role.LEARNER], unit=certificate.user.unit))
    elif who == "coordinator elsewhere":
        client.force_login(coordinator_of(OrganisationUnit.objects.get(code="2215")))
    missing = Certificate.objects.order_by("-pk").first().pk + 1000

    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    nonexistent = client.get(reverse("certificates:download", args=[missing]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert nonexistent.status_code == HTTPStatus.NOT_FOUND
    for answer in (response, nonexistent):
        assert answer["Content-Type"].startswith("text/html")
        assert "Nie znaleziono strony" in answer.content.decode()
        assert certificate.number not in answer.content.decode()


def test_coordinators_of_a_parent_unit_reach_certificates_of_sub_units(issue):
    county = OrganisationUnit.objects.get(code="2204")
    gmina = OrganisationUnitFactory(parent=county)
    school = OrganisationUnitFactory(parent=gmina, name="Szkoła Podstawowa nr 1")
    teacher = UserFactory(unit=school)
    certificate = issue(teacher)

    response = logged_in(coordinator_of(county)).get(
        reverse("certificates:download", args=[certificate.pk])
    )

    assert response.status_code == HTTPStatus.OK
    assert hashlib.sha256(read(response)).hexdigest() == certificate.sha256


def test_a_certificate_without_a_document_yet_cannot_be_downloaded(holder, course):
    pending = complete(holder, course)

    response = logged_in(holder).get(reverse("certificates:download", args=[pending.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


# --- Verification page ---------------------------------------------------------------------------


def test_verification_page_shows_the_frozen_data_and_a_valid_status(client, certificate, course):
    response = client.get(verify_url(certificate.verification_code))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Małgorzata Żółkiewska-Ślęzak" in page
    assert "Standardy obsługi cudzoziemców – „dobre praktyki”" in page
    assert certificate.number in page
    assert "Zaświadczenie jest autentyczne i ważne." in page
    assert f"ważne do {day(certificate.expires_at)}" in page
    assert f"<dd>{day(certificate.completed_at)}</dd>" in page
    assert f"<dd>{day(certificate.issued_at)}</dd>" in page
    assert "<dd>4</dd>" in page  # hours
    assert reverse("certificates:credential", args=[certificate.verification_code]) in page
    assert reverse("certificates:public_key") in page
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"


def test_verification_page_says_when_a_certificate_expired(client, certificate):
    ended = timezone.now() - timedelta(days=3)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=ended)

    page = client.get(verify_url(certificate.verification_code)).content.decode()

    assert "ważność wygasła" in page
    assert f"wygasło {day(ended)}" in page


def test_verification_page_says_when_and_why_a_certificate_was_revoked(
    client, certificate, admin_user
):
    services.revoke(
        certificate, by=admin_user, reason="Błędnie wpisane nazwisko – wystawiono nowe."
    )

    response = client.get(verify_url(certificate.verification_code))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Zaświadczenie zostało unieważnione." in page
    assert f"unieważnione {day(timezone.now())}" in page
    assert "Błędnie wpisane nazwisko – wystawiono nowe." in page
    assert "Zaświadczenie jest autentyczne i ważne" not in page
    assert reverse("certificates:credential", args=[certificate.verification_code]) not in page


def test_verification_page_of_a_certificate_still_being_prepared(client, holder, course):
    pending = complete(holder, course)

    page = client.get(verify_url(pending.verification_code)).content.decode()

    assert "w przygotowaniu" in page
    assert "Małgorzata Żółkiewska-Ślęzak" in page
    assert pending.number in page


def test_codes_typed_in_lower_case_without_dashes_or_with_o_for_zero_are_recognised(
    client, certificate
):
    typed = certificate.verification_code.replace("-", "").lower()
    typed = typed.replace("0", "o").replace("1", "l")

    response = client.get(verify_url(typed))

    assert response.status_code == HTTPStatus.OK  # shown at once, no redirect
    assert certificate.number in response.content.decode()


def test_unknown_malformed_and_huge_codes_get_one_identical_neutral_answer(client, certificate):
    unknown = "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    assert not Certificate.objects.filter(verification_code=unknown).exists()
    answers = [
        client.get(verify_url(unknown)),
        client.get(verify_url("ABC")),
        client.get(verify_url("U" * 16)),  # right length, a letter codes never use
        client.get(verify_url("A" * 5000)),
        client.get(reverse("certificates:verify_form"), {"kod": "nie-kod"}),
        client.get(reverse("certificates:verify_form"), {"kod": "A" * 5000}),
    ]

    assert {response.status_code for response in answers} == {HTTPStatus.NOT_FOUND}
    assert len({response.content for response in answers}) == 1
    page = answers[0].content.decode()
    assert NOT_FOUND_TEXT in page
    assert not re.search("AAAA|ABC|ZZZZ", page)  # nothing typed is echoed
    assert all(response["X-Robots-Tag"].startswith("noindex") for response in answers)


def test_the_neutral_answer_is_identical_for_a_signed_in_visitor_too(learner_client):
    first = learner_client.get(verify_url("ZZZZ-ZZZZ-ZZZZ-ZZZZ"))
    second = learner_client.get(verify_url("x" * 5000))

    assert first.status_code == second.status_code == HTTPStatus.NOT_FOUND
    assert first.content == second.content


def test_pages_that_hide_the_referrer_have_no_post_form_a_browser_would_break(
    learner_client, certificate
):
    """Under "no-referrer" a browser sends "Origin: null" with a POST, and Django's CSRF check
    refuses it: such pages must not hold POST forms (logout, language), and the pages with the
    document form must keep the site's policy."""
    hiding = [
        learner_client.get(verify_url(certificate.verification_code)),
        learner_client.get(verify_url("ZZZZ-ZZZZ-ZZZZ-ZZZZ")),
        learner_client.get(reverse("certificates:verify_form"), {"kod": "nie-kod"}),
    ]
    with_forms = [
        learner_client.get(reverse("certificates:verify_form")),
        learner_client.get(reverse("certificates:check_document")),
    ]

    for response in hiding:
        assert response["Referrer-Policy"] == "no-referrer"
        assert 'method="post"' not in response.content.decode()
    for response in with_forms:
        assert response["Referrer-Policy"] == "same-origin"
        assert f'action="{reverse("certificates:check_document")}"' in response.content.decode()


def test_the_code_form_redirects_to_the_verification_page(client, certificate):
    typed = certificate.verification_code.lower().replace("-", " ")

    response = client.get(reverse("certificates:verify_form"), {"kod": typed})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == verify_url(certificate.verification_code)


def test_the_verification_form_explains_and_offers_both_checks(client):
    response = client.get(reverse("certificates:verify_form"))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert '<label for="id_kod">Kod weryfikacyjny' in page
    assert 'aria-describedby="id_kod_helptext"' in page
    assert f'action="{reverse("certificates:check_document")}"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "Sprawdź dokument" in page


def test_an_empty_code_gets_a_polish_error_linked_to_the_field(client):
    response = client.get(reverse("certificates:verify_form"), {"kod": "  "})

    page = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Wpisz kod weryfikacyjny z zaświadczenia." in page
    assert 'id="id_kod_error"' in page
    assert 'aria-describedby="id_kod_helptext id_kod_error"' in page
    assert 'aria-invalid="true"' in page


# --- Credential and public key -------------------------------------------------------------------


def test_the_signed_credential_verifies_with_the_published_public_key(client, certificate):
    response = client.get(reverse("certificates:credential", args=[certificate.verification_code]))
    key_response = client.get(reverse("certificates:public_key"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    number = certificate.number.replace("/", "-")
    assert response["Content-Disposition"] == f'attachment; filename="poswiadczenie-{number}.json"'
    credential = json.loads(response.content)
    assert credential["credentialSubject"]["name"] == "Małgorzata Żółkiewska-Ślęzak"
    assert signing.verify(credential)
    # What an outside system does: take the key from its published document, check the proof.
    key_document = key_response.json()
    method = key_document["verificationMethod"][0]
    assert credential["proof"]["verificationMethod"] == method["id"]
    raw = signing.base58btc_decode(method["publicKeyMultibase"][1:])[2:]
    assert signing.verify(credential, public_key=Ed25519PublicKey.from_public_bytes(raw))
    tampered = {**credential, "name": credential["name"] + " (kopia)"}
    assert not signing.verify(tampered, public_key=Ed25519PublicKey.from_public_bytes(raw))


def test_the_public_key_document_is_public_cacheable_json(client):
    response = client.get(reverse("certificates:public_key"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response.json() == signing.public_key_document()
    assert response.json()["verificationMethod"][0]["type"] == "Multikey"


def test_no_credential_for_unknown_or_revoked_certificates(client, certificate, admin_user):
    unknown = client.get(reverse("certificates:credential", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ"]))
    services.revoke(certificate, by=admin_user, reason="Na wniosek.")
    revoked = client.get(reverse("certificates:credential", args=[certificate.verification_code]))

    assert unknown.status_code == revoked.status_code == HTTPStatus.NOT_FOUND
    assert unknown.content == revoked.content
    assert NOT_FOUND_TEXT in revoked.content.decode()


# --- Check a document ----------------------------------------------------------------------------


def pdf_bytes(certificate):
    with certificate.pdf.open("rb") as file:
        return file.read()


def check(client, data, name="zaswiadczenie.pdf"):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(reverse("certificates:check_document"), {"dokument": upload})


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_the_original_pdf_is_recognised_and_nothing_is_stored(client, certificate, media):
    before = stored_files(media.parent)  # media and private roots

    response = check(client, pdf_bytes(certificate))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "To oryginalne zaświadczenie wystawione przez platformę." in page
    assert "Małgorzata Żółkiewska-Ślęzak" in page
    assert certificate.number in page
    assert stored_files(media.parent) == before  # media and private roots
    assert response["Cache-Control"] == "no-store"


def test_the_original_pdf_of_a_revoked_certificate_says_it_was_revoked(
    client, certificate, admin_user
):
    services.revoke(certificate, by=admin_user, reason="Na wniosek jednostki.")

    page = check(client, pdf_bytes(certificate)).content.decode()

    assert "To oryginalne zaświadczenie" in page
    assert "zostało unieważnione" in page
    assert "Na wniosek jednostki." in page


def test_an_earlier_version_replaced_by_a_reissue_is_recognised_as_superseded(
    client, certificate, admin_user, django_capture_on_commit_callbacks
):
    first_version = pdf_bytes(certificate)
    holder = certificate.user
    holder.last_name = "Żółkiewska-Ślęzak-Nowak"  # a corrected name: a new document
    holder.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.reissue(certificate, by=admin_user)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.version == 2

    old = check(client, first_version)
    new = check(client, pdf_bytes(certificate))

    assert old.status_code == HTTPStatus.OK
    assert "dokument zastąpiony nowszą wersją" in old.content.decode()
    assert verify_url(certificate.verification_code) in old.content.decode()
    assert "Żółkiewska-Ślęzak-Nowak" in old.content.decode()  # the current data
    assert "To oryginalne zaświadczenie" in new.content.decode()
    assert "zastąpiony" not in new.content.decode()


def test_a_pdf_changed_by_one_byte_is_not_an_original(client, certificate):
    data = bytearray(pdf_bytes(certificate))
    data[len(data) // 2] ^= 0x01

    response = check(client, bytes(data))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK  # a valid question, answered "no"
    assert "nie jest oryginalnym zaświadczeniem wystawionym przez platformę" in page
    assert "(lub został zmieniony)" in page
    assert "Małgorzata" not in page


@pytest.mark.parametrize(
    ("head", "size", "message"),
    [
        (b"\x89PNG\r\n\x1a\n", 2000, "To nie jest plik PDF."),
        (b"", 0, "Wybrany plik jest pusty."),
        (b"%PDF-1.7\n", 10 * 1024 * 1024 + 1, "Plik jest za duży"),
    ],
    ids=["not a pdf", "empty", "over 10 MB"],
)
def test_bad_files_get_a_polish_error_linked_to_the_field_and_400(
    client, media, head, size, message
):
    before = stored_files(media.parent)  # media and private roots

    response = check(client, head + b"0" * (size - len(head)))

    page = response.content.decode()
    field = re.search(r'<input[^>]*name="dokument"[^>]*>', page).group(0)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in page
    assert "<title>Błąd:" in page
    assert 'id="id_dokument_error"' in page
    assert 'aria-describedby="id_dokument_helptext id_dokument_error"' in field
    assert 'aria-invalid="true"' in field
    assert "oryginalnym" not in page
    assert stored_files(media.parent) == before  # media and private roots


def test_no_file_gets_a_polish_error_and_400(client):
    response = client.post(reverse("certificates:check_document"), {})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Wybierz plik PDF zaświadczenia." in response.content.decode()


def test_check_document_shows_the_form_and_needs_a_csrf_token(certificate):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(reverse("certificates:check_document"))
    upload = SimpleUploadedFile("z.pdf", pdf_bytes(certificate), content_type="application/pdf")

    forged = browser.post(reverse("certificates:check_document"), {"dokument": upload})
    upload.seek(0)
    token = browser.cookies["csrftoken"].value
    genuine = browser.post(
        reverse("certificates:check_document"),
        {"dokument": upload, "csrfmiddlewaretoken": token},
    )

    assert form.status_code == HTTPStatus.OK
    assert 'name="dokument"' in form.content.decode()
    assert forged.status_code == HTTPStatus.FORBIDDEN
    assert genuine.status_code == HTTPStatus.OK
    assert "To oryginalne zaświadczenie" in genuine.content.decode()


# --- API -----------------------------------------------------------------------------------------


def test_the_api_describes_a_certificate_for_other_systems(client, certificate, settings):
    response = client.get(reverse("certificates:api", args=[certificate.verification_code.lower()]))

    assert response.status_code == HTTPStatus.OK
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    site = settings.SITE_URL
    assert data == {
        "number": certificate.number,
        "status": "valid",
        "holder_name": "Małgorzata Żółkiewska-Ślęzak",
        "course": "Standardy obsługi cudzoziemców – „dobre praktyki”",
        "hours": "4",
        "completed_at": timezone.localtime(certificate.completed_at).isoformat(),
        "issued_at": timezone.localtime(certificate.issued_at).isoformat(),
        "expires_at": timezone.localtime(certificate.expires_at).isoformat(),
        "revoked_at": None,
        "revoked_reason": None,
        "verification_url": site + verify_url(certificate.verification_code),
        "credential_url": site
        + reverse("certificates:credential", args=[certificate.verification_code]),
    }


def test_the_api_reports_revocation(client, certificate, admin_user):
    services.revoke(certificate, by=admin_user, reason="Na wniosek.")

    data = client.get(reverse("certificates:api", args=[certificate.verification_code])).json()

    assert data["status"] == "revoked"
    assert data["revoked_reason"] == "Na wniosek."
    assert data["revoked_at"].startswith(str(timezone.localdate()))
    assert data["credential_url"] is None


def test_the_api_gives_one_answer_for_unknown_and_malformed_codes(client):
    answers = [
        client.get(reverse("certificates:api", args=[code]))
        for code in ("ZZZZ-ZZZZ-ZZZZ-ZZZZ", "ABC", "A" * 5000)
    ]

    assert {response.status_code for response in answers} == {HTTPStatus.NOT_FOUND}
    assert {response.content for response in answers} == {b'{"detail": "not_found"}'}
    assert all(response["Access-Control-Allow-Origin"] == "*" for response in answers)


def test_the_api_accepts_only_get(client, certificate):
    response = client.post(reverse("certificates:api", args=[certificate.verification_code]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


# --- Rate limiting -------------------------------------------------------------------------------


@pytest.fixture
def limit(settings, monkeypatch):
    """Three requests a minute, in a minute that does not end during the test."""
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 3
    monkeypatch.setattr("lms.ratelimit.now", lambda: 1_800_000_000.0)  # :00 of a minute
    return 3


def test_too_many_verifications_from_one_address_get_429_in_polish(client, certificate, limit):
    url = verify_url(certificate.verification_code)

    allowed = [client.get(url) for _ in range(limit)]
    refused = client.get(url)
    other_address = client.get(url, REMOTE_ADDR="192.0.2.77")

    assert {response.status_code for response in allowed} == {HTTPStatus.OK}
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"] == "60"
    assert "Zbyt wiele zapytań" in refused.content.decode()
    assert certificate.number not in refused.content.decode()
    assert refused["X-Robots-Tag"].startswith("noindex")
    assert other_address.status_code == HTTPStatus.OK


def test_guessing_codes_is_limited_too_and_the_api_answers_429_in_json(client, limit):
    for number in range(limit):
        assert client.get(verify_url(f"ZZZZ-ZZZZ-ZZZZ-ZZZ{number}")).status_code == 404

    api = client.get(reverse("certificates:api", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ"]))
    form = client.get(reverse("certificates:verify_form"), {"kod": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    credential = client.get(reverse("certificates:credential", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ"]))
    document = check(client, b"%PDF-1.7 whatever")

    assert api.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert api.json()["detail"] == "too_many_requests"
    assert api["Access-Control-Allow-Origin"] == "*"
    assert api["Retry-After"] == "60"
    assert form.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert credential.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert document.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_pages_without_a_lookup_are_not_limited(client, limit):
    for _ in range(limit + 2):
        assert client.get(reverse("certificates:verify_form")).status_code == HTTPStatus.OK
        assert client.get(reverse("certificates:check_document")).status_code == HTTPStatus.OK
        assert client.get(reverse("certificates:public_key")).status_code == HTTPStatus.OK


def test_the_limit_applies_per_minute(client, limit, monkeypatch):
    url = verify_url("ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    for _ in range(limit):
        client.get(url)
    assert client.get(url).status_code == HTTPStatus.TOO_MANY_REQUESTS

    monkeypatch.setattr("lms.ratelimit.now", lambda: 1_800_000_060.0)

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
