"""Demo evaluation (`make run`): the report cohort's completed courses get survey invitations
(marked e-mailed: no mail to made-up addresses) and most of them answers (all on the busiest course, so the admin's results page shows charts), the
demo learner has one completed course waiting for a rating, and the first demo course offers a
pre-test. Idempotent: nothing is added when demo answers exist."""

import random

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from courses.models import CoursePage, Enrolment, QuizPage
from evaluation import services
from evaluation.blocks import CHOICE, LIKERT, OPEN
from evaluation.forms import Answer
from evaluation.models import SurveyInvitation, SurveyResponse
from lms.users.models import User

LEARNER_EMAIL = "kursant@centrum-kompetencji.example"
COHORT_DOMAIN = "demo.centrum-kompetencji.example"
ANSWER_SHARE = 0.7
OPEN_ANSWERS = [
    "Najbardziej przydatne były przykłady z obsługi cudzoziemców w naszym urzędzie.",
    "Więcej ćwiczeń z wypełniania wniosków o zezwolenie na pobyt.",
    "Materiały po ukraińsku dla klientów bardzo się przydadzą.",
    "Proszę o szkolenie z komunikacji przez tłumacza.",
    "Dobre tempo, konkretne informacje, przydatna lista kontaktów do instytucji.",
    "Przydałby się moduł o zatrudnianiu cudzoziemców w gminie.",
]


def _answers(survey, rng) -> list[Answer]:
    """Plausible answers: ratings mostly 4–5, the first option of choices most often."""
    answers = []
    for child in survey.questions:
        if child.block_type == LIKERT:
            value = rng.choices([2, 3, 4, 5], weights=[1, 2, 5, 4])[0]
            answers.append(Answer(key=child.id, value=value))
        elif child.block_type == CHOICE:
            choices = list(child.value["choices"])
            weights = [len(choices) - index for index in range(len(choices))]
            answers.append(Answer(key=child.id, choice=rng.choices(choices, weights=weights)[0]))
        elif child.block_type == OPEN and rng.random() < 0.5:
            answers.append(Answer(key=child.id, text=rng.choice(OPEN_ANSWERS)))
    return answers


@transaction.atomic
def load_demo_surveys(*, stdout=None) -> None:
    answered = 0 if SurveyResponse.objects.exists() else _demo_answers()
    pending = _demo_learner_pending()
    _demo_pretest()
    # No invitation e-mails to the demo's made-up addresses (the prompts show on the pages).
    SurveyInvitation.objects.filter(
        emailed_at__isnull=True, user__email__endswith="centrum-kompetencji.example"
    ).update(emailed_at=timezone.now())
    if stdout is not None:
        stdout.write(
            f"Ankiety demonstracyjne: {answered} odpowiedzi"
            f"{', kursant ma ankietę do wypełnienia' if pending else ''}.\n"
        )


def _demo_answers() -> int:
    completed = Enrolment.objects.filter(
        completed_at__isnull=False, user__email__endswith="@" + COHORT_DOMAIN
    ).select_related("user__unit", "course")
    busiest = (
        completed.values("course_id").annotate(n=Count("pk")).order_by("-n").first() or {}
    ).get("course_id")
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data, not a secret
    answered = 0
    for enrolment in completed.order_by("pk"):
        invitation, _created = services.invite(user=enrolment.user, page=enrolment.course)
        if invitation is None or invitation.is_answered:
            continue
        if enrolment.course_id == busiest or rng.random() < ANSWER_SHARE:
            services.submit_response(
                invitation=invitation, answers=_answers(invitation.survey, rng)
            )
            answered += 1
    return answered


def _demo_learner_pending() -> bool:
    """The demo learner completed one course (recorded directly, as the cohort's) and has not
    rated it yet."""
    learner = User.objects.filter(email=LEARNER_EMAIL).first()
    if learner is None or SurveyInvitation.objects.filter(user=learner).exists():
        return False
    started = Enrolment.objects.filter(user=learner).values("course_id")
    course = CoursePage.objects.live().filter(enrolment_mode="open").exclude(pk__in=started).last()
    if course is None:
        return False
    now = timezone.now()
    Enrolment.objects.create(
        user=learner,
        course=course,
        enrolled_at=now - timezone.timedelta(days=10),
        last_activity_at=now - timezone.timedelta(days=3),
        progress_percent=100,
        best_score_percent=90,
        completed_at=now - timezone.timedelta(days=3),
    )
    invitation, _created = services.invite(user=learner, page=course)
    return invitation is not None


def _demo_pretest() -> None:
    """An open demo course the demo learner has not started offers a pre-test (published as an
    editor would)."""
    started = Enrolment.objects.filter(user__email=LEARNER_EMAIL).values("course_id")
    course = CoursePage.objects.live().filter(enrolment_mode="open").exclude(pk__in=started).first()
    if course is None:
        return
    for quiz in QuizPage.objects.live().descendant_of(course).filter(pretest_enabled=False):
        quiz.pretest_enabled = True
        quiz.save_revision().publish()
