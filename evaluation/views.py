"""The learner's survey form: only for the person invited, once."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from evaluation import selectors, services
from evaluation.forms import SurveyForm


def _back(invitation) -> str:
    return invitation.page.url or "/"


@login_required
def survey(request, page_id: int):
    """GET: the survey of the page the person was invited to evaluate (404 for anyone else).
    POST: stores the answers anonymously and goes back to the page; a second answer is refused
    and a form with errors is shown again with its Polish messages, nothing stored."""
    invitation = selectors.invitation_for(user=request.user, page_id=page_id)
    if invitation is None:
        raise Http404
    if invitation.is_answered:
        messages.info(request, _("Ta ankieta została już wypełniona. Dziękujemy!"))
        return redirect(_back(invitation))
    data = request.POST if request.method == "POST" else None  # an empty POST is still a post
    form = SurveyForm(data, survey=invitation.survey)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_response(invitation=invitation, answers=form.answers())
            except services.SurveyError as error:
                messages.info(request, str(error))
                return redirect(_back(invitation))
            messages.success(request, _("Dziękujemy za ocenę szkolenia!"))
            return redirect(_back(invitation))
        return _form(request, invitation, form, status=HTTPStatus.BAD_REQUEST)
    return _form(request, invitation, form)


def _form(request, invitation, form, status=HTTPStatus.OK):
    return TemplateResponse(
        request,
        "evaluation/survey_form.html",
        {"invitation": invitation, "survey": invitation.survey, "form": form},
        status=status,
    )
