"""The demo catalogue: one full course and four short ones, one per programme area.

Loaded by `manage.py load_demo` (through the "lms_load_demo" hook) and so by `make run`.
Idempotent: pages are found by slug, and a course that already exists is left exactly as it is
(an editor may have changed it), so running the loader again changes nothing.

The content (Polish, for the learners) lives in data files, `courses/fixtures/demo/*.json`, apart
from this loader (as bakerydemo keeps its fixtures); the builders below turn it into live Wagtail
pages with a published revision each.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from courses import services
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentMode,
    LessonPage,
    QuizPage,
    ThematicArea,
)
from lms.home.models import HomePage

LEARNER_EMAIL = "kursant@centrum-kompetencji.example"
COORDINATOR_EMAIL = "koordynator@centrum-kompetencji.example"
TRAINER_EMAIL = "trener@centrum-kompetencji.example"
MAIN_COURSE_SLUG = "standardy-obslugi-cudzoziemcow"
DEMO_LESSONS_DONE = 2  # the demo learner has finished this many lessons of the main course

QUIZ_SETTINGS = {
    "pass_mark_percent": 70,
    "max_attempts": 3,
    "shuffle_questions": True,
    "shuffle_answers": True,
    "time_limit_minutes": None,
}

DATA_DIR = Path(__file__).resolve().parent / "fixtures" / "demo"


# --- The content, from the data files -------------------------------------------------------------


def _read(name: str) -> dict:
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as file:
        return json.load(file)


def _stream(blocks: list[dict]) -> list[tuple]:
    """A StreamField value from the data file's [{"type": ..., "value": ...}, ...]."""
    return [(block["type"], block["value"]) for block in blocks]


def _course_spec(slug: str) -> dict:
    spec = _read(slug)
    for lesson in spec["lessons"]:
        lesson["body"] = _stream(lesson["body"])
    spec["quiz"]["questions"] = _stream(spec["quiz"]["questions"])
    return spec


def demo_content() -> tuple[dict, dict, list[dict]]:
    """(the catalogue page's fields, fallback area names by slug, the course specs in order).

    `catalogue.json` names the catalogue page, the areas (a data migration, courses 0002, creates
    them; these names are fallbacks only) and the courses in order; each course is
    `<slug>.json`: the course page's fields, its lessons (StreamField blocks) and its quiz."""
    catalogue = _read("catalogue")
    courses = [_course_spec(slug) for slug in catalogue["courses"]]
    return catalogue["catalogue"], catalogue["areas"], courses


def demo_trainer_content() -> tuple[str, dict]:
    """The demo trainer's work (`catalogue.json` "trainer"): the slug of the published course they
    train, and the spec of their draft course waiting in moderation."""
    trainer = _read("catalogue")["trainer"]
    return trainer["published"], _course_spec(trainer["in_moderation"])


# --- Builders -------------------------------------------------------------------------------------


def _publish(parent, page, *, author=None):
    """Add `page` below `parent` and publish it, so it is live with a revision; with an `author`,
    a draft they own instead (never published, one revision saved by them)."""
    if author is not None:
        page.live = False
        page.owner = author
    parent.add_child(instance=page)
    revision = page.save_revision(user=author)
    if author is None:
        revision.publish()
    return page


def _area(slug, names):
    area = ThematicArea.objects.filter(slug=slug).first()
    if area is None:  # the data migration should have created it
        area = ThematicArea.objects.create(slug=slug, name=names[slug])
    return area


def _catalogue(home, fields):
    """The catalogue page (at most one exists: CourseIndexPage.max_count = 1)."""
    index = (
        CourseIndexPage.objects.filter(slug=fields["slug"]).first()
        or CourseIndexPage.objects.first()
    )
    if index is None:
        index = _publish(home, CourseIndexPage(**fields))
    return index


def _build_course(index, spec, areas, *, author=None):
    """Create the course with its lessons and quiz (published, or `author`'s draft with them as
    its trainer); return (course, created).

    A course that already exists (by slug, below the catalogue) is returned untouched.
    """
    existing = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        objectives=spec["objectives"],
        thematic_area=_area(spec["area"], areas),
        target_audience=spec["target_audience"],
        duration_hours=spec["duration_hours"],
        level=spec["level"],
        enrolment_mode=spec["enrolment_mode"],
        completion_rule=spec["completion_rule"],
        certificate_validity_months=spec["certificate_validity_months"],
    )
    if author is not None:
        course.trainers.set([author])
    _publish(index, course, author=author)
    for lesson in spec["lessons"]:
        _publish(
            course,
            LessonPage(
                title=lesson["title"],
                slug=lesson["slug"],
                body=lesson["body"],
                estimated_minutes=lesson["minutes"],
                is_required=lesson.get("required", True),
            ),
            author=author,
        )
    quiz = spec["quiz"]
    _publish(
        course,
        QuizPage(
            title="Test końcowy",
            slug="test-koncowy",
            intro=quiz["intro"],
            questions=quiz["questions"],
            **QUIZ_SETTINGS,
        ),
        author=author,
    )
    return course, True


def _demo_learner_progress(main, courses):
    """Enrol the demo learner on the main course with two lessons done; assign the invited course."""
    users = get_user_model().objects
    learner = users.filter(email=LEARNER_EMAIL).first()
    if learner is None:
        return
    enrolled = Enrolment.objects.filter(user=learner, course=main).exists()
    if not enrolled and services.can_enrol(user=learner, course=main):
        enrolment = services.enrol(user=learner, course=main)
        lessons = LessonPage.objects.child_of(main).live().filter(is_required=True)
        for lesson in lessons.order_by("path")[:DEMO_LESSONS_DONE]:
            enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
    coordinator = users.filter(email=COORDINATOR_EMAIL).first()
    invited = [course for course in courses if course.enrolment_mode == EnrolmentMode.ASSIGNED]
    if coordinator is not None:
        for course in invited:
            services.assign(users=[learner], course=course, assigned_by=coordinator)


def _demo_trainer_courses(index, courses, areas):
    """The demo trainer's first admin screen shows their work: they train one published course
    and have a draft course of their own in moderation (submitted by them, a real workflow)."""
    trainer = get_user_model().objects.filter(email=TRAINER_EMAIL).first()
    if trainer is None:
        return
    published_slug, draft_spec = demo_trainer_content()
    published = next(course for course in courses if course.slug == published_slug)
    if not published.trainers.filter(pk=trainer.pk).exists():
        published.trainers.add(trainer)
        published.owner = trainer
        published.save_revision().publish()
        services.sync_course_trainers(course=published)
    pool = _demo_question_pool(course=published, trainer=trainer)
    spec = _read("question-pool")
    draft_spec["quiz"]["questions"].append(
        ("random_from_pool", {"pool": pool, "count": spec["draw"], "difficulty": "", "tag": ""})
    )
    draft, created = _build_course(index, draft_spec, areas, author=trainer)
    if created:
        services.sync_course_trainers(course=draft)
        draft.get_workflow().start(draft, trainer)


def _demo_question_pool(*, course, trainer):
    """The trainer's question pool (`question-pool.json`) with one question of each newer type;
    their draft course's quiz draws from it."""
    from courses.questionbank.models import Question, QuestionPool

    spec = _read("question-pool")
    pool, created = QuestionPool.objects.get_or_create(
        name=spec["name"],
        course=course,
        defaults={"description": spec["description"], "created_by": trainer},
    )
    if created:
        for item in spec["questions"]:
            question = Question(
                pool=pool,
                name=item["name"],
                difficulty=item["difficulty"],
                content=[(item["type"], item["value"])],
                created_by=trainer,
            )
            question.save()
            question.tags.add(*item["tags"])
            question.save()
    return pool


@transaction.atomic
def load_demo_catalogue(*, stdout=None) -> None:
    """Build the demo catalogue (idempotent) and the demo learner's progress."""
    home = HomePage.objects.first()
    if home is None:
        if stdout is not None:
            stdout.write("Katalog demonstracyjny pominięty: brak strony głównej.\n")
        return
    catalogue, areas, specs = demo_content()
    index = _catalogue(home, catalogue)
    services.open_catalogue_to_trainers(index=index)
    results = [_build_course(index, spec, areas) for spec in specs]
    courses = [course for course, _created in results]
    _demo_learner_progress(courses[0], courses)
    _demo_trainer_courses(index, courses, areas)
    if stdout is not None:
        created = sum(created for _course, created in results)
        stdout.write(
            f"Katalog demonstracyjny: {len(courses)} kursów (nowo utworzonych: {created}).\n"
        )
