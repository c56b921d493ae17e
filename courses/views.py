"""Learner-facing views. Pages' `serve()` delegates here; the logic lives in services/selectors."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses import editions, outline, selectors, services
from courses.models import CoursePage, QuizAttempt
from lms.registration import registration_gate

MAX_QUIZ_POST_BYTES = 64 * 1024


def course_page(request, course):
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # Other apps may need something first (an EU-funded project: the participant's data).
        if services.can_enrol(user=request.user, course=course):
            gate = registration_gate(request, course)
            if gate is not None:
                return gate
        try:
            services.enrol(user=request.user, course=course)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(course.url)
        messages.success(request, _("Zapisano Cię na kurs. Powodzenia!"))
        progress = selectors.course_progress(course=course, user=request.user)
        first = progress.next_lesson
        return redirect(first.url if first else course.url)
    progress = selectors.course_progress(course=course, user=request.user)
    if progress.enrolment is not None:  # assigned by a coordinator: asked at the next visit
        gate = registration_gate(request, course)
        if gate is not None:
            return gate
    return TemplateResponse(
        request,
        "courses/course_page.html",
        {
            "page": course,
            "self": course,
            "progress": progress,
            "can_enrol": services.can_enrol(user=request.user, course=course),
            "newer_edition": editions.superseded_by(course=course),
        },
    )


def _enrolment_or_redirect(request, page):
    """The learner's enrolment on the page's course, or a response sending them where to go."""
    if not request.user.is_authenticated:
        return None, None, redirect_to_login(request.get_full_path())
    course = outline.course_of(page)
    progress = selectors.course_progress(course=course, user=request.user, current=page)
    if progress.enrolment is None:
        messages.info(request, _("Zapisz się na kurs, aby otworzyć lekcje i test."))
        return course, progress, redirect(course.url)
    return course, progress, registration_gate(request, page)


def lesson_page(request, lesson):
    course, progress, response = _enrolment_or_redirect(request, lesson)
    if response is not None:
        return response
    enrolment = progress.enrolment
    lessons = [item for item in progress.outline if item.kind in ("lesson", "quiz")]
    position = next(i for i, item in enumerate(lessons) if item.page.pk == lesson.pk)
    previous_item = lessons[position - 1].page if position > 0 else None
    next_item = lessons[position + 1].page if position + 1 < len(lessons) else None

    if request.method == "POST":
        enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
        if enrolment.is_completed and not progress.enrolment.is_completed:
            messages.success(
                request, _("Gratulacje! Ukończono kurs „%(course)s”.") % {"course": course.title}
            )
            return redirect(course.url)
        messages.success(request, _("Lekcja oznaczona jako ukończona."))
        return redirect(next_item.url if next_item else course.url)

    services.record_lesson_visit(enrolment=enrolment, lesson=lesson)
    done = next(item.done for item in lessons if item.page.pk == lesson.pk)
    return TemplateResponse(
        request,
        "courses/lesson_page.html",
        {
            "page": lesson,
            "self": lesson,
            "course": course,
            "progress": progress,
            "done": done,
            "previous_item": previous_item,
            "next_item": next_item,
            "outline_key": progress.outline_key(lesson),
        },
    )


PRETEST_PARAM = "wstepny"


def quiz_page(request, quiz):
    course, progress, response = _enrolment_or_redirect(request, quiz)
    if response is not None:
        return response
    enrolment = progress.enrolment
    pretest = request.GET.get(PRETEST_PARAM) == "1"
    context = {
        "page": quiz,
        "self": quiz,
        "course": course,
        "progress": progress,
        "pretest": pretest,
    }

    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_QUIZ_POST_BYTES:
            context["error"] = _(
                "Przesłany formularz jest za duży. Odśwież stronę i spróbuj ponownie."
            )
            return _quiz_form(
                request, context, enrolment, quiz, status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            )
        try:
            attempt_id = int(request.POST.get("attempt", ""))
            attempt = services.submit_quiz(
                enrolment=enrolment, quiz=quiz, attempt_id=attempt_id, data=request.POST
            )
        except ValueError:
            context["error"] = _("Brakuje numeru podejścia. Odśwież stronę i spróbuj ponownie.")
            return _quiz_form(request, context, enrolment, quiz, status=HTTPStatus.BAD_REQUEST)
        except services.QuizSubmissionError as error:
            context["error"] = str(error)
            return _quiz_form(
                request,
                context,
                enrolment,
                quiz,
                status=HTTPStatus.BAD_REQUEST,
                draft=request.POST,
                errors=error.errors,
            )
        return redirect(f"{quiz.url}?wynik={attempt.number}")

    result_number = request.GET.get("wynik", "")
    if result_number.isdigit():
        attempt = QuizAttempt.objects.filter(
            enrolment=enrolment, quiz=quiz, number=int(result_number), submitted_at__isnull=False
        ).first()
        if attempt is not None:
            attempt.quiz = quiz
            progress = selectors.course_progress(course=course, user=request.user, current=quiz)
            context.update(progress=progress, attempt=attempt)
            if attempt.is_pretest:
                # No answers shown: the final test draws from the same questions.
                return TemplateResponse(request, "courses/pretest_result.html", context)
            context.update(
                questions=selectors.quiz_questions(attempt=attempt, reveal=True),
                attempts_left=services.attempts_left(enrolment=enrolment, quiz=quiz),
            )
            return TemplateResponse(request, "courses/quiz_result.html", context)
    return _quiz_form(request, context, enrolment, quiz)


def _quiz_form(request, context, enrolment, quiz, status=HTTPStatus.OK, draft=None, errors=None):
    """The open attempt's form (the pre-test's when asked for); after a rejected post, with the
    learner's answers kept."""
    if context["pretest"]:
        attempt = services.start_pretest(enrolment=enrolment, quiz=quiz)
        if attempt is None:
            messages.info(
                request, _("Test wstępny można rozwiązać tylko przed rozpoczęciem nauki.")
            )
            return redirect(context["course"].url)
    else:
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    if attempt is not None:
        attempt.quiz = quiz
        context["questions"] = selectors.quiz_questions(attempt=attempt, draft=draft, errors=errors)
    context["attempt"] = attempt
    context["attempts_left"] = services.attempts_left(enrolment=enrolment, quiz=quiz)
    return TemplateResponse(request, "courses/quiz_page.html", context, status=status)


def _preview_context(request, page):
    parent = page.get_parent().specific
    course = parent if isinstance(parent, CoursePage) else parent.get_parent().specific
    progress = selectors.course_progress(course=course, user=AnonymousUser(), current=page)
    return {"page": page, "self": page, "course": course, "progress": progress, "preview": True}


def lesson_preview(request, lesson):
    context = _preview_context(request, lesson)
    return TemplateResponse(request, "courses/lesson_page.html", context)


def quiz_preview(request, quiz):
    context = _preview_context(request, quiz)
    context["questions"] = selectors.preview_questions(quiz=quiz)
    return TemplateResponse(request, "courses/quiz_page.html", context)


@login_required
def dashboard(request):
    return render(request, "courses/dashboard.html", selectors.dashboard(user=request.user))


@login_required
def resume(request, course_id):
    """The dashboard's "Continue": the viewer's own next step in the course (their enrolment
    only, whatever the id), else the course page."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    progress = selectors.course_progress(course=course, user=request.user)
    target = progress.continue_target if progress.enrolment else None
    return redirect(target.url if target else course.url)
