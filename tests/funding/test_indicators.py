"""The fund's indicators on a seeded organisation tree, against figures computed by hand.

The tree (below Powiat gdański, from the data migration):

    Powiat gdański (county)            Filip         M 30–54 ISCED 5–8   course 2 (8 h)
    ├── Gmina A                        Grażyna       no data given       course 1 (4 h)
    │   ├── Urząd Gminy A (office)     Anna          K 30–54 ISCED 5–8   courses 1 + 2 (12 h), disability
    │   │                              Bartek        M 55+   ISCED 3–4   course 1 (4 h)
    │   └── GOPS A (social welfare)    Celina        refused 18–29 refused  course 1 not finished
    └── Gmina B                        Edward        M 30–54 ISCED 0–2   course 1 before the project
        └── Szkoła w B (school)        Dorota        N refused ISCED 5–8  course 2 (8 h) + course 3
                                                                         (not financed), third-country
"""

import io
from datetime import timedelta
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Enrolment
from events.models import Registration
from funding import selectors
from lms.organisations.models import OrganisationUnit
from lms.users.roles import Role
from tests import factories
from tests.factories import OrganisationUnitFactory, UserFactory
from tests.funding.conftest import declare, make_project

pytestmark = pytest.mark.django_db


def _course(title, hours):
    return factories.course(
        title=title, lessons=1, quiz=False, completion_rule="lessons_only", duration_hours=hours
    )


@pytest.fixture
def seeded():
    county = OrganisationUnit.objects.get(code="2204")
    gmina_a = OrganisationUnitFactory(parent=county, name="Gmina A")
    office_a = OrganisationUnitFactory(parent=gmina_a, name="Urząd Gminy A", unit_type="office")
    gops_a = OrganisationUnitFactory(parent=gmina_a, name="GOPS A", unit_type="social_welfare")
    gmina_b = OrganisationUnitFactory(parent=county, name="Gmina B")
    school_b = OrganisationUnitFactory(parent=gmina_b, name="Szkoła w B", unit_type="school")
    course1, course2, course3 = _course("Kurs 1", 4), _course("Kurs 2", 8), _course("Kurs 3", 6)
    project = make_project(course1, course2)

    def person(name, unit):
        return UserFactory(first_name=name, unit=unit, roles=[Role.LEARNER])

    people = {
        "anna": person("Anna", office_a),
        "bartek": person("Bartek", office_a),
        "celina": person("Celina", gops_a),
        "dorota": person("Dorota", school_b),
        "edward": person("Edward", gmina_b),
        "filip": person("Filip", county),
        "grazyna": person("Grażyna", gmina_a),
    }
    declare(people["anna"], project, sex="female", disability="yes")
    declare(people["bartek"], project, sex="male", age_band="55_plus", education="isced_3_4")
    declare(people["celina"], project, sex="refused", age_band="18_29", education="refused")
    declare(
        people["dorota"],
        project,
        sex="non_binary",
        age_band="refused",
        third_country_national="yes",
        foreign_background="yes",
    )
    declare(people["edward"], project, sex="male", education="isced_0_2", rural_area="yes")
    declare(people["filip"], project, sex="male")

    for name, courses in {
        "anna": [course1, course2],
        "bartek": [course1],
        "dorota": [course2, course3],
        "edward": [course1],
        "filip": [course2],
        "grazyna": [course1],
    }.items():
        for course in courses:
            factories.complete_course(people[name], course)
    Enrolment.objects.create(user=people["celina"], course=course1, progress_percent=50)
    Enrolment.objects.filter(user=people["edward"]).update(
        completed_at=timezone.now() - timedelta(days=300)  # the project started 200 days ago
    )
    return {
        "project": project,
        "people": people,
        "units": {"county": county, "office_a": office_a, "gops_a": gops_a, "school_b": school_b},
    }


def table(project) -> dict:
    """(section, label) -> (female, male, non-binary, refused, total)."""
    return {
        (str(row["section"]), str(row["label"])): (
            row["female"],
            row["male"],
            row["non_binary"],
            row["refused"],
            row["total"],
        )
        for row in selectors.indicator_table(project)
    }


def test_participants_by_sex_age_and_education_match_the_hand_count(seeded):
    rows = table(seeded["project"])

    assert rows[("Uczestnicy", "Uczestnicy ogółem")] == (1, 3, 1, 1, 6)
    assert rows[("Wiek", "poniżej 18 lat")] == (0, 0, 0, 0, 0)
    assert rows[("Wiek", "18–29 lat")] == (0, 0, 0, 1, 1)
    assert rows[("Wiek", "30–54 lata")] == (1, 2, 0, 0, 3)
    assert rows[("Wiek", "55 lat i więcej")] == (0, 1, 0, 0, 1)
    assert rows[("Wiek", "odmowa podania informacji")] == (0, 0, 1, 0, 1)
    assert rows[("Wykształcenie", "podstawowe, gimnazjalne lub niższe (ISCED 0–2)")] == (
        0,
        1,
        0,
        0,
        1,
    )
    assert rows[("Wykształcenie", "ponadpodstawowe lub policealne (ISCED 3–4)")] == (0, 1, 0, 0, 1)
    assert rows[("Wykształcenie", "wyższe (ISCED 5–8)")] == (1, 1, 1, 0, 3)
    assert rows[("Wykształcenie", "odmowa podania informacji")] == (0, 0, 0, 1, 1)
    assert rows[("osoba z niepełnosprawnościami", "tak")] == (1, 0, 0, 0, 1)
    assert rows[("osoba z niepełnosprawnościami", "nie")] == (0, 3, 1, 1, 5)
    assert rows[("obywatel(ka) państwa trzeciego", "tak")] == (0, 0, 1, 0, 1)
    assert rows[("mieszka na obszarze wiejskim", "tak")] == (0, 1, 0, 0, 1)


def test_support_hours_and_supported_administrations_match_the_hand_count(seeded):
    rows = table(seeded["project"])

    # Completed a financed course within the project's dates: Anna, Bartek, Dorota, Filip
    # (Edward finished before it started; Grażyna gave no data; Celina has not finished).
    assert rows[("Wsparcie", "Uczestnicy, którzy ukończyli wsparcie")] == (1, 2, 1, 0, 4)
    # Anna 4 + 8, Bartek 4, Filip 8, Dorota 8 (course 3 is not financed).
    hours = rows[("Wsparcie", "Godziny szkoleń (osobogodziny)")]
    assert hours == (Decimal(12), Decimal(12), Decimal(8), 0, Decimal(32))
    assert rows[("Wsparcie", "Podmioty administracji publicznej objęte wsparciem")][4] == 3
    supported = selectors.supported_administrations(seeded["project"])
    units = seeded["units"]
    assert [(item["unit"], item["completed"]) for item in supported] == [
        (units["county"], 1),
        (units["office_a"], 2),
        (units["school_b"], 1),
    ]


def test_the_employer_is_the_unit_at_the_start_of_support(seeded):
    anna = seeded["people"]["anna"]
    anna.unit = seeded["units"]["gops_a"]
    anna.save()

    supported = selectors.supported_administrations(seeded["project"])

    assert seeded["units"]["office_a"] in [item["unit"] for item in supported]
    assert seeded["units"]["gops_a"] not in [item["unit"] for item in supported]


def test_an_attended_financed_event_is_completed_support(seeded):
    """Celina attended a 3-hour panel the project finances (the events app's hook); Bartek
    registered for another financed panel but did not come; Anna attended one the project does
    not finance."""
    from events import services as event_services

    people, project = seeded["people"], seeded["project"]
    panel = factories.event(title="Panel finansowany", hours=3, starts_in=timedelta(days=-1))
    absent = factories.event(title="Panel bez obecności", starts_in=timedelta(days=-1))
    other = factories.event(title="Panel spoza projektu", starts_in=timedelta(days=-1))
    project.financed_pages.create(page=panel)
    project.financed_pages.create(page=absent)
    for event, person in ((panel, "celina"), (absent, "bartek"), (other, "anna")):
        event_services.register(
            event=event, user=people[person], notify=False, now=event.starts_at - timedelta(days=1)
        )
    Registration.objects.filter(event__in=[panel, other]).update(attended_at=timezone.now())

    rows = table(project)
    supported = [item["unit"] for item in selectors.supported_administrations(project)]

    assert rows[("Wsparcie", "Uczestnicy, którzy ukończyli wsparcie")] == (1, 2, 1, 1, 5)
    assert rows[("Wsparcie", "Godziny szkoleń (osobogodziny)")][3:] == (Decimal(3), Decimal(35))
    assert seeded["units"]["gops_a"] in supported


def test_the_reports_show_and_export_the_same_figures(seeded, admin_client):
    project = seeded["project"]
    params = {"project": project.pk}

    page = admin_client.get(reverse("funding_indicators"), params)
    export = admin_client.get(reverse("funding_indicators"), {**params, "export": "xlsx"})
    units = admin_client.get(reverse("funding_administrations"), params)
    units_csv = admin_client.get(reverse("funding_administrations"), {**params, "export": "csv"})

    assert page.status_code == HTTPStatus.OK
    assert "Uczestnicy ogółem" in page.content.decode()
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = {(r[0], r[1]): r[2:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("Uczestnicy", "Uczestnicy ogółem")] == (1, 3, 1, 1, 6)
    assert rows[("Wsparcie", "Godziny szkoleń (osobogodziny)")] == (12, 12, 8, 0, 32)
    assert rows[("Wsparcie", "Podmioty administracji publicznej objęte wsparciem")] == (
        None,
        None,
        None,
        None,
        3,
    )
    html = units.content.decode()
    assert "Urząd Gminy A" in html
    assert "Szkoła w B" in html
    assert "GOPS A" not in html
    lines = b"".join(units_csv.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[0] == "Jednostka"
    assert sorted(line.split(";")[0] for line in lines[1:]) == [
        "Powiat gdański",
        "Szkoła w B",
        "Urząd Gminy A",
    ]
