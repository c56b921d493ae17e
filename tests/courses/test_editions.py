"""New editions of a course: a draft copy of the whole tree next to the old one; the learners of
the old edition keep their records; the catalogue lists the current edition only; the old one
takes no new self-enrolment and says where the current one is."""

from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from certificates.models import Certificate
from courses import editions, services
from courses.models import (
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    QuizAttempt,
    QuizPage,
)
from courses.signals import edition_copied
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def publish_tree(page):
    """What an administrator does in Wagtail: publish the course with its sub-pages."""
    for each in Page.objects.descendant_of(page, inclusive=True).specific().order_by("path"):
        each.save_revision().publish()
    return CoursePage.objects.get(pk=page.pk)


@pytest.fixture
def trainer(db):
    return UserFactory(first_name="Tomasz", last_name="Trener", roles=[Role.TRAINER])


@pytest.fixture
def course_2025(trainer):
    """A course labelled 2025, with a lesson outside and a lesson and the quiz inside a module."""
    course = factories.course(title="Obsługa cudzoziemców", lessons=1, quiz=False)
    course.edition_label = "2025"
    course.trainers.set([trainer])
    course.save_revision().publish()
    course = CoursePage.objects.get(pk=course.pk)
    services.sync_course_trainers(course=course)
    module = course.add_child(instance=ModulePage(title="Moduł prawny", intro="Przepisy."))
    module.add_child(
        instance=LessonPage(title="Ustawa o cudzoziemcach", body=[("rich_text", "<p>Art. 1</p>")])
    )
    module.add_child(
        instance=QuizPage(
            title="Test końcowy",
            questions=factories.quiz_questions(3),
            pass_mark_percent=50,
            shuffle_questions=False,
            shuffle_answers=False,
        )
    )
    return CoursePage.objects.get(pk=course.pk)


def tree(course):
    """(depth below the course, type, title, live) of every page of the course, in order."""
    return [
        (page.depth - course.depth, type(page).__name__, page.title, page.live)
        for page in course.get_descendants().specific().order_by("path")
    ]


def new_edition(client, course, label="2026"):
    return client.post(reverse("courses_new_edition", args=[course.pk]), {"label": label})


# --- Copying -------------------------------------------------------------------------------------


def test_new_edition_is_a_draft_copy_of_the_whole_course_next_to_the_old_one(
    admin_client, course_2025, trainer
):
    form = admin_client.get(reverse("courses_new_edition", args=[course_2025.pk]))
    response = new_edition(admin_client, course_2025)

    edition = CoursePage.objects.get(edition_of=course_2025)
    assert form.status_code == HTTPStatus.OK
    assert form.context["form"].initial["label"] not in ("", "2025")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[edition.pk])
    assert "Utworzono szkic edycji „2026”" in messages_of(response)[-1]
    assert (edition.live, edition.edition_label, edition.edition_number) == (False, "2026", 2)
    assert edition.slug == f"{course_2025.slug}-2026"
    assert edition.title == course_2025.title
    assert edition.get_parent().pk == course_2025.get_parent().pk
    assert list(edition.trainers.all()) == [trainer]
    # Same structure, every page a draft; the old course is untouched.
    old_tree = tree(course_2025)
    assert [row[:3] for row in tree(edition)] == [row[:3] for row in old_tree]
    assert not any(live for *_rest, live in tree(edition))
    assert all(live for *_rest, live in old_tree)
    assert CoursePage.objects.get(pk=course_2025.pk).live
    # Same blocks.
    old_lesson, new_lesson = (
        LessonPage.objects.descendant_of(c).get(title="Ustawa o cudzoziemcach")
        for c in (course_2025, edition)
    )
    old_quiz, new_quiz = (QuizPage.objects.descendant_of(c).get() for c in (course_2025, edition))
    assert list(new_lesson.body.raw_data) == list(old_lesson.body.raw_data)
    assert list(new_quiz.questions.raw_data) == list(old_quiz.questions.raw_data)
    assert new_quiz.pass_mark_percent == 50


def test_the_trainers_edit_the_new_edition_and_the_editor_lists_the_editions(course_2025, trainer):
    client = client_of(trainer)
    response = new_edition(client, course_2025)
    edition = CoursePage.objects.get(edition_of=course_2025)

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert editor.status_code == HTTPStatus.OK
    html = editor.content.decode()
    assert "Edycje tego kursu" in html
    assert "1 – 2025" in html
    assert "2 – 2026" in html
    assert "opublikowana – w katalogu" in html  # 2025, until 2026 is published
    assert reverse("wagtailadmin_pages:edit", args=[course_2025.pk]) in html
    assert reverse("courses_new_edition", args=[edition.pk]) in html  # "Nowa edycja"


def test_a_third_edition_joins_the_same_lineage(admin_client, course_2025):
    new_edition(admin_client, course_2025, "2026")
    second = CoursePage.objects.get(edition_of=course_2025)

    new_edition(admin_client, second, "2027")

    third = CoursePage.objects.get(edition_of=course_2025, edition_number=3)
    assert third.slug == f"{course_2025.slug}-2027"  # not "…-2026-2027"
    assert [e.edition_label for e in editions.editions_of(course=second)] == [
        "2025",
        "2026",
        "2027",
    ]


@pytest.mark.parametrize(
    ("label", "error"),
    [
        ("2025", "Ten kurs ma już edycję „2025”. Podaj inne oznaczenie."),
        ("   ", "To pole jest wymagane."),
        ("x" * 41, "Upewnij się, że ta wartość ma co najwyżej 40 znaków (obecnie ma 41)."),
    ],
)
def test_a_bad_label_is_refused_in_polish_and_nothing_is_copied(
    admin_client, course_2025, label, error
):
    pages = Page.objects.count()

    response = new_edition(admin_client, course_2025, label)

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["label"] == [error]
    assert Page.objects.count() == pages


def test_people_who_do_not_edit_the_course_cannot_make_an_edition(course_2025, units):
    other_trainer = UserFactory(roles=[Role.TRAINER])
    other = factories.course(title="Inny kurs")
    other.trainers.set([other_trainer])
    other.save()
    services.sync_course_trainers(course=other)
    coordinator = UserFactory(roles=[Role.COORDINATOR], unit=units[0])
    coordinator.coordinated_units.add(units[0])
    url = reverse("courses_new_edition", args=[course_2025.pk])

    for person in (other_trainer, coordinator):
        client = client_of(person)
        assert client.get(url).status_code == HTTPStatus.FOUND
        assert new_edition(client, course_2025).status_code == HTTPStatus.FOUND
        assert reverse("wagtailadmin_home") == client.get(url)["Location"]
    assert not CoursePage.objects.filter(edition_of=course_2025).exists()
    # The button is offered to the course's trainer, not to another one.
    editor = client_of(other_trainer).get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert url not in editor.content.decode()


def test_the_button_is_in_the_page_header_and_listing_for_administrators(admin_client, course_2025):
    url = reverse("courses_new_edition", args=[course_2025.pk])

    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[course_2025.pk]))
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[course_2025.get_parent().pk]))
    lesson = LessonPage.objects.descendant_of(course_2025).first()
    lesson_editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))

    assert url in editor.content.decode()
    assert url in listing.content.decode()
    assert "Nowa edycja" in listing.content.decode()
    assert "nowa-edycja" not in lesson_editor.content.decode()
    assert (
        admin_client.get(reverse("courses_new_edition", args=[lesson.pk])).status_code
        == HTTPStatus.NOT_FOUND
    )


def test_a_plain_wagtail_copy_of_an_edition_starts_a_new_course(admin_user, course_2025):
    edition = editions.create_edition(course=course_2025, label="2026", user=admin_user)

    copy = edition.copy(recursive=True, keep_live=False, update_attrs={"slug": "kopia"})

    copy = CoursePage.objects.get(pk=copy.pk)
    assert (copy.edition_of_id, copy.edition_number) == (None, 1)
    assert [e.pk for e in editions.editions_of(course=copy)] == [copy.pk]


def test_edition_copied_hands_over_the_page_map_and_a_failure_rolls_everything_back(
    admin_user, course_2025
):
    received = []

    def copy_pools(sender, source, edition, page_map, user, **kwargs):
        received.append((source.pk, edition.pk, dict(page_map), user))

    def broken(sender, **kwargs):
        raise RuntimeError("pule pytań niedostępne")

    edition_copied.connect(copy_pools, dispatch_uid="test-copy-pools")
    try:
        edition = editions.create_edition(course=course_2025, label="2026", user=admin_user)
    finally:
        edition_copied.disconnect(dispatch_uid="test-copy-pools")

    (source_pk, edition_pk, page_map, user) = received[0]
    assert (source_pk, edition_pk, user) == (course_2025.pk, edition.pk, admin_user)
    old_quiz, new_quiz = (QuizPage.objects.descendant_of(c).get() for c in (course_2025, edition))
    assert page_map[course_2025.pk] == edition.pk
    assert page_map[old_quiz.pk] == new_quiz.pk
    assert len(page_map) == len(tree(course_2025)) + 1

    pages = Page.objects.count()
    edition_copied.connect(broken, dispatch_uid="test-broken")
    try:
        with pytest.raises(RuntimeError):
            editions.create_edition(course=course_2025, label="2027", user=admin_user)
    finally:
        edition_copied.disconnect(dispatch_uid="test-broken")
    assert Page.objects.count() == pages
    assert not CoursePage.objects.filter(edition_label="2027").exists()


def test_the_first_edition_cannot_be_deleted_while_later_ones_exist(admin_client, course_2025):
    edition = editions.create_edition(course=course_2025, label="2026", user=None)

    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[course_2025.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert "kursy (1)" in messages_of(response)[-1]
    assert CoursePage.objects.filter(pk=course_2025.pk).exists()
    with pytest.raises(ProtectedError):
        course_2025.delete()
    assert CoursePage.objects.filter(pk=edition.pk).exists()


# --- The learners of the old edition ---------------------------------------------------------------


def finish(user, course):
    """Every lesson done and the quiz passed; the learner's certificate."""
    enrolment = services.enrol(user=user, course=course)
    for lesson in LessonPage.objects.descendant_of(course):
        services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.descendant_of(course).get()
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    services.submit_quiz(
        enrolment=enrolment,
        quiz=quiz,
        attempt_id=attempt.pk,
        data=factories.correct_answers(attempt),
    )
    return Certificate.objects.get(enrolment=enrolment)


def test_learners_of_the_old_edition_keep_their_records_and_certificates(
    admin_user, course_2025, user
):
    finished = UserFactory(first_name="Celina", roles=[Role.LEARNER])
    certificate = finish(finished, course_2025)
    enrolment = services.enrol(user=user, course=course_2025)
    lesson = LessonPage.objects.child_of(course_2025).get()
    services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.descendant_of(course_2025).get()
    services.start_attempt(enrolment=enrolment, quiz=quiz)
    before = (
        list(Enrolment.objects.order_by("pk").values()),
        list(LessonCompletion.objects.order_by("pk").values()),
        list(QuizAttempt.objects.order_by("pk").values()),
        list(Certificate.objects.order_by("pk").values_list("pk", "enrolment_id", "number")),
    )

    edition = publish_tree(editions.create_edition(course=course_2025, label="2026", user=None))

    after = (
        list(Enrolment.objects.order_by("pk").values()),
        list(LessonCompletion.objects.order_by("pk").values()),
        list(QuizAttempt.objects.order_by("pk").values()),
        list(Certificate.objects.order_by("pk").values_list("pk", "enrolment_id", "number")),
    )
    assert after == before
    assert not Enrolment.objects.filter(course=edition).exists()
    assert not Certificate.objects.filter(enrolment__course=edition).exists()

    # Still reachable: the course page, the lesson, the quiz, "My training", the certificates.
    learner = client_of(user)
    page = learner.get(course_2025.url).content.decode()
    assert "Edycja 2025" in page
    assert "Kontynuuj" in page
    assert "Jest już nowsza edycja tego kursu" in page
    assert edition.url in page
    assert learner.get(lesson.url).status_code == HTTPStatus.OK
    assert learner.get(quiz.url).status_code == HTTPStatus.OK
    dashboard = learner.get(reverse("dashboard")).content.decode()
    assert course_2025.url in dashboard
    assert "(edycja 2025)" in dashboard
    mine = client_of(finished).get(reverse("certificates:mine")).content.decode()
    assert certificate.number in mine
    assert "Kurs ukończony" in client_of(finished).get(course_2025.url).content.decode()


# --- The catalogue and enrolment -------------------------------------------------------------------


def catalogue_courses(client, **params):
    response = client.get(factories.catalogue().url, params)
    assert response.status_code == HTTPStatus.OK
    return [card["course"].pk for card in response.context["cards"]]


def test_the_catalogue_lists_the_current_edition_only(
    learner_client, course_2025, django_assert_max_num_queries
):
    other = factories.course(title="Uczeń z doświadczeniem migracji", area="edukacja")
    draft = editions.create_edition(course=course_2025, label="2026", user=None)

    # A draft edition replaces nothing.
    assert sorted(catalogue_courses(learner_client)) == sorted([course_2025.pk, other.pk])

    edition = publish_tree(draft)
    third = publish_tree(editions.create_edition(course=edition, label="2027", user=None))
    catalogue_courses(learner_client)  # warm per-process caches
    with django_assert_max_num_queries(8):  # as without editions (tests/courses/test_queries.py)
        listed = catalogue_courses(learner_client)

    assert sorted(listed) == sorted([third.pk, other.pk])
    assert catalogue_courses(learner_client, q="cudzoziemców") == [third.pk]
    assert catalogue_courses(learner_client, obszar="zdrowie") == [third.pk]
    html = learner_client.get(factories.catalogue().url).content.decode()
    assert "Edycja 2027" in html
    assert course_2025.url not in html

    # Taking the newest edition down brings the previous one back.
    third.unpublish()
    assert sorted(catalogue_courses(learner_client)) == sorted([edition.pk, other.pk])


def test_the_old_edition_refuses_new_enrolment_and_points_to_the_current_one(
    learner_client, user, course_2025
):
    edition = publish_tree(editions.create_edition(course=course_2025, label="2026", user=None))

    page = learner_client.get(course_2025.url).content.decode()
    refused = learner_client.post(course_2025.url)

    assert "Ta edycja kursu nie przyjmuje już nowych zapisów." in page
    assert (
        f'<a href="{edition.url}">Przejdź do aktualnej edycji: Obsługa cudzoziemców (edycja 2026)'
        in page
    )
    assert "Zapisz się na kurs" not in page
    assert refused.status_code == HTTPStatus.FOUND
    assert messages_of(refused)[-1] == (
        "Ta edycja kursu nie przyjmuje już nowych zapisów. Zapisz się na aktualną edycję: "
        "„Obsługa cudzoziemców (edycja 2026)”."
    )
    assert not Enrolment.objects.filter(user=user).exists()
    with pytest.raises(PermissionDenied):
        services.enrol(user=user, course=course_2025)

    # The current edition takes the learner.
    assert "Zapisz się na kurs" in learner_client.get(edition.url).content.decode()
    learner_client.post(edition.url)
    assert Enrolment.objects.filter(user=user, course=edition).exists()


def test_anonymous_visitors_see_the_note_and_assigned_people_may_still_start(
    client, admin_user, course_2025
):
    assigned = UserFactory(roles=[Role.LEARNER])
    services.assign(users=[assigned], course=course_2025, assigned_by=admin_user)
    publish_tree(editions.create_edition(course=course_2025, label="2026", user=None))

    anonymous = client.get(course_2025.url).content.decode()
    theirs = client_of(assigned).get(course_2025.url).content.decode()

    assert "Ta edycja kursu nie przyjmuje już nowych zapisów." in anonymous
    assert "Rozpocznij kurs" in theirs
    assert "nie przyjmuje już nowych zapisów" not in theirs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_at_once_get_the_next_two_numbers(course_2025, admin_user):
    from tests.concurrency import run_concurrently

    results, errors = run_concurrently(
        lambda label: (
            editions.create_edition(course=course_2025, label=label, user=admin_user).edition_number
        ),
        arguments=[("2026",), ("2027",)],
    )

    assert errors == []
    assert sorted(results) == [2, 3]
    assert [e.edition_label for e in editions.editions_of(course=course_2025)][0] == "2025"
    assert CoursePage.objects.filter(edition_of=course_2025).count() == 2
