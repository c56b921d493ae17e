"""The public knowledge base: the index with its filters, a standard's page (version, review
dates, legal basis with its validity, related lessons), the lesson card linking to a standard."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError

from courses import services as course_services
from courses.models import LessonPage
from knowledge.blocks import LegalBasisBlock
from knowledge.models import ReviewStatus, StandardPage
from lms.dates import add_months
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def legal(act, *, valid_from=None, valid_until=None):
    return (
        "legal_basis",
        {
            "act": act,
            "reference": "Dz.U. z 2025 r. poz. 620",
            "provisions": "",
            "valid_from": valid_from,
            "valid_until": valid_until,
            "url": "",
            "note": "",
        },
    )


def lesson_linking(standard, *, course_title="Cudzoziemiec w OPS", **course_fields):
    """A published course whose first lesson links to `standard` with the lesson block."""
    course = factories.course(title=course_title, lessons=2, quiz=False, **course_fields)
    lesson = LessonPage.objects.child_of(course).order_by("path").first()
    lesson.body.append(("standard", {"page": standard, "note": "Zajrzyj przed wizytą."}))
    lesson.save_revision().publish()
    return course, LessonPage.objects.get(pk=lesson.pk)


def test_the_index_groups_published_standards_by_area_and_filters_them(
    client, standards, django_assert_max_num_queries
):
    for number in range(6):
        factories.standard(title=f"Procedura zdrowotna {number}", area="zdrowie", kind="procedura")
    index = factories.knowledge_index()

    with django_assert_max_num_queries(15):  # the site menu: calendar and knowledge base
        response = client.get(index.url)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Znaleziono 9 dokumentów." in html
    assert html.index('<h2 id="area-edukacja">Edukacja</h2>') < html.index(
        '<h2 id="area-zdrowie">Zdrowie</h2>'
    )  # the areas' own order
    assert "Szkic procedury PUP" not in html  # drafts stay out

    with django_assert_max_num_queries(15):  # the site menu: calendar and knowledge base
        response = client.get(index.url, {"obszar": "zdrowie", "rodzaj": "procedura"})

    html = response.content.decode()
    assert "Znaleziono 7 dokumentów." in html
    assert "Cudzoziemiec w przychodni" in html
    assert "Standard obsługi cudzoziemca w OPS" not in html
    assert '<option value="zdrowie" selected>' in html
    assert '<option value="procedura" selected>' in html
    assert f'<a href="{index.url}">Baza wiedzy</a>' in client.get("/").content.decode()  # menu


def test_the_index_shows_everything_for_unknown_filter_values(client, standards):
    response = client.get(
        factories.knowledge_index().url, {"obszar": "nie-ma\x00", "rodzaj": "<script>"}
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.count('class="standard-item"') == 3
    assert "&lt;script&gt;" not in html
    assert "<script>" not in html


def test_a_standard_shows_its_version_review_dates_and_legal_basis_by_validity(client, trainer):
    today = timezone.localdate()
    standard = factories.standard(
        title="Cudzoziemiec w powiatowym urzędzie pracy",
        area="zatrudnienie",
        kind="procedura",
        version="2.1",
        last_reviewed_on=datetime.date(2025, 6, 2),
        interval=6,
        responsible=trainer,
        body=[
            legal(
                "Ustawa o promocji zatrudnienia i instytucjach rynku pracy",
                valid_from=datetime.date(2004, 6, 1),
                valid_until=datetime.date(2025, 5, 31),
            ),
            legal(
                "Ustawa o rynku pracy i służbach zatrudnienia", valid_from=datetime.date(2025, 6, 1)
            ),
            legal(
                "Ustawa, która dopiero wejdzie w życie",
                valid_from=today + datetime.timedelta(days=30),
            ),
        ],
    )

    response = client.get(standard.url)

    html = " ".join(response.content.decode().split())
    assert response.status_code == HTTPStatus.OK
    assert "<dt>Wersja</dt><dd>2.1</dd>" in html
    assert '<time datetime="2025-06-02">2 czerwca 2025</time>' in html
    assert '<time datetime="2025-12-02">2 grudnia 2025</time>' in html  # + 6 months
    assert "termin minął – standard czeka na przegląd" in html
    expired = html.split("legal-basis--expired")[1].split("</aside>")[0]
    assert "nieobowiązująca" in expired
    assert "Ustawa o promocji zatrudnienia" in expired
    assert 'Obowiązywała do <time datetime="2025-05-31">31 maja 2025</time>' in expired
    in_force = html.split("legal-basis--in_force")[1].split("</aside>")[0]
    assert "Ustawa o rynku pracy" in in_force
    assert "nieobowiązująca" not in in_force
    assert 'Obowiązuje od <time datetime="2025-06-01">1 czerwca 2025</time>' in in_force
    pending = html.split("legal-basis--pending")[1].split("</aside>")[0]
    assert "jeszcze nie obowiązuje" in pending
    assert "Wchodzi w życie" in pending


def test_a_legal_basis_cannot_end_before_it_starts():
    block = LegalBasisBlock()
    value = block.to_python(
        {
            "act": "Ustawa o cudzoziemcach",
            "reference": "Dz.U. z 2024 r. poz. 769",
            "valid_from": "2024-06-01",
            "valid_until": "2024-05-31",
        }
    )

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert "nie może być wcześniejsza" in str(error.value.block_errors["valid_until"])


def test_the_next_review_follows_the_last_review_and_the_interval(trainer):
    standard = factories.standard(last_reviewed_on=datetime.date(2025, 1, 31), interval=1)

    assert standard.review_due_on == datetime.date(2025, 2, 28)

    standard.last_reviewed_on = timezone.localdate()
    standard.review_interval_months = 12
    standard.save_revision().publish()
    standard.refresh_from_db()

    assert standard.review_due_on == add_months(timezone.localdate(), 12)
    assert standard.review_status == ReviewStatus.CURRENT


def test_a_lesson_shows_the_linked_standard_as_a_card(client, user):
    standard = factories.standard(version="1.3", last_reviewed_on=datetime.date(2026, 3, 5))
    course, lesson = lesson_linking(standard)
    course_services.enrol(user=user, course=course)
    client.force_login(user)

    response = client.get(lesson.url)

    html = " ".join(response.content.decode().split())
    assert response.status_code == HTTPStatus.OK
    card = html.split('<aside class="standard-card"')[1].split("</aside>")[0]
    assert f'<a href="{standard.url}">Standard obsługi cudzoziemca w OPS</a>' in card
    assert "wersja 1.3" in card
    assert '<time datetime="2026-03-05">5 marca 2026</time>' in card
    assert "Zajrzyj przed wizytą." in card


def test_a_lesson_hides_the_card_of_an_unpublished_standard(client, user):
    standard = factories.standard()
    course, lesson = lesson_linking(standard)
    standard.unpublish()
    course_services.enrol(user=user, course=course)
    client.force_login(user)

    html = client.get(lesson.url).content.decode()

    assert "standard-card" not in html


def test_a_standard_lists_the_published_lessons_linking_to_it(
    client, django_assert_max_num_queries
):
    standard = factories.standard()
    _course, lesson = lesson_linking(standard)
    _draft_course, hidden_lesson = lesson_linking(standard, course_title="Kurs w przygotowaniu")
    hidden_lesson.get_parent().specific.unpublish()
    other_course, unpublished = lesson_linking(standard, course_title="Drugi kurs")
    unpublished.unpublish()

    with django_assert_max_num_queries(18):
        response = client.get(standard.url)

    html = " ".join(response.content.decode().split())
    related = html.split('id="related-lessons-title"')[1].split("</section>")[0]
    assert f'<a href="{lesson.url}">Lekcja 1</a> – kurs „Cudzoziemiec w OPS”' in related
    assert "Kurs w przygotowaniu" not in related
    assert "Drugi kurs" not in related
    assert related.count("<li>") == 1


def test_a_standard_not_linked_from_any_lesson_says_so(client):
    response = client.get(factories.standard().url)

    assert "Żadna opublikowana lekcja nie odsyła jeszcze do tego dokumentu." in (
        response.content.decode()
    )


def test_standards_declare_what_the_site_search_indexes():
    names = {field.field_name for field in StandardPage.search_fields}
    standard = factories.standard(kind="lista-kontrolna", area="edukacja")

    assert {"title", "summary", "body"} <= names
    assert standard.search_kind == "Lista kontrolna"
    assert standard.search_area.slug == "edukacja"


def test_trainers_write_standards_and_their_owners_edit_them_but_only_administrators_publish(
    trainer,
):
    other_trainer = UserFactory(roles=["Trener"])
    coordinator = UserFactory(roles=["Koordynator"])
    kept = factories.standard(responsible=trainer)
    index = factories.knowledge_index()

    assert index.permissions_for_user(trainer).can_add_subpage()
    assert kept.permissions_for_user(trainer).can_edit()
    assert not kept.permissions_for_user(trainer).can_publish()
    assert not kept.permissions_for_user(other_trainer).can_edit()
    assert not index.permissions_for_user(coordinator).can_add_subpage()
    assert not kept.permissions_for_user(coordinator).can_edit()
