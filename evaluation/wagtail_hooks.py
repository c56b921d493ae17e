"""The evaluation in Wagtail: surveys as snippets, the reports, who is asked (course completion),
the "Oceń szkolenie" prompt on learner pages, personal data and the demo."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from evaluation import admin_views, receivers, reports, selectors
from evaluation.models import Survey, SurveyInvitation
from lms.deletion import protected_records


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "clipboard-list"
    menu_label = _("Ankiety ewaluacyjne")
    menu_order = 310
    add_to_admin_menu = True
    list_display = [
        "name",
        BooleanColumn("is_default", label=_("Domyślna"), sort_key="is_default"),
        "version",
    ]
    search_fields = ["name"]


register_snippet(SurveyViewSet)


@hooks.register("before_delete_snippet")
def keep_answered_surveys(request, instances):
    """A survey someone was asked to fill in stays: its results rest on it."""
    instances = list(instances)
    if not instances or not isinstance(instances[0], Survey):
        return None
    records = protected_records(instances)
    if not records:
        return None
    messages.error(
        request,
        gettext(
            "Nie można usunąć ankiety: są z nią związane %(records)s. Zamiast usuwać, zmień jej "
            "pytania (wyniki zachowają wcześniejsze odpowiedzi) albo odznacz „ankieta domyślna”."
        )
        % {"records": ", ".join(records)},
    )
    return redirect(SurveyViewSet().get_url_name("list"))


# --- Reports ----------------------------------------------------------------------------------------


REPORTS = [
    # (route, view, URL name, menu label, icon)
    (
        "raporty/ankiety/",
        admin_views.SurveySummaryView,
        "evaluation_summary",
        _("Ankiety: odsetek odpowiedzi"),
        "clipboard-list",
    ),
    (
        "raporty/ankiety/wyniki/",
        admin_views.SurveyResultsView,
        "evaluation_results",
        _("Ankiety: wyniki"),
        "clipboard-list",
    ),
    (
        "raporty/przyrost-wiedzy/",
        admin_views.KnowledgeGainView,
        "evaluation_knowledge",
        _("Przyrost wiedzy"),
        "doc-full",
    ),
]


@hooks.register("register_admin_urls")
def register_evaluation_urls():
    urls = []
    for route, view, name, _label, _icon in REPORTS:
        urls.append(path(route, view.as_view(), name=name))
        urls.append(path(f"{route}lista/", view.as_view(results_only=True), name=f"{name}_results"))
    return urls


class EvaluationMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.may_see_results(request)


def _menu_item(index: int):
    _route, _view, name, label, icon = REPORTS[index]
    return EvaluationMenuItem(
        label, reverse(name), name=name.replace("_", "-"), icon_name=icon, order=30 + index
    )


for _index in range(len(REPORTS)):
    hooks.register("register_reports_menu_item", lambda index=_index: _menu_item(index))


# --- Learners -----------------------------------------------------------------------------------


@hooks.register("lms_course_completed")
def invite_to_evaluate_the_course(enrolment):
    """In the transaction that records the completion; the e-mail goes after it commits."""
    receivers.course_completed(enrolment)


@hooks.register("lms_learner_prompts")
def survey_prompt(request, page):
    """ "Oceń szkolenie" on the page of a course or event the person may evaluate, and the list
    of all such pages on the dashboard (no query while the cached list is fresh)."""
    pending = selectors.pending_surveys(user=request.user)
    if page is not None:
        pending = [survey for survey in pending if survey.page_id == page.pk]
    if not pending:
        return ""
    return render_to_string(
        "evaluation/includes/prompt.html", {"pending": pending, "page": page}, request=request
    )


@hooks.register("lms_personal_data")
def survey_invitations_of(user):
    """What is kept about the person: which pages they were asked to evaluate and on which day
    they did. Their answers are anonymous and cannot be found."""
    invitations = SurveyInvitation.objects.filter(user=user).select_related("page")
    return {
        "survey_invitations": [
            {
                "page": invitation.page.title,
                "invited_at": invitation.invited_at.isoformat(),
                "answered_on": invitation.answered_on.isoformat()
                if invitation.answered_on
                else None,
            }
            for invitation in invitations.order_by("invited_at")
        ]
    }


@hooks.register("lms_anonymise_user")
def forget_survey_invitations(user):
    """Erasure: the record of being asked (and having answered) goes; the anonymous answers stay,
    as nothing links them to the person."""
    SurveyInvitation.objects.filter(user=user).delete()
    selectors.forget_pending(user_id=user.pk)


@hooks.register("lms_load_demo", order=50)
def load_demo_surveys(stdout=None):
    """After the report cohort (its completions are rated), before the certificates (order 100)
    are issued for the demo learner's completed course."""
    from evaluation.demo import load_demo_surveys as load

    load(stdout=stdout)
