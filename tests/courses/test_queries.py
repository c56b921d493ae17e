"""Pages that list things cost a fixed number of queries, however big the course or the crowd."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.models import LessonPage, QuizPage
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The ceilings pinned for each page (a signed-in learner half-way through the course).
MAX_QUERIES = {"catalogue": 8, "course": 4, "lesson": 6, "quiz": 11, "dashboard": 4}


def build(user, *, lessons, others):
    course = factories.course(title=f"Kurs {lessons}", lessons=lessons)
    for _ in range(others):
        services.enrol(user=UserFactory(), course=course)
    enrolment = services.enrol(user=user, course=course)
    lesson_pages = list(LessonPage.objects.child_of(course).order_by("path"))
    for lesson in lesson_pages[: lessons // 2]:
        services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.child_of(course).get()
    return {
        "catalogue": factories.catalogue().url,
        "course": course.url,
        "lesson": lesson_pages[lessons // 2].url,
        "quiz": quiz.url,
        "dashboard": reverse("dashboard"),
    }


def count(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", list(MAX_QUERIES))
def test_query_count_is_pinned_and_independent_of_lessons_and_enrolments(
    learner_client, user, page, django_assert_max_num_queries
):
    small = build(user, lessons=5, others=1)
    small_count = count(learner_client, small[page])
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        learner_client.get(small[page])

    # A second, much bigger course (and a busier catalogue) in the same database.
    big = build(user, lessons=50, others=30)
    big_count = count(learner_client, big[page])

    if page in ("catalogue", "dashboard"):
        assert big_count == count(learner_client, small[page])  # one more course: same cost
    assert big_count == small_count
