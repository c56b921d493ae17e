"""The participant's form: the information notice, then the fund's questions (login required)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from funding import selectors, services
from funding.forms import ParticipantForm
from funding.models import Participant, Project


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("dashboard")


def form_url(project: Project, next_url: str) -> str:
    url = reverse("funding:participant_form", args=[project.pk])
    return f"{url}?{urlencode({'next': next_url})}"


@login_required
def participant_form(request, project_id):
    today = timezone.localdate()
    project = get_object_or_404(Project, pk=project_id, start_date__lte=today, end_date__gte=today)
    next_url = _next_url(request)
    if Participant.objects.filter(project=project, user=request.user).exists():
        return redirect(next_url)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_participant(user=request.user, project=project, answers=form.cleaned_data)
        messages.success(request, _("Dziękujemy. Dane uczestnika projektu zostały zapisane."))
        return redirect(next_url)
    return TemplateResponse(
        request,
        "funding/participant_form.html",
        {"project": project, "form": form, "next_url": next_url},
    )


def ask_for_participant_data(request, page):
    """The registration gate (`lms_registration_gate`): to the form while a running project
    financing `page` lacks the person's data; afterwards back to the page (a GET comes back to
    the same address; a POST, which cannot be replayed, to the page)."""
    project = selectors.project_missing_data(user=request.user, page=page)
    if project is None:
        return None
    back = request.get_full_path() if request.method == "GET" else page.get_url(request)
    messages.info(
        request,
        _(
            "To szkolenie jest współfinansowane ze środków Unii Europejskiej. Zanim zaczniesz, "
            "wypełnij krótki formularz uczestnika projektu."
        ),
    )
    return redirect(form_url(project, back or reverse("dashboard")))
