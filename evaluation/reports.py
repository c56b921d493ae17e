"""What the programme board reads after the trainings, computed in the database and cut by the
anonymity rule (`evaluation.anonymity`) before anything leaves this module:

- `survey_results`: response rates, per question the distribution and average of a 1–5 scale,
  the shares of a single choice and the open answers, per group (page, county, unit type, unit);
- `page_summary`: per course or event, invited, answered, the response rate and the average of
  all 1–5 answers;
- `knowledge_gain`: per course, county or unit type, the average pre-test and final test scores
  of the learners who took both, and the gain.

Survey figures read only the anonymous responses and the invitations' grouping attributes: never
a person. Who may see what (administrators everything, coordinators their units) is
`results_condition`.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import CoursePage, QuizAttempt
from evaluation import anonymity, charts
from evaluation.blocks import CHOICE, LIKERT, OPEN
from evaluation.models import Survey, SurveyAnswer, SurveyInvitation, SurveyResponse
from lms.organisations.models import COUNTY_TYPES, OrganisationUnit, UnitType
from lms.reports.scope import Scope, scope_of
from lms.users.roles import is_administrator


def results_scope(user) -> Scope | None:
    """Administrators see every result, coordinators those of their units (and below); anyone
    else (trainers included: the trainer is one of the things rated) none: None."""
    scope = scope_of(user)
    if scope.everything or scope.unit_paths:
        return scope
    return None


# Held by the administrator and coordinator roles only (not by trainers): read from the
# permissions Django has already cached for the admin menu, it costs trainers no query.
PEOPLE_PERMISSION = "users.view_user"


def may_see_results(request) -> bool:
    """Whether to offer the reports (the admin menu asks on every page): the same rule as
    `results_scope`, once per request, without a query for people who hold no role that may."""
    if not hasattr(request, "_may_see_evaluation"):
        user = request.user
        request._may_see_evaluation = user.has_perm(PEOPLE_PERMISSION) and (
            is_administrator(user) or user.coordinated_units.exists()
        )
    return request._may_see_evaluation


def results_condition(scope: Scope, prefix: str = "") -> Q:
    """A filter on responses or invitations (or, with `prefix`, anything reaching a unit
    through it) for what `scope` may see."""
    if scope.everything:
        return Q()
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        condition |= Q(**{f"{prefix}unit__path__startswith": path})
    return condition


@dataclass(frozen=True)
class By:
    """A way of grouping: the field of responses and invitations, and the column's heading."""

    field: str
    heading: object


GROUPINGS = {
    "page": By("page_id", _("Szkolenie lub wydarzenie")),
    "county": By("county_id", _("Powiat")),
    "unit_type": By("unit_type", _("Rodzaj jednostki")),
    "unit": By("unit_id", _("Jednostka")),
}
NO_COUNTY = _("bez powiatu")
NO_UNIT = _("bez jednostki")
NO_UNIT_TYPE = _("rodzaj nieznany")


def group_labels(by: str, keys) -> dict:
    """Raw group key -> its name."""
    keys = set(keys)
    ids = [key for key in keys if key not in (None, "")]
    if by == "page":
        return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
    if by in ("county", "unit"):
        labels = dict(OrganisationUnit.objects.filter(pk__in=ids).values_list("pk", "name"))
        labels[None] = str(NO_COUNTY if by == "county" else NO_UNIT)
        return labels
    labels = {key: str(UnitType(key).label) for key in ids if key in UnitType.values}
    labels[""] = str(NO_UNIT_TYPE)
    return labels


# --- Survey results --------------------------------------------------------------------------------


@dataclass
class GroupResult:
    label: str
    n: int  # answers to the question in the group
    average: float | None = None
    counts: dict = field(default_factory=dict)  # scale point or choice text -> count
    shares: list = field(default_factory=list)  # single choice: {label, count, percent}
    texts: list = field(default_factory=list)  # open answers


@dataclass
class QuestionResult:
    number: int
    key: str
    type: str
    text: str
    low_label: str = ""
    high_label: str = ""
    choices: list = field(default_factory=list)  # single choice: the options offered now
    groups: list = field(default_factory=list)  # GroupResult per shown group, "Razem" last
    chart: dict | None = None


@dataclass
class RateRow:
    label: str
    invited: int
    answered: int

    @property
    def rate(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


@dataclass
class SurveyResults:
    grouping: anonymity.Grouping
    rates: list[RateRow]  # per shown group, then groups nobody answered in, then "Razem"
    questions: list[QuestionResult]

    @property
    def total(self) -> RateRow:
        return self.rates[-1]


TOTAL = _("Razem")
NOBODY_ANSWERED = _("grupy bez odpowiedzi")


def survey_results(
    *, survey: Survey, responses: QuerySet, invitations: QuerySet, by: str
) -> SurveyResults:
    """Results of `survey` over `responses` (and the response rate over `invitations`), both
    already filtered and scoped, grouped `by` one of GROUPINGS. Groups below the anonymity
    threshold are pooled (see `anonymity.pool`); below it altogether, only the total counts."""
    key_field = GROUPINGS[by].field
    sizes = dict(
        responses.order_by().values(key_field).annotate(n=Count("pk")).values_list(key_field, "n")
    )
    invited = {
        row[key_field]: row
        for row in invitations.order_by()
        .values(key_field)
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_on__isnull=False)))
    }
    labels = group_labels(by, set(sizes) | set(invited))
    grouping = anonymity.pool(sizes, labels)
    rates = _rates(grouping, invited)
    if grouping.suppressed:
        return SurveyResults(grouping=grouping, rates=rates, questions=[])
    # Groups by position: two units (or pages) may share a name.
    index_of = {key: index for index, group in enumerate(grouping.groups) for key in group.keys}
    questions = _questions(survey)
    answers = SurveyAnswer.objects.filter(response__in=responses.order_by().values("pk"))
    group_key = f"response__{key_field}"

    scale = defaultdict(lambda: defaultdict(int))  # (question, group) -> point -> count
    chosen = defaultdict(lambda: defaultdict(int))
    texts = defaultdict(list)
    likert_keys = [q.key for q in questions if q.type == LIKERT]
    choice_keys = [q.key for q in questions if q.type == CHOICE]
    open_keys = [q.key for q in questions if q.type == OPEN]
    for raw, key, value, n in (
        answers.filter(question_key__in=likert_keys, value__isnull=False)
        .values_list(group_key, "question_key", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        scale[key, index_of[raw]][value] += n
    for raw, key, choice, n in (
        answers.filter(question_key__in=choice_keys)
        .exclude(choice="")
        .values_list(group_key, "question_key", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        chosen[key, index_of[raw]][choice] += n
    # The answers' ids are random: this order says nothing about who answered when.
    for raw, key, text in (
        answers.filter(question_key__in=open_keys)
        .exclude(text="")
        .values_list(group_key, "question_key", "text")
        .order_by("pk")
    ):
        texts[key, index_of[raw]].append(text)

    for question in questions:
        for index, group in enumerate(grouping.groups):
            question.groups.append(
                _group_result(question, index, group.label, scale, chosen, texts)
            )
        if len(grouping.groups) > 1 and question.type != OPEN:
            question.groups.append(_total(question))
        if question.type == LIKERT:
            question.chart = charts.distribution_chart(
                [vars(group) for group in question.groups if group.n]
            )
        elif question.type == CHOICE:
            question.chart = charts.share_chart(question.groups[-1].shares)
    return SurveyResults(grouping=grouping, rates=rates, questions=questions)


def _questions(survey: Survey) -> list[QuestionResult]:
    questions = []
    for number, child in enumerate(survey.questions, start=1):
        value = child.value
        question = QuestionResult(
            number=number, key=child.id, type=child.block_type, text=value["question"]
        )
        if child.block_type == LIKERT:
            question.low_label, question.high_label = value["low_label"], value["high_label"]
        if child.block_type == CHOICE:
            question.choices = [str(choice) for choice in value["choices"]]
        questions.append(question)
    return questions


def _group_result(question, index, label, scale, chosen, texts) -> GroupResult:
    if question.type == LIKERT:
        counts = dict(scale[question.key, index])
        n = sum(counts.values())
        average = round(sum(p * c for p, c in counts.items()) / n, 1) if n else None
        return GroupResult(label=label, n=n, average=average, counts=counts)
    if question.type == CHOICE:
        counts = dict(chosen[question.key, index])
        return GroupResult(
            label=label, n=sum(counts.values()), counts=counts, shares=_shares(question, counts)
        )
    found = texts[question.key, index]
    return GroupResult(label=label, n=len(found), texts=found)


def _shares(question, counts: dict) -> list[dict]:
    """The options in the survey's order (then any an older version offered), with shares."""
    n = sum(counts.values())
    options = list(question.choices) + sorted(set(counts) - set(question.choices))
    return [
        {
            "label": option,
            "count": counts.get(option, 0),
            "percent": round(100 * counts.get(option, 0) / n) if n else 0,
        }
        for option in options
    ]


def _total(question) -> GroupResult:
    counts = defaultdict(int)
    for group in question.groups:
        for option, count in group.counts.items():
            counts[option] += count
    n = sum(counts.values())
    result = GroupResult(label=str(TOTAL), n=n, counts=dict(counts))
    if question.type == LIKERT and n:
        result.average = round(sum(p * c for p, c in counts.items()) / n, 1)
    if question.type == CHOICE:
        result.shares = _shares(question, counts)
    return result


def _rates(grouping: anonymity.Grouping, invited: dict) -> list[RateRow]:
    rows = {}
    if grouping.shown:
        group_of = grouping.group_of()
        for group in grouping.groups:
            rows[group.label] = RateRow(label=group.label, invited=0, answered=0)
        idle = RateRow(label=str(NOBODY_ANSWERED), invited=0, answered=0)
        for key, counts in invited.items():
            row = rows[group_of[key].label] if key in group_of else idle
            row.invited += counts["invited"]
            row.answered += counts["answered"]
        if idle.invited:
            rows[idle.label] = idle
    total = RateRow(
        label=str(TOTAL),
        invited=sum(counts["invited"] for counts in invited.values()),
        answered=sum(counts["answered"] for counts in invited.values()),
    )
    return [*rows.values(), total]


def scale_averages(responses: QuerySet) -> dict:
    """Page id -> (responses, average of all its 1–5 answers) over `responses`."""
    sizes = dict(
        responses.order_by().values("page_id").annotate(n=Count("pk")).values_list("page_id", "n")
    )
    sums = {
        page_id: (total, count)
        for page_id, total, count in SurveyAnswer.objects.filter(
            response__in=responses.order_by().values("pk"), value__isnull=False
        )
        .values("response__page_id")
        .annotate(total=Sum("value"), count=Count("pk"))
        .values_list("response__page_id", "total", "count")
        .order_by()
    }
    return {
        page_id: (n, round(sums[page_id][0] / sums[page_id][1], 2) if page_id in sums else None)
        for page_id, n in sizes.items()
    }


def page_summary(*, responses: QuerySet, invitations: QuerySet) -> list[dict]:
    """One row per course or event with invitations in scope: invited, answered, the rate and
    the average of all its 1–5 answers (None below the anonymity threshold), largest first."""
    counts = list(
        invitations.order_by()
        .values("page_id", "page__title", "page__content_type")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_on__isnull=False)))
    )
    averages = scale_averages(responses)
    kinds = _page_kinds({row["page__content_type"] for row in counts})
    rows = []
    for row in counts:
        n, average = averages.get(row["page_id"], (0, None))
        rows.append(
            {
                "page_id": row["page_id"],
                "label": row["page__title"],
                "kind": kinds.get(row["page__content_type"], ""),
                "invited": row["invited"],
                "answered": row["answered"],
                "rate": round(100 * row["answered"] / row["invited"]) if row["invited"] else 0,
                "average": average if n >= anonymity.MIN_GROUP else None,
            }
        )
    return sorted(rows, key=lambda row: (-row["invited"], row["label"]))


def _page_kinds(content_type_ids) -> dict:
    from django.contrib.contenttypes.models import ContentType

    return {
        pk: str(ContentType.objects.get_for_id(pk).model_class()._meta.verbose_name)
        for pk in content_type_ids
        if pk and ContentType.objects.get_for_id(pk).model_class() is not None
    }


def scoped_responses(scope: Scope) -> QuerySet:
    return SurveyResponse.objects.filter(results_condition(scope))


def scoped_invitations(scope: Scope) -> QuerySet:
    return SurveyInvitation.objects.filter(results_condition(scope))


# --- Knowledge gain --------------------------------------------------------------------------------


KNOWLEDGE_GROUPINGS = {
    "course": _("Kurs"),
    "county": _("Powiat"),
    "unit_type": _("Rodzaj jednostki"),
}


def knowledge_gain(*, scope: Scope, by: str, course: CoursePage | None = None) -> list[dict]:
    """Per group, the learners who took the pre-test and the final test (their best score):
    how many, the average of each and the gain in percentage points. Groups below the anonymity
    threshold pooled as the surveys' are; nothing below it altogether."""
    pretests = QuizAttempt.objects.filter(
        results_condition(scope, prefix="enrolment__user__"),
        is_pretest=True,
        submitted_at__isnull=False,
        enrolment__best_score_percent__isnull=False,
    )
    if course is not None:
        pretests = pretests.filter(enrolment__course=course)
    if by == "county":
        key = Substr("enrolment__user__unit__path", 1, 2 * OrganisationUnit.steplen)
    elif by == "unit_type":
        key = "enrolment__user__unit__unit_type"
    else:
        key = "enrolment__course_id"
    rows = {
        row["key"]: row
        for row in pretests.order_by()
        .values(key=F(key) if isinstance(key, str) else key)
        .annotate(
            n=Count("pk"),
            pre=Sum("score_percent"),
            post=Sum("enrolment__best_score_percent"),
        )
    }
    if by == "county":
        rows = _counties_only(rows)
    labels = _knowledge_labels(by, rows)
    grouping = anonymity.pool({k: row["n"] for k, row in rows.items()}, labels)
    result = []
    for group in grouping.groups:
        n = sum(rows[k]["n"] for k in group.keys)
        pre = sum(rows[k]["pre"] for k in group.keys) / n
        post = sum(rows[k]["post"] for k in group.keys) / n
        result.append(
            {
                "label": group.label,
                "learners": n,
                "pre": round(pre, 1),
                "post": round(post, 1),
                "gain": round(post - pre, 1),
                "pooled": group.pooled,
            }
        )
    return result


def _counties_only(rows: dict) -> dict:
    """Rows keyed by a tree path prefix, re-keyed by county path (None for units outside any
    county, e.g. the region's own offices), summed."""
    counties = set(
        OrganisationUnit.objects.filter(
            path__in=[k for k in rows if k], unit_type__in=COUNTY_TYPES
        ).values_list("path", flat=True)
    )
    merged = {}
    for key, row in rows.items():
        county = key if key in counties else None
        into = merged.setdefault(county, {"key": county, "n": 0, "pre": 0, "post": 0})
        for name in ("n", "pre", "post"):
            into[name] += row[name]
    return merged


def _knowledge_labels(by: str, rows: dict) -> dict:
    if by == "course":
        courses = CoursePage.objects.filter(pk__in=[k for k in rows if k])
        return {course.pk: course.title_with_edition for course in courses}
    if by == "county":
        names = dict(
            OrganisationUnit.objects.filter(path__in=[k for k in rows if k]).values_list(
                "path", "name"
            )
        )
        return {k: names.get(k) or str(NO_COUNTY) for k in rows}
    return group_labels("unit_type", [k or "" for k in rows]) | {None: str(NO_UNIT_TYPE)}
