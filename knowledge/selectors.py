"""Reads of the knowledge base, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import IntegerField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from courses.editions import current_only
from courses.models import CoursePage, LessonPage, ThematicArea
from knowledge.models import REVIEW_SOON_DAYS, DocumentKind, KnowledgeIndexPage, StandardPage
from lms.home.tree_cache import generation

INDEX_TIMEOUT = 60 * 60 * 24
AREA_PARAM = "obszar"
KIND_PARAM = "rodzaj"


@dataclass(frozen=True)
class IndexLocation:
    path: str  # in the page tree
    url: str  # "" while it is not published


def index_location() -> IndexLocation | None:
    """Where the knowledge base is (None before it exists), cached until the page tree changes:
    the site menu and the admin menu ask on every request."""
    key = f"knowledge:index:{generation()}"
    found = cache.get(key)
    if found is None:
        index = KnowledgeIndexPage.objects.first()
        found = ""
        if index is not None:
            url = index.get_url() if index.live and not index.get_view_restrictions() else ""
            found = IndexLocation(path=index.path, url=url or "")
        cache.set(key, found, INDEX_TIMEOUT)
    return found or None


@dataclass
class AreaGroup:
    area: ThematicArea
    standards: list


def knowledge_index(*, index, params) -> dict:
    """The published standards below `index`, grouped by thematic area (in the areas' order),
    filtered by area (`?obszar=<slug>`) and document type (`?rodzaj=<kind>`); an unknown value
    filters nothing. Two queries."""
    areas = list(ThematicArea.objects.all())
    selected_area = next((a for a in areas if a.slug == params.get(AREA_PARAM, "")), None)
    kinds = DocumentKind.choices
    selected_kind = params.get(KIND_PARAM, "")
    if selected_kind not in DocumentKind.values:
        selected_kind = ""
    standards = (
        StandardPage.objects.live().public().child_of(index).defer_streamfields().order_by("title")
    )
    if selected_area is not None:
        standards = standards.filter(thematic_area=selected_area)
    if selected_kind:
        standards = standards.filter(kind=selected_kind)
    by_area: dict[int, list] = {}
    for standard in standards:
        by_area.setdefault(standard.thematic_area_id, []).append(standard)
    groups = []
    for area in areas:
        if area.pk in by_area:
            for standard in by_area[area.pk]:
                standard.thematic_area = area  # no query per standard for its area
            groups.append(AreaGroup(area=area, standards=by_area[area.pk]))
    return {
        "areas": areas,
        "kinds": kinds,
        "selected_area": selected_area,
        "selected_kind": selected_kind,
        "groups": groups,
        "count": sum(len(group.standards) for group in groups),
        "area_param": AREA_PARAM,
        "kind_param": KIND_PARAM,
    }


@dataclass
class RelatedLesson:
    lesson: LessonPage
    course: CoursePage


def related_lessons(*, standard: StandardPage) -> list[RelatedLesson]:
    """Published lessons, of published courses (their current edition), whose body links to
    `standard` (the "Standard z bazy wiedzy" block): read from Wagtail's reference index, which
    records the published content of each page. Three queries."""
    references = (
        ReferenceIndex.get_references_to(standard)
        .filter(content_type=ContentType.objects.get_for_model(LessonPage))
        .annotate(lesson_id=Cast("object_id", IntegerField()))
        .values("lesson_id")
    )
    lessons = list(
        LessonPage.objects.live()
        .public()
        .filter(pk__in=references)
        .defer_streamfields()
        .order_by("path")
    )
    prefixes = {
        lesson.path[:length]
        for lesson in lessons
        for length in range(Page.steplen, len(lesson.path), Page.steplen)
    }
    courses = {
        course.path: course
        for course in current_only(CoursePage.objects.live().public().filter(path__in=prefixes))
    }
    related = []
    for lesson in lessons:
        course = next((c for path, c in courses.items() if lesson.path.startswith(path)), None)
        if course is not None:
            related.append(RelatedLesson(lesson=lesson, course=course))
    return sorted(related, key=lambda item: (item.course.title, item.lesson.path))


def standards_due_for_review(*, today: date | None = None, responsible=None) -> QuerySet:
    """Published standards whose review is overdue or due within REVIEW_SOON_DAYS, soonest
    first; only those `responsible` keeps, when given. The report, the owner's dashboard panel
    and the daily e-mail all read this."""
    today = today or timezone.localdate()
    standards = (
        StandardPage.objects.live()
        .filter(review_due_on__lte=today + timedelta(days=REVIEW_SOON_DAYS))
        .select_related("thematic_area", "responsible")
        .defer_streamfields()
        .order_by("review_due_on", "title", "pk")
    )
    if responsible is not None:
        standards = standards.filter(responsible=responsible)
    return standards
