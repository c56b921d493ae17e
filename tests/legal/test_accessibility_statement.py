"""The accessibility statement: the structure of the minister's technical conditions (v2.0 of
31 July 2024) in every language version, linked from the footer of every page."""

import re
from datetime import date
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

from lms.legal.models import AccessibilityStatement
from tests import factories

pytestmark = pytest.mark.django_db

# The ids the technical conditions (v2.0) require in every statement, in their order.
REQUIRED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-aplikacje",
    "a11y-architektura",
    "a11y-komunikacja",
]
DATE_IDS = [
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
]


def ids_of(html: str) -> list[str]:
    return re.findall(r'\sid="(a11y-[a-z-]+)"', html)


@pytest.fixture
def statements(db):
    return {code: factories.accessibility_statement(code) for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("language", ["pl", "en"])
def test_statement_has_every_required_id_once_in_order(client, statements, language):
    response = client.get(reverse("accessibility_statement", args=[language]))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert f'<html lang="{language}">' in html
    found = ids_of(html)
    assert [i for i in found if i in REQUIRED_IDS] == REQUIRED_IDS
    assert len(found) == len(set(found)), "every id at most once"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_dates_are_time_elements_with_iso_dates(client, statements, language):
    html = client.get(reverse("accessibility_statement", args=[language])).content.decode()

    for element_id in DATE_IDS:
        match = re.search(rf'<time id="{element_id}" datetime="([^"]+)">', html)
        assert match, element_id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", match.group(1))
    assert '<time id="a11y-data-przeglad" datetime="2026-03-27">27 marca 2026</time>' in (
        client.get(reverse("accessibility_statement", args=["pl"])).content.decode()
    )


def test_statement_says_its_status_and_what_is_not_accessible(client, statements):
    html = client.get(reverse("accessibility_statement", args=["pl"])).content.decode()

    assert (
        '<p id="a11y-status">Strona internetowa jest <strong>częściowo zgodna</strong> '
        "z załącznikiem do ustawy z dnia 4 kwietnia 2019 r."
    ) in html
    assert "<h2>Niedostępne treści</h2>" in html
    assert "<h3>Niezgodność z załącznikiem</h3>" in html
    assert "Część dokumentów PDF w lekcjach nie ma nagłówków." in html
    assert "Dostęp alternatywny: Na prośbę wyślemy wersję DOCX." in html
    assert '<a href="https://bip.brpo.gov.pl/">Rzecznika Praw Obywatelskich</a>' in html
    assert '<a id="a11y-email" href="mailto:dostepnosc@centrum-kompetencji.example">' in html
    assert '<a id="a11y-telefon" href="tel:580000000">58 000 00 00</a>' in html


def test_a_fully_compliant_statement_lists_nothing_inaccessible(client):
    factories.accessibility_statement(status=AccessibilityStatement.Status.FULL, issues=[])

    html = client.get(reverse("accessibility_statement", args=["pl"])).content.decode()

    assert "<strong>w pełni zgodna</strong>" in html
    assert "Niedostępne treści" not in html
    assert "a11y-ocena" not in html


def test_disproportionate_burden_links_its_assessment_and_an_audit_names_the_auditor(client):
    factories.accessibility_statement(
        issues=[
            (
                "issue",
                {
                    "kind": "burden",
                    "description": "Archiwalne nagrania szkoleń bez napisów.",
                    "location": "",
                    "alternative": "",
                },
            )
        ],
        burden_assessment_url="https://centrum-kompetencji.example/ocena-kosztow.pdf",
        assessment=AccessibilityStatement.Assessment.AUDIT,
        auditor="Fundacja Dostępności (przykład)",
    )

    html = client.get(reverse("accessibility_statement", args=["pl"])).content.decode()

    assert "<h3>Nadmierne koszty</h3>" in html
    assert (
        '<a id="a11y-ocena" href="https://centrum-kompetencji.example/ocena-kosztow.pdf">' in html
    )
    assert '<span id="a11y-audytor">Fundacja Dostępności (przykład)</span>' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"issues": []}, "issues", "wymień niedostępne treści"),
        ({"status": "full"}, "issues", "nie wymienia niedostępnych treści"),
        ({"assessment": "audit"}, "auditor", "Podaj, kto przeprowadził badanie."),
        ({"reviewed_on": date(2026, 1, 1)}, "reviewed_on", "nie może być wcześniejszy"),
        ({"updated_on": date(2025, 1, 1)}, "updated_on", "nie może być wcześniejsza"),
        ({"prepared_on": date(2999, 1, 1)}, "prepared_on", "nie może być w przyszłości"),
        ({"buildings": []}, "buildings", "Opisz co najmniej siedzibę"),
    ],
)
def test_an_incomplete_statement_is_refused_in_polish(fields, field, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        factories.accessibility_statement(**fields)

    assert message in " ".join(error.value.message_dict[field])
    assert not AccessibilityStatement.objects.exists()


def test_without_a_statement_the_page_says_it_is_being_prepared(client):
    response = client.get(reverse("accessibility"))

    assert response.status_code == HTTPStatus.OK
    assert "jest w przygotowaniu" in response.content.decode()


def test_an_unknown_language_version_does_not_exist(client, statements):
    assert client.get("/dostepnosc/de/").status_code == HTTPStatus.NOT_FOUND


def test_the_generic_address_shows_the_statement_of_the_chosen_language(client, statements):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse("accessibility")).content.decode()

    assert '<html lang="en">' in html
    # Switching the language from the statement opens the other version's statement.
    assert '<input name="next" type="hidden" value="/dostepnosc/">' in html


def footer_statement_link(html: str) -> str:
    footer = html[html.index('<footer class="site-footer">') :]
    return re.search(r'<a href="([^"]+)">[^<]+</a></li>\s*</ul>\s*</nav>', footer).group(1)


@pytest.mark.parametrize(
    ("language", "expected"), [("pl", "/dostepnosc/pl/"), ("en", "/dostepnosc/en/")]
)
def test_footer_of_the_home_page_and_a_course_links_the_statement_of_the_language(
    client, language, expected
):
    course = factories.course(title="Cudzoziemiec w urzędzie", lessons=1, quiz=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    for path in ("/", course.url):
        html = client.get(path).content.decode()
        assert footer_statement_link(html) == expected, path
        assert f'<meta name="deklaracja-dostępności" content="http://testserver{expected}">' in html


def statement_form(statement, **changes):
    """The admin form's data for `statement`, with `changes`."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    fields = {
        name: getattr(statement, name)
        for name in (
            "language",
            "status",
            "entity",
            "site_name",
            "site_url",
            "published_on",
            "updated_on",
            "burden_assessment_url",
            "prepared_on",
            "reviewed_on",
            "assessment",
            "auditor",
            "assessment_report_url",
            "assessment_details",
            "additional_information",
            "keyboard_shortcuts",
            "contact_name",
            "contact_email",
            "contact_phone",
            "complaints_to",
            "mobile_apps",
            "architecture_url",
            "communication",
        )
    }
    fields["issues"] = streamfield([("issue", issue.value) for issue in statement.issues])
    fields["buildings"] = streamfield([("building", b.value) for b in statement.buildings])
    fields.update(changes)
    return nested_form_data({k: "" if v is None else v for k, v in fields.items()})


def test_administrator_records_the_review_in_the_admin(admin_client, statements):
    statement = statements["pl"]
    url = reverse("wagtailsnippets_legal_accessibilitystatement:edit", args=[statement.pk])

    response = admin_client.post(url, statement_form(statement, reviewed_on="2026-11-02"))

    assert response.status_code == HTTPStatus.FOUND
    statement.refresh_from_db()
    assert statement.reviewed_on == date(2026, 11, 2)


def test_a_contradictory_edit_is_refused_in_polish_and_changes_nothing(admin_client, statements):
    statement = statements["pl"]
    url = reverse("wagtailsnippets_legal_accessibilitystatement:edit", args=[statement.pk])

    response = admin_client.post(
        url, statement_form(statement, status="full", contact_name="Ktoś inny")
    )

    assert response.status_code == HTTPStatus.OK
    # Shown under the field by Wagtail's StreamField widget.
    assert response.context["form"].errors["issues"] == [
        "Przy pełnej zgodności deklaracja nie wymienia niedostępnych treści: usuń je albo zmień "
        "stan dostępności."
    ]
    statement.refresh_from_db()
    assert (statement.status, statement.contact_name) == ("partial", "Koordynator ds. dostępności")
