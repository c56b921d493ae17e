"""Reads of the question bank for its admin: pools with their sizes, and the authors' per-question
statistics (so weak questions can be found), computed in the database.

Statistics of one bank question, from its `QuestionResponse` rows (one per submitted attempt that
showed it):

- attempts: the number of responses (an attempt, not a person: a learner who tried twice counts
  twice);
- % correct: correct responses / responses × 100;
- discrimination index D, the classic upper/lower 27% method: the attempts that answered the
  question are ranked by their total score (`QuizAttempt.score_percent`, ties broken by the
  attempt's id, so the ranking is stable); the upper group is the best round(27% × n) attempts
  (at least one), the lower group the same number of worst ones;
  D = p_upper − p_lower, the share of correct answers in the upper group minus that in the
  lower group (from −1 to 1). A good question is answered correctly more often by those who did
  well on the whole test (D ≥ 0.2 is the usual bar; near 0 or negative means it does not tell
  who knows the subject, or its key is wrong). The total score includes the question itself, as
  in the classic method. Below MIN_ATTEMPTS responses D is not computed (None, shown "—"): with
  groups of one or two attempts it is noise;
- the most chosen wrong answer: the most frequent `response["text"]` (the learner's answer as the
  quiz wrote it down) among incorrect responses, with its count; ties go to the alphabetically
  first text.

A question is flagged as weak, once it has MIN_ATTEMPTS responses, when % correct is below
TOO_HARD_PERCENT (nearly nobody knows it: unclear, or a wrong key), above TOO_EASY_PERCENT (it
tells nothing), or D is below WEAK_DISCRIMINATION.

Everything is one query for a whole listing (correlated subqueries per question row, no query per
row) and only aggregates leave it: never who answered what.
"""

from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Round
from django.utils.translation import gettext, ngettext

from courses.questionbank.models import Question, QuestionResponse

MIN_ATTEMPTS = 10
GROUP_SHARE = Decimal("0.27")
TOO_HARD_PERCENT = 20
TOO_EASY_PERCENT = 95
WEAK_DISCRIMINATION = Decimal("0.2")

# D of the outer question row (`questionbank_question`), over its responses ranked by the
# attempts' scores: row numbers from the top and from the bottom, and the size of each group.
DISCRIMINATION_SQL = """
    SELECT CASE WHEN COUNT(*) < %s THEN NULL ELSE ROUND(
        (COUNT(*) FILTER (WHERE ranked.from_top <= ranked.group_size AND ranked.correct)
         - COUNT(*) FILTER (WHERE ranked.from_bottom <= ranked.group_size AND ranked.correct)
        )::numeric / MAX(ranked.group_size), 2) END
    FROM (
        SELECT response.correct,
               ROW_NUMBER() OVER (ORDER BY attempt.score_percent DESC, attempt.id DESC) AS from_top,
               ROW_NUMBER() OVER (ORDER BY attempt.score_percent ASC, attempt.id ASC) AS from_bottom,
               GREATEST(1, ROUND(%s * COUNT(*) OVER ())) AS group_size
        FROM questionbank_questionresponse AS response
        JOIN courses_quizattempt AS attempt ON attempt.id = response.attempt_id
        WHERE response.question_id = questionbank_question.id
          AND attempt.score_percent IS NOT NULL
    ) AS ranked
"""


def question_type_labels() -> dict:
    """The question types' names as authors know them ("Jednokrotny wybór", …)."""
    blocks = Question._meta.get_field("content").stream_block.child_blocks
    return {name: block.meta.label or name for name, block in blocks.items()}


def question_type_choices() -> list[tuple[str, str]]:
    return list(question_type_labels().items())


def pools_with_counts(pools: QuerySet) -> QuerySet:
    """`pools` with `question_count`, their course and area fetched along."""
    return pools.select_related("course", "thematic_area").annotate(
        question_count=Count("questions", distinct=True)
    )


def with_question_type(questions: QuerySet) -> QuerySet:
    """`question_type`: the type of the question's one block, read in the database."""
    return questions.annotate(question_type=KT("content__0__type"))


def _count(responses: QuerySet) -> Coalesce:
    counted = responses.order_by().values("question").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def question_statistics(*, questions: QuerySet) -> QuerySet:
    """`questions` annotated with `attempts`, `correct_count`, `correct_percent` (one decimal,
    None without attempts), `discrimination` (two decimals, None below MIN_ATTEMPTS),
    `wrong_answer` and `wrong_answer_count` (None without wrong answers) and `weak` (bool)."""
    responses = QuestionResponse.objects.filter(question=OuterRef("pk"))
    wrong = (
        responses.filter(correct=False)
        .annotate(text=KT("response__text"))
        .exclude(text__isnull=True)
        .order_by()
        .values("text")
        .annotate(n=Count("pk"))
        .order_by("-n", "text")
    )
    percent = DecimalField(max_digits=5, decimal_places=1)
    return with_question_type(
        questions
    ).annotate(
        attempts=_count(responses),
        correct_count=_count(responses.filter(correct=True)),
        correct_percent=Case(
            When(attempts=0, then=Value(None, output_field=percent)),
            default=Round(
                ExpressionWrapper(
                    F("correct_count") * Decimal("100.0") / F("attempts"), output_field=percent
                ),
                1,
            ),
            output_field=percent,
        ),
        discrimination=RawSQL(  # noqa: S611 - a constant statement; values are bound parameters
            DISCRIMINATION_SQL,
            (MIN_ATTEMPTS, GROUP_SHARE),
            output_field=DecimalField(max_digits=3, decimal_places=2),
        ),
        wrong_answer=Subquery(wrong.values("text")[:1]),
        wrong_answer_count=Subquery(wrong.values("n")[:1], output_field=IntegerField()),
        weak=Case(
            When(
                Q(attempts__gte=MIN_ATTEMPTS)
                & (
                    Q(correct_percent__lt=TOO_HARD_PERCENT)
                    | Q(correct_percent__gt=TOO_EASY_PERCENT)
                    | Q(discrimination__lt=WEAK_DISCRIMINATION)
                ),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def weak_reasons(question) -> list[str]:
    """Why an annotated question (`question_statistics`) is flagged, in words."""
    if not getattr(question, "weak", False):
        return []
    reasons = []
    if question.correct_percent is not None and question.correct_percent < TOO_HARD_PERCENT:
        reasons.append(
            gettext("poprawnie odpowiada mniej niż %(limit)d%%") % {"limit": TOO_HARD_PERCENT}
        )
    if question.correct_percent is not None and question.correct_percent > TOO_EASY_PERCENT:
        reasons.append(
            gettext("poprawnie odpowiada ponad %(limit)d%%") % {"limit": TOO_EASY_PERCENT}
        )
    if question.discrimination is not None and question.discrimination < WEAK_DISCRIMINATION:
        reasons.append(
            gettext("słabo różnicuje (D < %(limit)s)")
            % {"limit": str(WEAK_DISCRIMINATION).replace(".", ",")}
        )
    return reasons


def wrong_answer_label(question) -> str:
    """The most chosen wrong answer of an annotated question with its count, or ""."""
    if question.wrong_answer is None:
        return ""
    text = question.wrong_answer or gettext("(bez odpowiedzi)")
    count = question.wrong_answer_count
    times = ngettext("%(count)d raz", "%(count)d razy", count) % {"count": count}
    return f"„{text}” ({times})"


def statistics_of(*, question: Question) -> Question:
    """One question with its statistics (the panel of its edit page): one query."""
    return question_statistics(questions=Question.objects.filter(pk=question.pk)).get()
