"""The programme board's reports: nothing of a group under 5 people, small groups pooled, no
names, e-mails or times in any page or export, coordinators limited to their units."""

import csv
import io
import re
from http import HTTPStatus

import openpyxl
import pytest
from django.urls import reverse

from evaluation import anonymity
from evaluation.models import SurveyAnswer
from lms.users.roles import Role
from tests.evaluation.conftest import respond
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("evaluation_results")
SUMMARY = reverse("evaluation_summary")


@pytest.mark.parametrize(
    ("sizes", "shown", "pooled"),
    [
        ({"a": 7, "b": 5}, {"a": 7, "b": 5}, None),
        # Small groups pooled when together they reach 5.
        ({"a": 7, "b": 3, "c": 2}, {"a": 7}, 5),
        # A pool of 2 would be a small group in disguise: the smallest shown group joins it.
        ({"a": 9, "b": 6, "c": 2}, {"a": 9}, 8),
        # Everything together below 5: nothing at all.
        ({"a": 2, "b": 2}, {}, None),
    ],
)
def test_the_anonymity_rule(sizes, shown, pooled):
    grouping = anonymity.pool(sizes, {key: key for key in sizes})

    assert {g.label: g.size for g in grouping.groups if not g.pooled} == shown
    assert next((g.size for g in grouping.groups if g.pooled), None) == pooled
    assert all(group.size >= anonymity.MIN_GROUP for group in grouping.groups)
    assert grouping.suppressed == (sum(sizes.values()) < anonymity.MIN_GROUP)


def visible_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def answered(survey, short_course, gminy):
    """Gmina X: 6 answers rating 5; gmina Y: 3 rating 1; gmina Z: 2 rating 2."""
    x, y, z = gminy
    people = respond(page=short_course, unit=x, count=6, rating=5, text="Świetne przykłady z X")
    people += respond(page=short_course, unit=y, count=3, rating=1, text="Za szybko, gmina Y")
    people += respond(page=short_course, unit=z, count=2, rating=2, text="Mało czasu, gmina Z")
    return people


def test_units_under_five_are_never_shown_and_are_pooled(admin_client, answered, survey):
    response = admin_client.get(RESULTS, {"by": "unit", "survey": survey.pk})

    text = visible_text(response)
    assert response.status_code == HTTPStatus.OK
    assert "Gmina X" in text
    assert "Gmina Y" not in text
    assert "Gmina Z" not in text
    assert "pozostałe (mniejsze grupy razem)" in text
    results = response.context["results"]
    overall = results.questions[0]
    assert [(g.label, g.n, g.average) for g in overall.groups] == [
        ("Gmina X", 6, 5.0),
        ("pozostałe (mniejsze grupy razem)", 5, 1.4),
        ("Razem", 11, 3.4),
    ]
    assert response.content.decode().count('<figure class="report-chart evaluation-chart"') == 8
    # Open answers: the pooled group's are listed together, never under a small unit's name.
    opened = next(q for q in results.questions if q.type == "open_text")
    assert (
        sorted(opened.groups[1].texts) == ["Mało czasu, gmina Z"] * 2 + ["Za szybko, gmina Y"] * 3
    )


def test_a_selection_under_five_shows_counts_only(admin_client, survey, short_course, gminy):
    respond(page=short_course, unit=gminy[0], count=4, rating=5, text="Tajemnica")

    response = admin_client.get(RESULTS, {"page": short_course.pk})

    text = visible_text(response)
    assert "4 – to mniej niż 5, więc wyników nie pokazujemy." in text
    assert "Tajemnica" not in text
    assert "evaluation-chart" not in response.content.decode()
    export = admin_client.get(RESULTS, {"page": short_course.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Razem"]
    assert "Tajemnica" not in export.getvalue().decode()


def test_pages_and_exports_hold_no_names_emails_or_times(admin_client, answered, survey):
    pages = [
        admin_client.get(RESULTS, {"by": by, "survey": survey.pk})
        for by in ("page", "county", "unit_type", "unit")
    ]
    pages.append(admin_client.get(SUMMARY))
    exports = [
        admin_client.get(RESULTS, {"by": "unit", "export": "csv"}).getvalue().decode("utf-8-sig"),
        admin_client.get(SUMMARY, {"export": "csv"}).getvalue().decode("utf-8-sig"),
    ]
    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(RESULTS, {"by": "unit", "export": "xlsx"}).getvalue())
    )
    cells = [
        str(cell)
        for row in workbook.active.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    texts = [visible_text(page) for page in pages] + exports + ["\n".join(cells)]

    for person in answered:
        for text in texts:
            assert person.email not in text
            assert person.last_name not in text
    for text in texts:
        assert not re.search(r"\d{1,2}:\d{2}", text), "a time of day"
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "a date"
    # What the export does hold: the pooled figures and the open answers.
    assert "pozostałe (mniejsze grupy razem)" in exports[0]
    assert "Świetne przykłady z X" in exports[0]
    assert "Gmina Y" not in exports[0]


def test_open_answers_are_not_in_the_order_they_were_given(admin_client, survey, short_course):
    """Their order is that of random ids: the same for every reader, unrelated to time."""
    from lms.organisations.models import OrganisationUnit

    unit = OrganisationUnit.objects.get(code="2204")
    for number in range(8):
        respond(page=short_course, unit=unit, count=1, text=f"Odpowiedź {number}")

    results = admin_client.get(RESULTS, {"survey": survey.pk}).context["results"]

    opened = next(q for q in results.questions if q.type == "open_text")
    listed = opened.groups[0].texts
    by_random_id = SurveyAnswer.objects.filter(question_key=opened.key).order_by("pk")
    assert listed == list(by_random_id.values_list("text", flat=True))
    assert sorted(listed) == [f"Odpowiedź {n}" for n in range(8)]


def test_coordinators_see_their_units_only_and_trainers_nothing(
    client, answered, survey, short_course, gminy
):
    coordinator = UserFactory(unit=gminy[0], roles=[Role.COORDINATOR])
    coordinator.coordinated_units.add(gminy[1])  # gmina Y: 3 answers
    client.force_login(coordinator)

    response = client.get(RESULTS, {"survey": survey.pk})

    text = visible_text(response)
    assert response.context["results"].grouping.suppressed
    assert "mniej niż 5, więc wyników nie pokazujemy" in text
    summary = client.get(SUMMARY).context["object_list"]
    assert [(row["invited"], row["answered"], row["average"]) for row in summary] == [(3, 3, None)]

    coordinator.coordinated_units.add(gminy[0])  # and gmina X: 6 more
    shown = client.get(RESULTS, {"survey": survey.pk}).context["results"]
    assert shown.grouping.total == 9

    trainer = UserFactory(roles=[Role.TRAINER])
    short_course.trainers.add(trainer)
    client.force_login(trainer)
    assert client.get(RESULTS).status_code == HTTPStatus.FOUND
    assert client.get(SUMMARY, {"export": "csv"}).status_code == HTTPStatus.FOUND


def test_the_response_rate_counts_invited_and_answered(admin_client, survey, short_course, gminy):
    from tests import factories

    respond(page=short_course, unit=gminy[0], count=5)
    for _ in range(3):  # completed, not answered
        factories.complete_course(UserFactory(unit=gminy[0]), short_course)

    [row] = admin_client.get(SUMMARY).context["object_list"]

    assert (row["invited"], row["answered"], row["rate"], row["average"]) == (8, 5, 62, 4.0)
