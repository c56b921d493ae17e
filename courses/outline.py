"""A cached, lightweight outline of each course (what the learner's pages show on every request).

The outline of a course changes only when a page below it is published, unpublished, moved or
deleted; it is cached under the page tree's generation (lms.home.tree_cache), bumped on any such
change.
"""

from dataclasses import dataclass

from django.core.cache import cache

from courses.models import CoursePage, LessonPage, QuizPage
from lms.home.tree_cache import first_live_page_url, generation

TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True)
class OutlineEntry:
    pk: int
    kind: str  # "module", "lesson" or "quiz"
    title: str
    url: str
    depth: int
    is_required: bool = True
    estimated_minutes: int = 0
    pretest: bool = False  # a quiz that offers a pre-test


def course_pages(course: CoursePage) -> list:
    """The course's structure, built in one place for grading (`services.course_structure`) and
    for the cached outline: its live modules, lessons and quizzes, as specific pages, in tree
    order (one query, plus one per page type)."""
    return list(course.get_descendants().live().specific().order_by("path"))


def _build(course: CoursePage) -> list[OutlineEntry]:
    entries = []
    for page in course_pages(course):
        if isinstance(page, LessonPage):
            kind = "lesson"
        elif isinstance(page, QuizPage):
            kind = "quiz"
        else:
            kind = "module"
        entries.append(
            OutlineEntry(
                pk=page.pk,
                kind=kind,
                title=page.title,
                url=page.get_url(),
                depth=page.depth - course.depth - 1,
                is_required=getattr(page, "is_required", True),
                estimated_minutes=getattr(page, "minutes", 0),
                pretest=bool(getattr(page, "pretest_enabled", False)),
            )
        )
    return entries


def course_outline(course: CoursePage) -> list[OutlineEntry]:
    key = f"courses:outline:{generation()}:{course.pk}"
    entries = cache.get(key)
    if entries is None:
        entries = _build(course)
        cache.set(key, entries, TIMEOUT)
    return entries


def catalogue_url() -> str:
    from courses.models import CourseIndexPage

    return first_live_page_url(CourseIndexPage, timeout=TIMEOUT)


def course_of(page) -> CoursePage:
    """The course a lesson, module or quiz belongs to (cached with the tree)."""
    key = f"courses:course-of:{generation()}:{page.pk}"
    course = cache.get(key)
    if course is None:
        course = CoursePage.objects.ancestor_of(page).select_related("thematic_area").get()
        cache.set(key, course, TIMEOUT)
    return course
