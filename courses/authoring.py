"""Authoring aids for trainers: a lesson's reading time, and the checklist a course passes before
it goes to moderation.

Reading time. A trainer may type a lesson's minutes; left empty, they are computed from the
lesson's content by `reading_minutes` and kept in `LessonPage.computed_minutes`. The computation
runs in `LessonPage.clean()`, which Wagtail calls on every admin form, every `Page.save()` (so on
every publication) and every revision saved with validation; listings and outlines read the two
columns, `LessonPage.minutes` picks the one that applies, and no request parses a StreamField for
it. A separate column (rather than writing the computed figure into `estimated_minutes`) keeps the
trainer's own figure distinguishable from ours: an empty field stays empty in the editor, and the
computed figure follows every change of the text.

The checklist. `course_checklist` reads the whole course as it would be published: the course
page and every page below it, live or not, each in its latest revision. Submitting any page of a
course to moderation (Wagtail's "submit", "resubmit" and "restart workflow") is held back by
`hold_back_incomplete_submission`, called from the `before_edit_page` / `before_create_page`
hooks, when an item fails: Wagtail then saves the edit as a draft instead (nothing is lost, no
workflow starts) and the trainer reads the Polish list of what to fix. The same list is shown,
before submitting, by `ChecklistPanel` in the editor of every page of a course.
"""

import math
import re
from dataclasses import dataclass
from html import unescape

from django.contrib import messages as django_messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin import messages
from wagtail.admin.panels import Panel
from wagtail.models import Page, Revision
from wagtail.rich_text.rewriters import FIND_EMBED_TAG, extract_attrs

from courses.blocks import ImageBlock, VideoBlock

# --- Reading time ---------------------------------------------------------------------------------

#: Silent reading of Polish study text, in words per minute. Adults read running text at about
#: 240 words a minute in English (Brysbaert, 2019); Polish words are longer and a lesson asks to be
#: understood, not skimmed, so we count a little slower.
WORDS_PER_MINUTE = 200
#: Polish as spoken in a recorded talk or lecture, in words per minute: a video with a
#: transcript lasts about as long as its transcript takes to say.
SPOKEN_WORDS_PER_MINUTE = 130
#: A video with captions only (no transcript to measure) counts as this many minutes.
VIDEO_WITHOUT_TRANSCRIPT_MINUTES = 5
#: Looking at an image (a diagram, a photograph of a form) takes a moment too.
IMAGE_SECONDS = 10
MAX_MINUTES = 32767  # what a PositiveSmallIntegerField holds

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
TAG = re.compile(r"<[^>]*>")


def _text(value) -> str:
    """The visible text of a raw block value (rich text is stored as HTML)."""
    return unescape(TAG.sub(" ", value)) if isinstance(value, str) else ""


def count_words(value) -> int:
    return len(WORD.findall(_text(value)))


def _walk(block, value, within=()):
    """Every (block, raw value, enclosing blocks) inside a raw StreamField value, outermost first.

    Raw values (`StreamValue.raw_data`) are what the database holds: ids instead of images, HTML
    instead of RichText objects, so walking them costs no query."""
    yield block, value, within
    inner = (*within, block)
    if isinstance(block, blocks.StreamBlock):
        for child in value or ():
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from _walk(child_block, child.get("value"), inner)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _walk(child_block, (value or {}).get(name), inner)
    elif isinstance(block, blocks.ListBlock):
        for item in value or ():
            in_block_format = isinstance(item, dict) and item.get("type") == "item"
            yield from _walk(block.child_block, item["value"] if in_block_format else item, inner)


def _top_level(stream_value):
    """(position from 1, block, raw value) of each block of a StreamField value."""
    child_blocks = stream_value.stream_block.child_blocks
    for position, child in enumerate(stream_value.raw_data, start=1):
        block = child_blocks.get(child.get("type"))
        if block is not None:
            yield position, block, child.get("value")


TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


def reading_minutes(body) -> int:
    """Minutes a learner needs for a lesson body (a StreamField value): its words at
    `WORDS_PER_MINUTE` (rich text, headings, callouts, accordions, case studies, self-checks,
    quotes, document descriptions), each video for its transcript at `SPOKEN_WORDS_PER_MINUTE` or
    `VIDEO_WITHOUT_TRANSCRIPT_MINUTES` without one, `IMAGE_SECONDS` per image; rounded up, at
    least 1. A video's title and transcript and an image's caption are not read on top."""
    words, minutes = 0, 0.0
    for _position, top, raw in _top_level(body):
        for block, value, within in _walk(top, raw):
            if isinstance(block, VideoBlock):
                spoken = count_words((value or {}).get("transcript"))
                if spoken:
                    minutes += spoken / SPOKEN_WORDS_PER_MINUTE
                else:
                    minutes += VIDEO_WITHOUT_TRANSCRIPT_MINUTES
            elif isinstance(block, ImageBlock):
                minutes += IMAGE_SECONDS / 60
            elif isinstance(block, TEXT_BLOCKS) and not any(
                isinstance(outer, VideoBlock | ImageBlock) for outer in within
            ):
                words += count_words(value)
    minutes += words / WORDS_PER_MINUTE
    return min(max(1, math.ceil(round(minutes, 6))), MAX_MINUTES)


# --- The checklist --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One item of the checklist, with what to fix (empty when it passes)."""

    label: str
    problems: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.problems


#: What a page keeps whatever its revision says (as in Wagtail's `with_content_json`).
KEPT_FROM_THE_PAGE = ("path", "depth", "numchild", "live", "has_unpublished_changes")


def _as_in_revision(page: Page, content: dict) -> Page:
    """A read-only copy of `page` as its revision `content` has it. Unlike Wagtail's
    `with_content_json` it costs no query (foreign keys are not checked, the URL path is not
    recomputed): fine for reading, not for saving."""
    version = page.specific_class.from_serializable_data(content, check_fks=False)
    for name in KEPT_FROM_THE_PAGE:
        setattr(version, name, getattr(page, name))
    return version


def _latest_versions(pages: list) -> list:
    """Each page as its latest revision has it (drafts included), with one query in all."""
    waiting = {
        page.latest_revision_id
        for page in pages
        if page.has_unpublished_changes and page.latest_revision_id
    }
    contents = dict(Revision.objects.filter(pk__in=waiting).values_list("pk", "content"))
    return [
        _as_in_revision(page, contents[page.latest_revision_id])
        if page.latest_revision_id in contents
        else page
        for page in pages
    ]


def course_of(*, page: Page | None = None, parent: Page | None = None):
    """The course `page` is or belongs to (give the `parent` of a page not created yet); None
    outside courses."""
    from courses.models import CoursePage

    if isinstance(page, CoursePage):
        return page
    if parent is None:
        parent = page.get_parent()
    return CoursePage.objects.ancestor_of(parent, inclusive=True).first()


def _course_pages(course, draft: Page | None) -> tuple:
    """The course and its pages as they would be published, `draft` (one of them, possibly not
    saved yet) replacing its stored version."""
    if course.pk is None:  # a course being created has no pages yet
        return course, []
    course, *pages = _latest_versions(
        [course, *course.get_descendants().specific().order_by("path")]
    )
    if draft is None:
        return course, pages
    if draft.pk == course.pk:
        return draft, pages
    if draft.pk is None or all(page.pk != draft.pk for page in pages):
        return course, [*pages, draft]
    return course, [draft if page.pk == draft.pk else page for page in pages]


def _images_without_alt(html) -> int:
    """Images embedded in rich text (`<embed embedtype="image" … alt="">`) without alt text."""
    tags = (extract_attrs(attrs) for attrs in FIND_EMBED_TAG.findall(html or ""))
    return sum(
        1 for tag in tags if tag.get("embedtype") == "image" and not tag.get("alt", "").strip()
    )


def _stream_problems(where: str, stream_value) -> tuple[list, list]:
    """Images without alt text and videos without captions or transcript in a StreamField."""
    images, videos = [], []
    for position, top, raw in _top_level(stream_value):
        place = _("%(where)s, blok %(number)d (%(block)s)") % {
            "where": where,
            "number": position,
            "block": top.label,
        }
        for block, value, _within in _walk(top, raw):
            value = value or {}
            if isinstance(block, ImageBlock) and not (value.get("alt_text") or "").strip():
                images.append(_("%(place)s: dodaj tekst alternatywny obrazu.") % {"place": place})
            elif isinstance(block, VideoBlock) and not (
                count_words(value.get("transcript")) or (value.get("captions_url") or "").strip()
            ):
                videos.append(
                    _("%(place)s: dodaj transkrypcję albo link do napisów filmu „%(title)s”.")
                    % {"place": place, "title": value.get("title") or _("bez tytułu")}
                )
            elif isinstance(block, blocks.RichTextBlock) and _images_without_alt(value):
                images.append(
                    _("%(place)s: obraz wstawiony w tekst nie ma tekstu alternatywnego.")
                    % {"place": place}
                )
    return images, videos


def _has_content(body) -> bool:
    for _position, block, raw in _top_level(body):
        if (
            not isinstance(block, blocks.RichTextBlock)
            or count_words(raw)
            or "<embed" in (raw or "")
        ):
            return True
    return False


def course_checklist(*, course, draft: Page | None = None) -> list[Check]:
    """What a course needs before moderation: objectives, lessons with content, alt text for
    every image, captions or a transcript for every video, a quiz with questions and a pass mark
    (when the completion rule needs one). Read from the latest revisions of the course's pages;
    `draft` is the version of one of them being edited (see `_course_pages`)."""
    from courses.models import CompletionRule, LessonPage, QuizPage

    course, pages = _course_pages(course, draft)
    lessons = [page for page in pages if isinstance(page, LessonPage)]
    quizzes = [page for page in pages if isinstance(page, QuizPage)]
    course_name = _("Kurs „%(title)s”") % {"title": course.title}

    images, videos, empty = [], [], []
    if _images_without_alt(course.objectives):
        images.append(
            _("%(course)s, cele szkolenia: obraz wstawiony w tekst nie ma tekstu alternatywnego.")
            % {"course": course_name}
        )
    for lesson in lessons:
        where = _("Lekcja „%(title)s”") % {"title": lesson.title}
        if not _has_content(lesson.body):
            empty.append(_("%(where)s: dodaj treść lekcji.") % {"where": where})
        found_images, found_videos = _stream_problems(where, lesson.body)
        images += found_images
        videos += found_videos

    quiz_problems = []
    if not quizzes and course.completion_rule == CompletionRule.LESSONS_AND_QUIZ:
        quiz_problems.append(
            _(
                "Warunek ukończenia kursu wymaga testu: dodaj test końcowy albo zmień warunek "
                "ukończenia na „wszystkie obowiązkowe lekcje”."
            )
        )
    for quiz in quizzes:
        where = _("Test „%(title)s”") % {"title": quiz.title}
        if not quiz.pass_mark_percent or not 1 <= quiz.pass_mark_percent <= 100:
            quiz_problems.append(
                _("%(where)s: ustaw próg zaliczenia (od 1 do 100%%).") % {"where": where}
            )
        if not len(quiz.questions.raw_data):
            quiz_problems.append(
                _("%(where)s: dodaj co najmniej jedno pytanie.") % {"where": where}
            )
        found_images, _videos = _stream_problems(where, quiz.questions)
        images += found_images

    objectives = []
    if not count_words(course.objectives):
        objectives.append(
            _("%(course)s: opisz cele szkolenia (pole „Cele szkolenia”).") % {"course": course_name}
        )
    return [
        Check(_("Kurs ma opisane cele szkolenia"), tuple(objectives)),
        Check(
            _("Kurs ma co najmniej jedną lekcję"),
            () if lessons else (_("Dodaj do kursu co najmniej jedną lekcję."),),
        ),
        Check(_("Każda lekcja ma treść"), tuple(empty)),
        Check(_("Każdy obraz ma tekst alternatywny"), tuple(images)),
        Check(_("Każdy film ma napisy lub transkrypcję"), tuple(videos)),
        Check(_("Test końcowy ma pytania i próg zaliczenia"), tuple(quiz_problems)),
    ]


# --- Holding back a submission --------------------------------------------------------------------

#: The buttons of Wagtail's page editor that send a page to moderation: "Submit" (also
#: "Resubmit" after changes were requested) and "Restart workflow".
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def _submitted_version(*, request, page_class, instance, parent) -> Page | None:
    """The page as the posted editor form would make it (not saved), or None when the form is
    invalid (Wagtail then shows the errors itself and submits nothing)."""
    form_class = page_class.get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=instance, parent_page=parent, for_user=request.user
    )
    return form.instance if form.is_valid() else None


def _is_submission(request) -> bool:
    return request.method == "POST" and any(request.POST.get(name) for name in SUBMIT_ACTIONS)


def hold_back_incomplete_submission(*, request, page: Page) -> None:
    """When the editor of a page of a course is posted to send it to moderation and the course
    fails its checklist: turn the request into "save draft" (Wagtail saves the edit and starts no
    workflow) and tell the trainer, in Polish, what to fix. For the `before_edit_page` hook."""
    if not _is_submission(request):
        return
    lock = page.get_lock()
    if lock is not None and lock.for_user(request.user):
        return  # Wagtail refuses the edit itself
    if not page.permissions_for_user(request.user).can_submit_for_moderation():
        return  # Wagtail saves a draft anyway
    course = course_of(page=page)
    if course is None:
        return
    # A copy of the page for the form to fill: the view's own instance must stay untouched.
    instance = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    draft = _submitted_version(
        request=request, page_class=page.specific_class, instance=instance, parent=page.get_parent()
    )
    _refuse_if_incomplete(request=request, course=course, draft=draft)


def hold_back_incomplete_creation(*, request, parent: Page, page_class) -> None:
    """The same as `hold_back_incomplete_submission` for a page created and submitted at once
    (the `before_create_page` hook): Wagtail then creates it as a draft."""
    from courses.models import CoursePage

    if not _is_submission(request) or not parent.has_workflow:
        return
    if not issubclass(page_class, CoursePage) and course_of(parent=parent) is None:
        return
    instance = page_class(owner=request.user, locale=parent.locale)
    draft = _submitted_version(
        request=request, page_class=page_class, instance=instance, parent=parent
    )
    if draft is not None:
        course = course_of(page=draft, parent=parent)
        _refuse_if_incomplete(request=request, course=course, draft=draft)


def _refuse_if_incomplete(*, request, course, draft: Page | None) -> None:
    if draft is None:
        return
    checklist = course_checklist(course=course, draft=draft)
    problems = [problem for check in checklist for problem in check.problems]
    if not problems:
        return
    request.POST = request.POST.copy()
    for name in SUBMIT_ACTIONS:
        request.POST.pop(name, None)
    items = format_html_join("", "<li>{}</li>", ((problem,) for problem in problems))
    message = _(
        "Nie wysłano do akceptacji: kurs nie jest jeszcze gotowy. Zmiany zapisano jako wersję "
        "roboczą. Popraw przed wysłaniem:"
    )
    detail = format_html('<ul class="errorlist">{}</ul>', items)
    django_messages.error(request, messages.render(message, None, detail=detail))


# --- The panel in the editor ------------------------------------------------------------------------


class ChecklistPanel(Panel):
    """The course's checklist, read-only, in the editor of each page of a course: what
    `course_checklist` finds for the version being edited, item by item with ✓ or ✗."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/checklist_panel.html"

        def get_context_data(self, parent_context=None):
            from courses.models import LessonPage

            context = super().get_context_data(parent_context)
            page = self.instance
            parent = self.form.parent_page if page.pk is None else None
            course = course_of(page=page, parent=parent)
            context["checks"] = checks = (
                course_checklist(course=course, draft=page) if course is not None else []
            )
            context["ready"] = all(check.passed for check in checks)
            if isinstance(page, LessonPage):
                context["lesson_minutes"] = reading_minutes(page.body)
            return context
