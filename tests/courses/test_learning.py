from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail import hooks

from courses import services
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    QuizPage,
)
from lms.home.models import HomePage
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completions():
    """The enrolments the in-transaction completion hook was called for, in order."""
    received = []

    def receiver(*, enrolment):
        received.append(enrolment.pk)

    with hooks.register_temporarily(services.COMPLETION_HOOK, receiver):
        yield received


def finish_lessons(enrolment, lessons):
    for lesson in lessons:
        services.complete_lesson(enrolment=enrolment, lesson=lesson)


def pass_quiz(enrolment, quiz):
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    return services.submit_quiz(
        enrolment=enrolment,
        quiz=quiz,
        attempt_id=attempt.pk,
        data=factories.correct_answers(attempt),
    )


def test_page_tree_rules():
    assert CourseIndexPage.can_create_at(HomePage.objects.get())
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert set(LessonPage.allowed_parent_page_models()) == {CoursePage, ModulePage}
    assert set(QuizPage.allowed_parent_page_models()) == {CoursePage, ModulePage}
    assert not LessonPage.allowed_subpage_models()


def test_learner_enrols_in_an_open_course_from_its_page(learner_client, user, course, lessons):
    response = learner_client.post(course.url)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == lessons[0].url
    assert Enrolment.objects.filter(user=user, course=course).count() == 1


def test_enrolling_twice_keeps_one_enrolment(learner_client, user, course):
    learner_client.post(course.url)
    learner_client.post(course.url)

    assert Enrolment.objects.filter(user=user, course=course).count() == 1


def test_invitation_only_course_cannot_be_joined_without_assignment(learner_client, user):
    closed = factories.course(title="Kurs zamknięty", mode="assigned")

    response = learner_client.post(closed.url, follow=True)

    assert not Enrolment.objects.filter(user=user).exists()
    assert "tylko dla osób, którym go przypisano" in response.content.decode()


def test_assigned_learner_starts_an_invitation_only_course(learner_client, user, admin_user):
    closed = factories.course(title="Kurs zamknięty", mode="assigned")
    services.assign(users=[user], course=closed, assigned_by=admin_user)

    page = learner_client.get(closed.url).content.decode()
    learner_client.post(closed.url)

    assert "Ten kurs został Ci przypisany" in page
    assert Enrolment.objects.get(user=user, course=closed).source == Enrolment.Source.ASSIGNED


def test_lessons_need_enrolment(learner_client, lessons):
    response = learner_client.get(lessons[0].url)

    assert response.status_code == HTTPStatus.FOUND


def test_anonymous_visitor_is_sent_to_login_from_a_lesson(client, lessons):
    response = client.get(lessons[0].url)

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]


def test_marking_a_lesson_complete_moves_on_and_updates_progress(
    learner_client, enrolment, lessons
):
    response = learner_client.post(lessons[0].url)

    assert response["Location"] == lessons[1].url
    enrolment.refresh_from_db()
    assert enrolment.progress_percent == 25  # 1 of 3 lessons + the quiz
    assert enrolment.last_lesson == lessons[0]
    page = learner_client.get(lessons[1].url).content.decode()
    assert 'value="25"' in page


def test_completing_a_lesson_twice_records_it_once(enrolment, lessons):
    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])
    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])

    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1


def test_a_lesson_of_another_course_cannot_be_completed(enrolment):
    other = factories.course(title="Inny kurs")

    with pytest.raises(PermissionDenied):
        services.complete_lesson(
            enrolment=enrolment, lesson=LessonPage.objects.child_of(other).first()
        )
    assert not LessonCompletion.objects.exists()


def test_course_completes_once_when_lessons_done_and_quiz_passed(
    enrolment, lessons, quiz, completions
):
    finish_lessons(enrolment, lessons)
    enrolment.refresh_from_db()
    assert not enrolment.is_completed

    attempt = pass_quiz(enrolment, quiz)

    enrolment.refresh_from_db()
    assert attempt.passed
    assert enrolment.is_completed
    assert enrolment.progress_percent == 100


def test_the_completion_hook_runs_once_per_enrolment(
    enrolment, lessons, quiz, completions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        finish_lessons(enrolment, lessons)
        pass_quiz(enrolment, quiz)
        finish_lessons(enrolment, lessons)  # visiting again changes nothing

    assert completions == [enrolment.pk]


def test_optional_lessons_do_not_block_completion(user):
    course = factories.course(
        lessons=2, optional_lessons=1, quiz=False, completion_rule="lessons_only"
    )
    enrolment = services.enrol(user=user, course=course)

    required = LessonPage.objects.child_of(course).filter(is_required=True)
    finish_lessons(enrolment, required)

    enrolment.refresh_from_db()
    assert enrolment.is_completed


def test_new_required_lesson_reopens_nobody(enrolment, course, lessons, quiz):
    finish_lessons(enrolment, lessons)
    pass_quiz(enrolment, quiz)
    course.add_child(instance=LessonPage(title="Nowa lekcja", body=[], is_required=True))

    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])

    enrolment.refresh_from_db()
    assert enrolment.is_completed
    assert enrolment.progress_percent == 100


def test_deleted_lesson_no_longer_counts(enrolment, lessons, quiz):
    finish_lessons(enrolment, lessons[:2])
    pass_quiz(enrolment, quiz)
    lessons[2].delete()

    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])

    enrolment.refresh_from_db()
    assert enrolment.is_completed


def test_unpublished_lesson_does_not_block_completion(enrolment, lessons, quiz):
    lessons[2].unpublish()
    finish_lessons(enrolment, lessons[:2])

    pass_quiz(enrolment, quiz)

    enrolment.refresh_from_db()
    assert enrolment.is_completed


def test_dashboard_lists_in_progress_assigned_and_completed(learner_client, user, admin_user):
    started = factories.course(title="Kurs rozpoczęty")
    finished = factories.course(title="Kurs ukończony", quiz=False, completion_rule="lessons_only")
    assigned = factories.course(title="Kurs przypisany", mode="assigned")
    services.complete_lesson(
        enrolment=services.enrol(user=user, course=started),
        lesson=LessonPage.objects.child_of(started).first(),
    )
    done = services.enrol(user=user, course=finished)
    finish_lessons(done, LessonPage.objects.child_of(finished))
    services.assign(users=[user], course=assigned, assigned_by=admin_user)

    response = learner_client.get(reverse("dashboard"))

    context = response.context
    assert [e.course.title for e in context["in_progress"]] == ["Kurs rozpoczęty"]
    assert [e.course.title for e in context["completed"]] == ["Kurs ukończony"]
    assert [a.course.title for a in context["assigned"]] == ["Kurs przypisany"]
    html = response.content.decode()
    assert "Kontynuuj" in html
    assert reverse("course_resume", args=[started.pk]) in html


def resume(client, course):
    return client.get(reverse("course_resume", args=[course.pk]))["Location"]


def test_continue_opens_the_lesson_left_unfinished(learner_client, enrolment, lessons):
    learner_client.get(lessons[1].url)  # opened, not marked done

    assert resume(learner_client, enrolment.course) == lessons[1].url


def test_continue_after_a_finished_lesson_opens_the_next_one_not_done(
    learner_client, enrolment, lessons, quiz
):
    services.complete_lesson(enrolment=enrolment, lesson=lessons[2])
    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])  # the last one done

    assert resume(learner_client, enrolment.course) == lessons[1].url
    services.complete_lesson(enrolment=enrolment, lesson=lessons[1])
    assert resume(learner_client, enrolment.course) == quiz.url  # only the test is left
    course_page = learner_client.get(enrolment.course.url).content.decode()
    assert f'href="{quiz.url}">Przejdź do testu' in course_page
    pass_quiz(enrolment, quiz)
    assert resume(learner_client, enrolment.course) == enrolment.course.url  # nothing left


def test_continue_on_a_course_the_viewer_is_not_enrolled_in_opens_its_page(
    learner_client, enrolment, course, lessons
):
    stranger = factories.course(title="Kurs kogoś innego")
    services.complete_lesson(
        enrolment=services.enrol(user=UserFactory(), course=stranger),
        lesson=LessonPage.objects.child_of(stranger).first(),
    )

    assert resume(learner_client, stranger) == stranger.url


def test_catalogue_filters_by_area_and_searches(client):
    factories.course(title="Zdrowie cudzoziemca", area="zdrowie")
    factories.course(title="Uczeń z Ukrainy w szkole", area="edukacja")
    index = factories.catalogue()

    by_area = client.get(index.url, {"obszar": "edukacja"}).context["cards"]
    by_text = client.get(index.url, {"q": "Zdrowie"}).context["cards"]
    everything = client.get(index.url).context["cards"]

    assert [c["course"].title for c in by_area] == ["Uczeń z Ukrainy w szkole"]
    assert [c["course"].title for c in by_text] == ["Zdrowie cudzoziemca"]
    assert len(everything) == 2


def test_catalogue_card_shows_the_learners_progress(learner_client, user):
    course = factories.course()
    services.complete_lesson(
        enrolment=services.enrol(user=user, course=course),
        lesson=LessonPage.objects.child_of(course).first(),
    )

    html = learner_client.get(factories.catalogue().url).content.decode()

    assert 'value="25"' in html
    assert "4 godz." in html


def test_course_with_learners_cannot_be_deleted_in_admin(admin_client, enrolment, course):
    response = admin_client.post(
        reverse("wagtailadmin_pages:delete", args=[course.pk]), follow=True
    )

    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert "Nie można usunąć" in response.content.decode()


def test_trainers_of_a_course_may_edit_only_that_course(admin_client, course):
    from lms.users.roles import Role

    trainer = UserFactory(roles=[Role.TRAINER])
    other = factories.course(title="Inny kurs")
    course.trainers.add(trainer)
    course.save_revision(user=None).publish()
    services.sync_course_trainers(course=course)

    permissions = course.permissions_for_user(trainer)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not other.permissions_for_user(trainer).can_edit()


def test_unpublished_or_unknown_pages_in_a_course_are_not_found(learner_client, enrolment, lessons):
    lessons[1].unpublish()

    assert (
        learner_client.get(lessons[1].url_path.replace("/home", "", 1)).status_code
        == HTTPStatus.NOT_FOUND
    )
    assert (
        learner_client.get(enrolment.course.url + "nie-ma-takiej-lekcji/").status_code
        == HTTPStatus.NOT_FOUND
    )
    assert learner_client.get(lessons[0].url).status_code == HTTPStatus.OK


def test_a_newly_published_lesson_appears_in_the_outline(
    learner_client, enrolment, course, lessons
):
    assert "Lekcja dodatkowa" not in learner_client.get(course.url).content.decode()

    extra = course.add_child(instance=LessonPage(title="Lekcja dodatkowa", body=[], live=False))
    extra.save_revision().publish()

    assert "Lekcja dodatkowa" in learner_client.get(course.url).content.decode()
    LessonPage.objects.get(pk=extra.pk).unpublish()
    assert "Lekcja dodatkowa" not in learner_client.get(course.url).content.decode()


def test_an_edited_lesson_shows_its_new_content(learner_client, enrolment, lessons):
    assert "Treść lekcji 1." in learner_client.get(lessons[0].url).content.decode()

    lessons[0].body = [("rich_text", "<p>Poprawiona treść.</p>")]
    lessons[0].save_revision().publish()

    html = learner_client.get(lessons[0].url).content.decode()
    assert "Poprawiona treść." in html
    assert "Treść lekcji 1." not in html


def test_view_restrictions_still_apply_with_one_step_routing(client, course, lessons):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(course.url)

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]


def test_editors_preview_a_draft_lesson_and_the_quiz_without_enrolling(admin_client, lessons, quiz):
    lessons[0].body = [("rich_text", "<p>Szkic nowej treści.</p>")]
    lessons[0].save_revision()

    lesson_preview = admin_client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[lessons[0].pk]),
        {
            "title": lessons[0].title,
            "slug": lessons[0].slug,
            "body-count": "1",
            "body-0-type": "rich_text",
            "body-0-value": '{"blocks":[{"key":"a","text":"Szkic nowej treści.","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "x",
            "estimated_minutes": "15",
            "is_required": "on",
        },
    )
    shown = admin_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[lessons[0].pk]))
    quiz_shown = quiz.make_preview_request()

    assert lesson_preview.status_code == HTTPStatus.OK
    assert "Szkic nowej treści." in shown.content.decode()
    quiz_shown.render()
    assert "Pytanie jednokrotnego wyboru 1" in quiz_shown.content.decode()
    assert "Wyślij odpowiedzi" not in quiz_shown.content.decode()
    assert not Enrolment.objects.exists()


def test_dashboard_marks_an_overdue_assignment(learner_client, user, admin_user):
    from datetime import timedelta

    from django.utils import timezone

    late = factories.course(title="Kurs po terminie", mode="assigned")
    services.assign(
        users=[user],
        course=late,
        assigned_by=admin_user,
        deadline=timezone.localdate() - timedelta(days=1),
    )

    html = learner_client.get(reverse("dashboard")).content.decode()

    assert "Kurs po terminie" in html
    assert '<strong class="overdue">po terminie</strong>' in html


def test_catalogue_shows_an_untouched_assigned_course_as_assigned(learner_client, user, admin_user):
    assigned = factories.course(title="Kurs przypisany", mode="assigned")
    services.assign(users=[user], course=assigned, assigned_by=admin_user)

    html = learner_client.get(factories.catalogue().url).content.decode()

    assert "Przypisany do Ciebie" in html
