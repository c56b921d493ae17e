"""Question import: a Moodle XML or GIFT file becomes pools and questions of one course or one
thematic area, all or nothing.

Two steps, as the trainer or administrator sees them:

1. `preview_import` reads the file (`formats.read`) and checks it against the bank: which
   pools exist already and which will be created, questions whose names the file repeats or the
   pool already has, and everything `formats.checks` finds in single questions. Nothing is
   written. The upload waits in the private storage (`store_upload`), named in a signed token
   only its uploader can use (`make_token`/`read_token`); files nobody confirms are swept away
   by `lms.files.services.delete_orphans`.
2. `import_questions` locks the target (so two imports into one course run one after the
   other), checks everything again, and creates the new pools, the questions (bulk inserts),
   their tags and their search index entries in one transaction, or raises `ImportRefused`
   with the plan's errors and changes nothing.

Pools come from the file's categories (`$CATEGORY:` in GIFT, `<question type="category">` in
Moodle XML): by default the last segment of the category path ("$course$/top/Prawo/Pobyt" ->
"Pobyt"); with `PoolNaming.PATH` the whole path without Moodle's context and "top" root
("Prawo / Pobyt"). Questions before any category go to the pool named in the form, or else to
one named after the file. Pool names are compared ignoring case, as the database does.

Limits: files up to MAX_BYTES (nginx's `client_max_body_size` in docs/nginx.conf.example) and
MAX_QUESTIONS questions, larger ones refused with a Polish message. Both steps run in the
request: 5,000 questions preview in ~3 s and import in ~10 s on the 2-core machine
(`bench/question_import.py`), well inside gunicorn's 30 s timeout.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from courses.models import CoursePage, ThematicArea
from courses.questionbank import formats
from courses.questionbank.formats.checks import NAME_MAX
from courses.questionbank.formats.model import KINDS, QuestionData
from courses.questionbank.formats.text import category_segments
from courses.questionbank.models import Question, QuestionPool, QuestionTag
from lms.files.storage import private
from lms.users.roles import is_administrator

MAX_BYTES = 20 * 1024 * 1024
MAX_QUESTIONS = 5_000
PREVIEW_LIMIT = 100
BATCH_SIZE = 500
SIGNING_SALT = "questionbank.import"  # separates these signatures from any other
TOKEN_MAX_AGE = 6 * 60 * 60  # a preview may be confirmed for six hours
UPLOAD_DIR = "questionbank-imports"
TAG_MAX = 100  # taggit's Tag.name

TYPE_LABELS = {
    "single_choice": gettext_lazy("jednokrotnego wyboru"),
    "multiple_choice": gettext_lazy("wielokrotnego wyboru"),
    "true_false": gettext_lazy("prawda/fałsz"),
    "short_answer": gettext_lazy("krótka odpowiedź"),
    "matching": gettext_lazy("dopasowanie"),
    "ordering": gettext_lazy("kolejność"),
}


class ImportFileError(Exception):
    """The file (or the preview) cannot be used; the message is Polish. Nothing was stored."""


class ImportRefused(Exception):
    """The file has errors (or has them now, at confirmation): nothing was imported."""

    def __init__(self, plan: "Plan"):
        super().__init__(rejection_message(plan))
        self.plan = plan


class PoolNaming(models.TextChoices):
    LAST = "last", gettext_lazy("ostatni człon ścieżki kategorii (np. „Pobyt”)")
    PATH = "path", gettext_lazy("cała ścieżka kategorii (np. „Prawo / Pobyt”)")


# --- Who may import where -------------------------------------------------------------------------


def managed_courses(*, user) -> models.QuerySet:
    """Courses whose pools `user` may import into and export: all for administrators, the
    courses a trainer trains."""
    courses = CoursePage.objects.order_by("title")
    if is_administrator(user):
        return courses
    if not user.is_authenticated:
        return courses.none()
    return courses.filter(trainers=user)


def importable_areas(*, user) -> models.QuerySet:
    """Thematic areas whose shared pools `user` may add to: administrators only."""
    areas = ThematicArea.objects.order_by("name")
    return areas if is_administrator(user) else areas.none()


def may_import(*, user) -> bool:
    return is_administrator(user) or managed_courses(user=user).exists()


@dataclass
class Target:
    """Where the pools go: one course, or one thematic area (pools shared by its courses)."""

    course: CoursePage | None = None
    area: ThematicArea | None = None

    def __str__(self):
        return str(self.course or self.area)

    @property
    def pool_fields(self) -> dict:
        return {"course": self.course, "thematic_area": self.area}


def resolve_target(*, user, course_id: int | None = None, area_id: int | None = None) -> Target:
    """The target named by id, if `user` may import there; PermissionDenied otherwise."""
    if course_id is not None:
        course = managed_courses(user=user).filter(pk=course_id).first()
        if course is not None:
            return Target(course=course)
    elif area_id is not None:
        area = importable_areas(user=user).filter(pk=area_id).first()
        if area is not None:
            return Target(area=area)
    raise PermissionDenied


# --- Step 1: read and check -----------------------------------------------------------------------


@dataclass
class Options:
    """What the import form says, besides the file."""

    file_name: str
    target: Target
    naming: str = PoolNaming.LAST
    default_pool: str = ""
    skip_unsupported: bool = False


@dataclass
class PlannedPool:
    name: str
    existing: QuestionPool | None = None  # the pool questions go to (set for new ones on import)
    description: str = ""
    questions: list[QuestionData] = field(default_factory=list)
    is_new: bool = True


@dataclass
class Plan:
    """What an import would do (or did): pools, questions in file order, problems."""

    options: Options
    format: str
    questions: list[QuestionData] = field(default_factory=list)
    pools: list[PlannedPool] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # of the file as a whole
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0  # unsupported questions left out at the person's request

    @property
    def invalid_questions(self) -> list[QuestionData]:
        return [question for question in self.questions if question.errors]

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.invalid_questions

    @property
    def new_pools(self) -> list[PlannedPool]:
        return [pool for pool in self.pools if pool.is_new]

    @property
    def preview(self) -> list[QuestionData]:
        return self.questions[:PREVIEW_LIMIT]

    @property
    def type_counts(self) -> list[tuple[str, int]]:
        counts = Counter(question.kind for question in self.questions if question.kind)
        return [(TYPE_LABELS[kind], counts[kind]) for kind in KINDS if counts[kind]]

    @property
    def format_label(self) -> str:
        return formats.FORMATS[self.format][2]


def read_file(*, name: str, data: bytes) -> formats.ParsedFile:
    """The questions of an upload; ImportFileError (Polish) when it cannot be imported at all."""
    check_size(len(data))
    try:
        parsed = formats.read(name=name, data=data)
    except formats.FormatError as error:
        raise ImportFileError(str(error)) from None
    if len(parsed.questions) > MAX_QUESTIONS:
        raise ImportFileError(
            _(
                "Plik ma %(count)s pytań; jednorazowo można zaimportować najwyżej %(max)s. "
                "Podziel go na mniejsze pliki (np. według kategorii)."
            )
            % {"count": _number(len(parsed.questions)), "max": _number(MAX_QUESTIONS)}
        )
    return parsed


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportFileError(
            _("Plik jest za duży: największy dozwolony rozmiar to %(mb)d MB.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )


def preview_import(*, data: bytes, options: Options) -> Plan:
    """What importing the file would do, with every problem found; writes nothing."""
    return plan_import(parsed=read_file(name=options.file_name, data=data), options=options)


def plan_import(*, parsed: formats.ParsedFile, options: Options) -> Plan:
    plan = Plan(options=options, format=parsed.format, errors=list(parsed.errors))
    plan.warnings = list(parsed.warnings)
    questions = parsed.questions
    if options.skip_unsupported:
        supported = [question for question in questions if question.kind]
        plan.skipped = len(questions) - len(supported)
        questions = supported
    plan.questions = questions
    default = " ".join(options.default_pool.split()) or _file_stem(options.file_name)
    by_key: dict[str, PlannedPool] = {}
    for question in questions:
        name = pool_name(question.category, naming=options.naming) or default
        pool = by_key.get(name.lower())
        if pool is None:
            description = parsed.descriptions.get(question.category, "")
            pool = by_key[name.lower()] = PlannedPool(name=name, description=description)
        pool.questions.append(question)
    plan.pools = list(by_key.values())
    for pool in plan.pools:
        if len(pool.name) > NAME_MAX:
            plan.errors.append(
                _("Nazwa puli „%(name)s…” ma więcej niż %(max)d znaków. Skróć nazwę kategorii.")
                % {"name": pool.name[:60], "max": NAME_MAX}
            )
    _match_existing_pools(plan)
    _check_names(plan)
    _check_tags(plan)
    return plan


def pool_name(category: str, *, naming: str) -> str:
    """The pool a category path maps to ("" for no category)."""
    segments = category_segments(category)
    if not segments:
        return ""
    return " / ".join(segments) if naming == PoolNaming.PATH else segments[-1]


def _file_stem(file_name: str) -> str:
    stem = PurePath(file_name or "").stem
    if stem.lower().endswith(".gift"):
        stem = stem[: -len(".gift")]
    return " ".join(stem.replace("_", " ").split())[:NAME_MAX] or _("Pytania z importu")


def _match_existing_pools(plan: Plan) -> None:
    """Pools of the target with the planned names are reused. Pools without a course share one
    namespace (the database's unique constraint), so a name used outside the target area is an
    error."""
    target = plan.options.target
    keys = [pool.name.lower() for pool in plan.pools]
    existing = QuestionPool.objects.annotate(key=Lower("name")).filter(
        key__in=keys, course=target.course
    )
    found = {pool.key: pool for pool in existing}
    for pool in plan.pools:
        match = found.get(pool.name.lower())
        if match is None:
            continue
        if target.course is None and match.thematic_area_id != target.area.pk:
            plan.errors.append(
                _(
                    "Pula „%(name)s” istnieje już poza obszarem tematycznym „%(area)s” (nazwy pul "
                    "bez kursu nie mogą się powtarzać). Zmień nazwę kategorii w pliku."
                )
                % {"name": match.name, "area": target.area}
            )
            continue
        pool.existing, pool.is_new = match, False
        pool.name = match.name


def _check_names(plan: Plan) -> None:
    """Names repeated in the file, or already used in the pool, are errors; names the file did
    not give are made unique instead ("… (2)")."""
    existing_pools = [pool.existing for pool in plan.pools if not pool.is_new]
    taken = defaultdict(set)
    names = Question.objects.filter(pool__in=existing_pools).annotate(key=Lower("name"))
    for pool_id, key in names.values_list("pool_id", "key"):
        taken[pool_id].add(key)
    for pool in plan.pools:
        used = set() if pool.is_new else taken[pool.existing.pk]
        first = {}
        for question in pool.questions:
            if question.name_generated:
                question.name = _unique(question.name, used | set(first))
            key = question.name.lower()
            if key in first:
                question.errors.append(
                    _("Nazwa „%(name)s” powtarza się w pliku (pytanie nr %(number)d).")
                    % {"name": question.name, "number": first[key]}
                )
            elif key in used:
                question.errors.append(
                    _("Pytanie o nazwie „%(name)s” jest już w puli „%(pool)s”.")
                    % {"name": question.name, "pool": pool.name}
                )
            else:
                first[key] = question.number


def _unique(name: str, used: set) -> str:
    candidate, number = name[:NAME_MAX], 1
    while candidate.lower() in used:
        number += 1
        suffix = f" ({number})"
        candidate = name[: NAME_MAX - len(suffix)] + suffix
    return candidate


def _check_tags(plan: Plan) -> None:
    for question in plan.questions:
        if any(len(tag) > TAG_MAX for tag in question.tags):
            question.errors.append(_("Tag ma więcej niż %(max)d znaków.") % {"max": TAG_MAX})


def rejection_message(plan: Plan) -> str:
    count = len(plan.invalid_questions)
    if not count:
        return _("Nic nie zostało zaimportowane: popraw błędy pliku i wczytaj go ponownie.")
    return ngettext(
        "Nic nie zostało zaimportowane: %(count)s pytanie ma błąd. Popraw je w pliku i wczytaj "
        "go ponownie.",
        "Nic nie zostało zaimportowane: %(count)s pytań ma błędy. Popraw je w pliku i wczytaj "
        "go ponownie.",
        count,
    ) % {"count": _number(count)}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


# --- Step 2: import -------------------------------------------------------------------------------


def import_questions(*, data: bytes, options: Options, user) -> Plan:
    """Create the file's pools and questions, all or nothing. Raises ImportFileError when the
    file cannot be read, ImportRefused when any question (or the file) has an error now."""
    parsed = read_file(name=options.file_name, data=data)
    target = options.target
    try:
        with transaction.atomic():
            if target.course is not None:  # imports into one target run one after another
                Page.objects.select_for_update().filter(pk=target.course.pk).first()
            else:
                ThematicArea.objects.select_for_update().filter(pk=target.area.pk).first()
            plan = plan_import(parsed=parsed, options=options)
            if not plan.is_valid:
                raise ImportRefused(plan)
            _create(plan, user)
    except IntegrityError:  # someone added a clashing pool or question meanwhile
        raise ImportFileError(
            _(
                "Nic nie zostało zaimportowane: w tym czasie ktoś dodał pulę lub pytanie o tej "
                "samej nazwie. Wczytaj plik ponownie, aby zobaczyć aktualny podgląd."
            )
        ) from None
    return plan


def _create(plan: Plan, user) -> None:
    now = timezone.now()
    target = plan.options.target
    new = [
        QuestionPool(
            name=pool.name,
            description=pool.description,
            created_by=user,
            created_at=now,
            **target.pool_fields,
        )
        for pool in plan.new_pools
    ]
    QuestionPool.objects.bulk_create(new)
    for pool, created in zip(plan.new_pools, new, strict=True):
        pool.existing = created
    questions, rows = [], []
    for pool in plan.pools:
        for question in pool.questions:
            rows.append(question)
            questions.append(
                Question(
                    pool=pool.existing,
                    name=question.name,
                    content=[(question.kind, question.block_value())],
                    created_by=user,
                    created_at=now,
                )
            )
    Question.objects.bulk_create(questions, batch_size=BATCH_SIZE)
    _tag(questions, rows)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(QuestionPool, new)
        backend.add_bulk(Question, questions)


def _tag(questions: list[Question], rows: list[QuestionData]) -> None:
    names = {tag for row in rows for tag in row.tags}
    if not names:
        return
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - set(tags)):
        tags[name] = Tag.objects.create(name=name)
    QuestionTag.objects.bulk_create(
        [
            QuestionTag(content_object=question, tag=tags[name])
            for question, row in zip(questions, rows, strict=True)
            for name in row.tags
        ],
        batch_size=BATCH_SIZE,
    )


# --- The upload between preview and confirmation -------------------------------------------------


def store_upload(*, user, file_name: str, data: bytes) -> str:
    """Keep the upload in the private storage until it is confirmed; returns its storage name."""
    suffix = PurePath(file_name or "").suffix.lower()[:10]
    return private.save(f"{UPLOAD_DIR}/{user.pk}/{uuid.uuid4().hex}{suffix}", ContentFile(data))


def load_upload(*, user, stored: str) -> bytes:
    if not stored.startswith(f"{UPLOAD_DIR}/{user.pk}/") or ".." in stored:
        raise PermissionDenied
    try:
        with private.open(stored, "rb") as upload:
            return upload.read()
    except FileNotFoundError:
        raise ImportFileError(_expired()) from None


def discard_upload(*, stored: str) -> None:
    private.delete(stored)


def make_token(*, user, stored: str, options: Options) -> str:
    """A signed note of the upload and the options, usable only by `user` for TOKEN_MAX_AGE."""
    target = options.target
    return signing.dumps(
        {
            "user": user.pk,
            "stored": stored,
            "file_name": options.file_name,
            "course": target.course.pk if target.course else None,
            "area": target.area.pk if target.area else None,
            "naming": options.naming,
            "default_pool": options.default_pool,
            "skip_unsupported": options.skip_unsupported,
        },
        salt=SIGNING_SALT,
        compress=True,
    )


def read_token(*, user, token: str) -> tuple[str, Options]:
    """(stored upload, options) of a token `user` was given; PermissionDenied for anyone else
    (or for a target the user may no longer import into), ImportFileError once it expired."""
    try:
        note = signing.loads(token, salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise ImportFileError(_expired()) from None
    except signing.BadSignature:
        raise PermissionDenied from None
    if note.get("user") != user.pk:
        raise PermissionDenied
    target = resolve_target(user=user, course_id=note["course"], area_id=note["area"])
    options = Options(
        file_name=note["file_name"],
        target=target,
        naming=note["naming"],
        default_pool=note["default_pool"],
        skip_unsupported=note["skip_unsupported"],
    )
    return note["stored"], options


def _expired() -> str:
    return _("Podgląd wygasł. Wczytaj plik ponownie.")
