from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db


def test_home_page_is_polish_with_skip_link_and_landmarks(client):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert '<html lang="pl">' in html
    assert '<a class="skip-link" href="#main">Przejdź do treści</a>' in html
    for landmark in ('<main id="main"', "<header", "<footer", "<nav"):
        assert landmark in html
    assert "Centrum Kompetencji" in html


def test_language_switcher_changes_the_interface_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_wagtail_admin_login_is_served_in_polish(client):
    response = client.get("/admin/login/")

    assert response.status_code == HTTPStatus.OK
    assert "Zaloguj" in response.content.decode()


def test_security_headers_on_public_pages(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_unknown_page_gets_a_polish_404(client):
    response = client.get("/nie-ma-takiej-strony/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Nie znaleziono strony" in response.content.decode()


@pytest.mark.parametrize(
    ("filename", "content"),
    [("atak.html", b"<script>alert(1)</script>"), ("logo.svg", b"<svg onload='alert(1)'/>")],
)
def test_html_and_svg_documents_are_refused(admin_client, filename, content):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Plik", "file": SimpleUploadedFile(filename, content), "collection": 1},
    )

    assert response.status_code == HTTPStatus.OK
    assert not get_document_model().objects.exists()


def test_oversized_document_is_refused_with_a_polish_message(admin_client, settings):
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("regulamin.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))

    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Regulamin", "file": big, "collection": 1}
    )

    assert "Plik jest za duży" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_documents_other_than_pdf_and_text_download_as_attachments(admin_client, client):
    admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Lista", "file": SimpleUploadedFile("lista.csv", b"a;b\n1;2\n"), "collection": 1},
    )
    document = get_document_model().objects.get()

    response = client.get(document.url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")


def test_interface_stays_polish_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="pl">' in response.content.decode()
    assert "Przejdź do treści" in response.content.decode()
