"""Writes of the evaluation: inviting people to a survey, e-mailing the invitation, storing an
answer so that it cannot be traced back to them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from evaluation import emails
from evaluation.forms import Answer
from evaluation.models import Survey, SurveyAnswer, SurveyInvitation, SurveyPage, SurveyResponse
from evaluation.selectors import forget_pending
from lms.mail import email_renderer, queue_emails
from lms.organisations.models import COUNTY_TYPES, OrganisationUnit


class SurveyError(Exception):
    """The answer cannot be stored (already given); the message is for the person."""


def survey_for(*, page) -> Survey | None:
    """The survey a page (course or event) uses: the one that names it, else the default one."""
    chosen = SurveyPage.objects.filter(page_id=page.pk).select_related("survey").first()
    return chosen.survey if chosen is not None else Survey.objects.default()


def group_attributes(*, unit: OrganisationUnit | None) -> dict:
    """What reports group by, for a person of `unit`: the unit, its type and its county."""
    if unit is None:
        return {"unit": None, "county": None, "unit_type": ""}
    county = OrganisationUnit.objects.filter(
        path=unit.path[: 2 * OrganisationUnit.steplen], unit_type__in=COUNTY_TYPES
    ).first()
    return {"unit": unit, "county": county, "unit_type": unit.unit_type}


@transaction.atomic
def invite(*, user, page) -> tuple[SurveyInvitation | None, bool]:
    """Ask `user` to evaluate `page` (a course they completed, an event they attended). Once per
    person and page, whatever calls it again; nobody is asked without a survey to give, nor an
    inactive or anonymised account. Returns the invitation (or None) and whether it is new."""
    if not user.is_active or user.anonymised_at is not None:
        return None, False
    existing = SurveyInvitation.objects.filter(user=user, page_id=page.pk).first()
    if existing is not None:
        return existing, False
    survey = survey_for(page=page)
    if survey is None:
        return None, False
    invitation, created = SurveyInvitation.objects.get_or_create(
        user=user,
        page_id=page.pk,
        defaults={"survey": survey, **group_attributes(unit=user.unit)},
    )
    if created:
        forget_pending(user_id=user.pk)
    return invitation, created


def survey_url(*, page_id: int) -> str:
    return settings.SITE_URL + reverse("evaluation:survey", args=[page_id])


def email_invitation(*, invitation_id: int) -> int:
    """E-mail one invitation (once, whatever runs it again): the page's title and a link to the
    survey. Nothing for an answered invitation or an inactive person. Returns 1 if sent."""
    with transaction.atomic():
        invitation = (
            SurveyInvitation.objects.select_for_update(of=("self",))
            .filter(
                pk=invitation_id,
                emailed_at__isnull=True,
                answered_on__isnull=True,
                user__is_active=True,
                user__anonymised_at__isnull=True,
            )
            .exclude(user__email="")
            .select_related("user", "page")
            .first()
        )
        if invitation is None:
            return 0
        invitation.emailed_at = timezone.now()
        invitation.save(update_fields=["emailed_at"])
        with override("pl"):
            subject, text, html = email_renderer(emails.TEMPLATE)(
                {
                    "user": invitation.user,
                    "title": invitation.page.title,
                    "survey_url": survey_url(page_id=invitation.page_id),
                }
            )
        queue_emails(
            [{"to": [invitation.user.email], "subject": subject, "text": text, "html": html}]
        )
    return 1


EMAIL_AFTER = timedelta(minutes=30)
EMAIL_WITHIN = timedelta(days=14)


def due_invitation_ids(*, now: datetime | None = None) -> list[int]:
    """Invitations to e-mail now: not answered, not e-mailed, given at least EMAIL_AFTER ago
    (whoever rates the course from its page right after completing it gets no e-mail, and the
    invitation never arrives together with the certificate), and at most EMAIL_WITHIN ago (after
    a long outage, a stale reminder is left out; the prompt on the page stays)."""
    now = now or timezone.now()
    return list(
        SurveyInvitation.objects.filter(
            emailed_at__isnull=True,
            answered_on__isnull=True,
            invited_at__lte=now - EMAIL_AFTER,
            invited_at__gte=now - EMAIL_WITHIN,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def submit_response(*, invitation: SurveyInvitation, answers: list[Answer]) -> None:
    """Store the answers without the person: the invitation only notes the day it was answered,
    the response gets the grouping attributes (the person's unit now) and no time. A second
    answer is refused (SurveyError) and nothing is stored."""
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("user__unit", "survey")
        .get(pk=invitation.pk)
    )
    if invitation.is_answered:
        raise SurveyError(_("Ta ankieta została już wypełniona. Dziękujemy!"))
    attributes = group_attributes(unit=invitation.user.unit)
    for name, value in attributes.items():
        setattr(invitation, name, value)
    invitation.answered_on = timezone.localdate()
    invitation.save()
    response = SurveyResponse.objects.create(
        survey=invitation.survey,
        survey_version=invitation.survey.version,
        page_id=invitation.page_id,
        **attributes,
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            response=response,
            question_key=answer.key,
            value=answer.value,
            choice=answer.choice,
            text=answer.text,
        )
        for answer in answers
    )
    forget_pending(user_id=invitation.user_id)
