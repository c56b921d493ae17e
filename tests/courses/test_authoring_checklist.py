"""Lesson authoring: reading time computed from the text when the trainer gives none, and the
checklist that keeps an incomplete course out of moderation (the edit is kept as a draft)."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from courses import authoring, services
from courses.models import LessonPage
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OBJECTIVES = "<p>Uczestnik zna prawa cudzoziemca w urzędzie.</p>"


def words(count, word="słowo"):
    return " ".join([word] * count)


@pytest.fixture
def trainer(client):
    """A trainer of the course being written, signed in to the admin."""
    person = UserFactory(roles=[Role.TRAINER], email="trenerka@pomorskie.example")
    client.force_login(person)
    return person


def course_for(trainer, **fields):
    course = factories.course(**fields)
    course.trainers.add(trainer)
    course.save()
    services.sync_course_trainers(course=course)
    return course


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def lesson_form(lesson, *, text, minutes="", action="action-submit"):
    """What the lesson editor posts: the title, one paragraph and the chosen button."""
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "body": streamfield([("rich_text", rich_text(f"<p>{text}</p>"))]),
            "estimated_minutes": minutes,
            "is_required": "on",
            action: "1",
        }
    )


def shown_messages(response):
    return " ".join(str(message.message) for message in response.context["messages"])


# --- Reading time ---------------------------------------------------------------------------------


def test_minutes_are_computed_from_the_text_headings_callouts_and_videos(learner_client, user):
    course = factories.course(lessons=0, quiz=False, completion_rule="lessons_only")
    # 400 words to read (200 a minute: 2 min), a video with a 130-word transcript (spoken at 130
    # a minute: 1 min) and one with captions only (5 min): 8 minutes. The videos' titles and
    # transcripts are not read on top.
    lesson = course.add_child(
        instance=LessonPage(
            title="Prawa cudzoziemca",
            body=[
                ("heading", {"text": words(4, "nagłówek"), "level": "h2"}),
                ("rich_text", f"<p>{words(300)}</p><ul><li>{words(80)}</li></ul>"),
                ("callout", {"kind": "tip", "title": words(6), "text": f"<p>{words(10)}</p>"}),
                (
                    "video",
                    {
                        "video": "https://www.youtube.com/watch?v=abc",
                        "title": words(7, "film"),
                        "transcript": f"<p>{words(130, 'mowa')}</p>",
                        "captions_url": "",
                    },
                ),
                (
                    "video",
                    {
                        "video": "https://www.youtube.com/watch?v=def",
                        "title": "Napisy",
                        "transcript": "",
                        "captions_url": "https://example.org/napisy.vtt",
                    },
                ),
            ],
        )
    )
    services.enrol(user=user, course=course)

    html = learner_client.get(lesson.url).content.decode()

    assert LessonPage.objects.get(pk=lesson.pk).computed_minutes == 8
    assert "Czas: ok. 8 min" in html


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("<p>Krótko.</p>", 1), (f"<p>{words(200)}</p>", 1), (f"<p>{words(201)}</p>", 2)],
)
def test_reading_time_is_rounded_up_and_at_least_a_minute(text, minutes):
    lesson = LessonPage(title="Lekcja", body=[("rich_text", text)])

    assert authoring.reading_minutes(lesson.body) == minutes


def test_the_trainers_own_figure_wins_and_an_emptied_field_goes_back_to_the_computed_one(
    admin_user, learner_client, user
):
    course = factories.course(lessons=1, quiz=False, completion_rule="lessons_only")
    lesson = lessons_of(course)[0]
    services.enrol(user=user, course=course)
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    administrator = Client()
    administrator.force_login(admin_user)

    given_form = lesson_form(lesson, text=words(500), minutes="25", action="action-publish")
    administrator.post(edit, given_form)
    given = learner_client.get(lesson.url).content.decode()
    emptied_form = lesson_form(lesson, text=words(500), minutes="", action="action-publish")
    administrator.post(edit, emptied_form)
    computed = learner_client.get(lesson.url).content.decode()

    assert "Czas: ok. 25 min" in given
    assert "Czas: ok. 3 min" in computed
    assert LessonPage.objects.get(pk=lesson.pk).estimated_minutes is None


# --- The checklist --------------------------------------------------------------------------------


def test_an_empty_course_lists_everything_it_lacks():
    course = factories.course(lessons=0, quiz=False)

    checks = {check.label: check for check in authoring.course_checklist(course=course)}

    assert [label for label, check in checks.items() if not check.passed] == [
        "Kurs ma opisane cele szkolenia",
        "Kurs ma co najmniej jedną lekcję",
        "Test końcowy ma pytania i próg zaliczenia",
    ]
    assert (
        checks["Test końcowy ma pytania i próg zaliczenia"]
        .problems[0]
        .startswith("Warunek ukończenia kursu wymaga testu")
    )


def test_the_checklist_reads_drafts_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    small = factories.course(lessons=1, objectives=OBJECTIVES)
    large = factories.course(title="Długi kurs", lessons=12, objectives=OBJECTIVES)
    for lesson in lessons_of(large):
        lesson.body = [("rich_text", f"<p>Szkic {lesson.title}.</p>")]
        lesson.save_revision()
    lesson.body = []  # the last lesson's newest draft has lost its content
    lesson.save_revision()

    with django_assert_max_num_queries(6):
        small_checks = authoring.course_checklist(course=small)
    with django_assert_max_num_queries(6):
        large_checks = authoring.course_checklist(course=large)

    assert all(check.passed for check in small_checks)
    assert [check.problems for check in large_checks if not check.passed] == [
        ("Lekcja „Lekcja 12”: dodaj treść lekcji.",)
    ]


@pytest.fixture
def incomplete_course(trainer, media):
    """A course without objectives whose second lesson's draft has an image without alt text
    and a video without captions, and whose third embeds an image without alt text in its
    text (drafts may be saved incomplete: Wagtail defers required fields)."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Formularz", file=get_test_image_file())
    course = course_for(trainer, title="Cudzoziemiec w urzędzie")
    first, second, third = lessons_of(course)
    second.body = [
        ("rich_text", "<p>Wniosek o kartę pobytu.</p>"),
        ("image", {"image": image, "alt_text": "", "caption": ""}),
        (
            "video",
            {"video": "https://www.youtube.com/watch?v=abc", "title": "Wizyta w urzędzie"},
        ),
    ]
    second.save_revision()
    third.body = [
        (
            "rich_text",
            f'<p>Wzór:</p><embed embedtype="image" id="{image.pk}" format="left" alt=""/>',
        )
    ]
    third.save_revision()
    return course


def test_submitting_an_incomplete_course_keeps_the_draft_and_lists_what_to_fix(
    client, incomplete_course
):
    lesson = lessons_of(incomplete_course)[0]
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])

    response = client.post(edit, lesson_form(lesson, text="Nowa wersja lekcji."), follow=True)

    shown = shown_messages(response)
    assert response.status_code == HTTPStatus.OK
    assert "Nie wysłano do akceptacji" in shown
    assert "Kurs „Cudzoziemiec w urzędzie”: opisz cele szkolenia" in shown
    assert "Lekcja „Lekcja 2”, blok 2 (Obraz): dodaj tekst alternatywny obrazu." in shown
    assert (
        "Lekcja „Lekcja 2”, blok 3 (Film): dodaj transkrypcję albo link do napisów filmu "
        "„Wizyta w urzędzie”." in shown
    )
    assert "Lekcja „Lekcja 3”, blok 1 (Tekst): obraz wstawiony w tekst nie ma tekstu" in shown
    assert not WorkflowState.objects.exists()
    saved = LessonPage.objects.get(pk=lesson.pk)
    assert "Nowa wersja lekcji." in str(saved.get_latest_revision_as_object().body)
    assert "Nowa wersja lekcji." not in str(saved.body)  # the live lesson is unchanged
    assert "✗" in response.content.decode()  # the editor's checklist panel


def test_a_complete_course_goes_to_moderation(client, trainer):
    course = course_for(trainer, objectives=OBJECTIVES)
    lesson = lessons_of(course)[0]

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        lesson_form(lesson, text="Nowa wersja lekcji."),
    )

    assert response.status_code == HTTPStatus.FOUND
    state = WorkflowState.objects.get()
    assert state.object_id == str(lesson.pk)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_objectives_written_in_the_same_edit_count(client, trainer):
    course = course_for(trainer)
    edit = reverse("wagtailadmin_pages:edit", args=[course.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["objectives"] = rich_text(OBJECTIVES)
    data["action-submit"] = "1"

    response = client.post(edit, data)

    assert response.status_code == HTTPStatus.FOUND
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("button", ["action-submit", "action-restart-workflow"])
def test_resubmitting_or_restarting_after_requested_changes_is_checked_too(
    client, trainer, admin_user, button
):
    course = course_for(trainer, objectives=OBJECTIVES)
    course.save_revision(user=trainer)
    started = course.get_workflow().start(course, trainer)
    course.current_workflow_task.on_action(course.current_workflow_task_state, admin_user, "reject")
    edit = reverse("wagtailadmin_pages:edit", args=[course.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["objectives"] = rich_text("<p></p>")
    data[button] = "1"

    response = client.post(edit, data, follow=True)

    assert "Kurs „Obsługa cudzoziemców”: opisz cele szkolenia" in shown_messages(response)
    assert list(WorkflowState.objects.values_list("pk", "status")) == [
        (started.pk, WorkflowState.STATUS_NEEDS_CHANGES)
    ]


def test_a_lesson_created_and_submitted_at_once_is_kept_as_a_draft(client, incomplete_course):
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", incomplete_course.pk])
    data = lesson_form(LessonPage(title="Lekcja nowa", slug="lekcja-nowa"), text="Treść nowa.")

    form = client.get(add).content.decode()
    response = client.post(add, data, follow=True)

    assert "Lista kontrolna przed wysłaniem do akceptacji" in form
    assert "Nie wysłano do akceptacji" in shown_messages(response)
    created = LessonPage.objects.get(slug="lekcja-nowa")
    assert not created.live
    assert not WorkflowState.objects.exists()
