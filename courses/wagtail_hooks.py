from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses import authoring, editions, outline, selectors, services
from courses.dashboard import MyCoursesPanel
from courses.forms import AssignmentForm, EditionForm
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    ThematicArea,
)
from courses.permissions import forget_page_permissions, without_hidden
from courses.questionbank.models import QuestionResponse
from lms.admin_menu import PermissionMenuItem
from lms.deletion import protected_records
from lms.home.models import HOME_SECTIONS_HOOK
from lms.users.roles import coordinated_units

ASSIGN_PERMISSION = "courses.add_assignment"


class ThematicAreaViewSet(SnippetViewSet):
    model = ThematicArea
    icon = "tag"
    menu_label = _("Obszary tematyczne")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]


register_snippet(ThematicAreaViewSet)


# --- Assigning courses ----------------------------------------------------------------------------


def assign_view(request):
    if not request.user.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied
    form = AssignmentForm(
        request.POST or None,
        scope_units=coordinated_units(request.user),
        unit=request.GET.get("unit"),
    )
    if request.method == "POST" and form.is_valid():
        people = form.people()
        created = services.assign(
            users=people,
            course=form.cleaned_data["course"],
            assigned_by=request.user,
            deadline=form.cleaned_data["deadline"],
        )
        messages.success(
            request,
            _(
                "Przypisano kurs %(created)d osobom (wybrano %(chosen)d, pozostali mieli go już przypisany)."
            )
            % {"created": created, "chosen": len(people)},
        )
        return redirect("courses_assign")
    return TemplateResponse(request, "courses/admin/assign.html", {"form": form})


@hooks.register("register_admin_urls")
def register_assign_url():
    return [path("kursy/przypisz/", assign_view, name="courses_assign")]


@hooks.register("register_admin_menu_item")
def register_assign_menu_item():
    return PermissionMenuItem(
        _("Przypisz kurs"),
        reverse("courses_assign"),
        icon_name="group",
        order=310,
        permission=ASSIGN_PERMISSION,
    )


@hooks.register("register_organisation_unit_buttons")
def assign_course_to_unit_buttons(request):
    """ "Przypisz kurs" on each unit the user may assign courses to: the assignment form opens
    with the unit (and so its sub-units) chosen, leaving only the course to pick."""
    if not request.user.has_perm(ASSIGN_PERMISSION):
        return lambda unit: []
    scope = coordinated_units(request.user)
    paths = None if scope is None else tuple(unit.path for unit in scope)

    def buttons(unit):
        if paths is not None and not unit.path.startswith(paths):
            return []
        url = reverse("courses_assign") + "?" + urlencode({"unit": unit.pk})
        label = _("Przypisz kurs jednostce %(unit)s") % {"unit": unit}
        return [
            ListingButton(
                _("Przypisz kurs"),
                url=url,
                icon_name="group",
                priority=5,
                attrs={"aria-label": label},
            )
        ]

    return buttons


# --- Keeping learner records safe -----------------------------------------------------------------


def refuse_page_deletion(request, page):
    """Refuse (in Polish, naming what blocks it) deleting a page when it or a page below it has
    records that must be kept (see lms.deletion); None when the deletion may go ahead."""
    records = protected_records(page.get_descendants(inclusive=True))
    if not records:
        return None
    message = _(
        "Nie można usunąć „%(title)s”: są z tą stroną lub stronami pod nią związane "
        "%(records)s, które muszą pozostać w rejestrze. Wycofaj publikację, aby ukryć ją "
        "przed kursantami."
    )
    messages.error(request, message % {"title": page.title, "records": ", ".join(records)})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_delete_page")
def keep_pages_with_records(request, page):
    return refuse_page_deletion(request, page)


@hooks.register("before_bulk_action")
def keep_pages_with_records_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or action_class_instance.model is not Page:
        return None
    for page in objects:
        if refused := refuse_page_deletion(request, page):
            return refused
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sync_trainers(request, page):
    specific = page.specific
    if isinstance(specific, CoursePage):
        services.sync_course_trainers(course=specific)
        # The author may have just joined the course's group: later checks in this request
        # must not use the permissions Wagtail cached before.
        forget_page_permissions(request.user)
    elif isinstance(specific, CourseIndexPage):
        services.open_catalogue_to_trainers(index=specific)


@hooks.register("after_copy_page")
def sync_trainers_of_copy(request, page, new_page):
    specific = new_page.specific
    if isinstance(specific, CoursePage):
        services.sync_course_trainers(course=specific)
        forget_page_permissions(request.user)


# --- Authoring: trainers see their own courses' drafts only (see courses.permissions) -------------


@hooks.register("construct_page_chooser_queryset")
def hide_other_trainers_drafts_in_chooser(pages, request):
    return without_hidden(pages, request.user)


@hooks.register("construct_homepage_panels")
def add_my_courses_panel(request, panels):
    panel = MyCoursesPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


# --- Nothing incomplete goes to moderation (see courses.authoring) ----------------------------------


@hooks.register("before_edit_page")
def check_course_before_submission(request, page):
    authoring.hold_back_incomplete_submission(request=request, page=page)


@hooks.register("before_create_page")
def check_course_before_creation_and_submission(request, parent_page, page_class):
    authoring.hold_back_incomplete_creation(
        request=request, parent=parent_page, page_class=page_class
    )


# --- New edition of a course (see courses.editions) -------------------------------------------------


def new_edition_view(request, page_id):
    course = get_object_or_404(CoursePage, pk=page_id)
    if not editions.can_create_edition(user=request.user, course=course):
        raise PermissionDenied
    form = EditionForm(
        request.POST or None, initial={"label": editions.suggested_label(course=course)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            edition = editions.create_edition(
                course=course, label=form.cleaned_data["label"], user=request.user
            )
        except editions.EditionError as error:
            form.add_error("label", str(error))
        else:
            messages.success(
                request,
                _(
                    "Utworzono szkic edycji „%(label)s” ze wszystkimi stronami kursu. Kursanci "
                    "poprzedniej edycji niczego nie tracą. Po poprawkach opublikuj nową edycję "
                    "razem ze stronami podrzędnymi – wtedy zastąpi poprzednią w katalogu."
                )
                % {"label": edition.edition_label},
            )
            return redirect("wagtailadmin_pages:edit", edition.pk)
    context = {"form": form, "course": course, "editions": editions.editions_of(course=course)}
    return TemplateResponse(request, "courses/admin/new_edition.html", context)


@hooks.register("register_admin_urls")
def register_new_edition_url():
    return [path("kursy/<int:page_id>/nowa-edycja/", new_edition_view, name="courses_new_edition")]


class NewEditionButton(PageMenuItem):
    label = _("Nowa edycja")
    icon_name = "copy"
    url_name = "courses_new_edition"

    def is_shown(self, user):
        return editions.can_create_edition(user=user, course=self.page)


@hooks.register("register_page_listing_more_buttons")
def new_edition_listing_button(page, user, next_url=None):
    if page.specific_class is CoursePage:
        yield NewEditionButton(page=page, priority=25)


@hooks.register("register_page_header_buttons")
def new_edition_header_button(page, user, view_name, next_url=None):
    if page.specific_class is CoursePage:
        yield NewEditionButton(page=page, priority=35)


# --- Platform-wide hooks (see lms.users.services and the load_demo command) -------------------------


@hooks.register("lms_personal_data")
def learning_records(user):
    enrolments = Enrolment.objects.filter(user=user).select_related("course")
    completions = LessonCompletion.objects.filter(enrolment__user=user).select_related("lesson")
    attempts = QuizAttempt.objects.filter(enrolment__user=user, submitted_at__isnull=False)
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "enrolled_at": e.enrolled_at.isoformat(),
                "progress_percent": e.progress_percent,
                "best_quiz_score_percent": e.best_score_percent,
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
            }
            for e in enrolments
        ],
        "completed_lessons": [
            {"lesson": c.lesson.title, "completed_at": c.completed_at.isoformat()}
            for c in completions
        ],
        "quiz_attempts": [
            {
                "quiz": a.quiz.title,
                "number": a.number,
                "score_percent": a.score_percent,
                "passed": a.passed,
                "submitted_at": a.submitted_at.isoformat(),
                "answers": [
                    {"answer": r.response.get("text", ""), "correct": r.correct}
                    for r in a.responses.all()
                    if isinstance(r.response, dict)
                ],
            }
            for a in attempts.select_related("quiz").prefetch_related(
                Prefetch("responses", queryset=QuestionResponse.objects.order_by("pk"))
            )
        ],
    }


@hooks.register("lms_load_demo")
def load_demo_catalogue(stdout=None):
    from courses.demo import load_demo_catalogue as load

    load(stdout=stdout)


@hooks.register("lms_search_register")
def search_pages():
    """Courses and their lessons are found by the site search (lms.search)."""
    return [CoursePage, LessonPage]


@hooks.register(HOME_SECTIONS_HOOK, order=10)
def home_areas(request):
    """The front page's "Obszary szkoleń": each area, how many courses it has, into the catalogue."""
    catalogue = outline.catalogue_url()
    if not catalogue:
        return ""
    return render_to_string(
        "courses/includes/home_areas.html",
        {"areas": selectors.areas_with_course_counts(), "catalogue": catalogue},
        request=request,
    )
