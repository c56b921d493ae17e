from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.organisations.models import OrganisationUnit, UnitType
from lms.users.models import User

PASSWORD = "Bezpieczne-Haslo-2026"


class OrganisationUnitFactory(factory.django.DjangoModelFactory):
    """A municipality under a county from the shipped Pomorskie tree (treebeard places it)."""

    class Meta:
        model = OrganisationUnit

    name = factory.Sequence(lambda n: f"Gmina Testowa {n}")
    unit_type = UnitType.MUNICIPALITY_RURAL
    parent = factory.LazyFunction(lambda: OrganisationUnit.objects.get(code="2204"))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return parent.add_child(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@gmina.example")
    first_name = "Zofia"
    last_name = factory.Sequence(lambda n: f"Wójcik-Źdźbło {n}")
    job_title = "Podinspektorka"
    unit = factory.SubFactory(OrganisationUnitFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


# --- Courses ----------------------------------------------------------------------------------------


def catalogue():
    """The catalogue page under the site's home page (created once per test database), open to
    trainers as when an administrator creates it in the admin."""
    from courses import services
    from courses.models import CourseIndexPage
    from lms.home.models import HomePage

    index = CourseIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=CourseIndexPage(title="Katalog szkoleń", slug="szkolenia")
        )
        services.open_catalogue_to_trainers(index=index)
    return index


def quiz_questions(count=4):
    """`count` questions; in each, the answer whose text starts with "Dobra" is the correct one."""
    questions = []
    for number in range(1, count + 1):
        if number % 3 == 0:
            questions.append(
                (
                    "true_false",
                    {
                        "question": f"Stwierdzenie {number} jest prawdziwe.",
                        "correct": True,
                        "explanation": "<p>Tak.</p>",
                    },
                )
            )
        elif number % 3 == 2:
            questions.append(
                (
                    "multiple_choice",
                    {
                        "question": f"Pytanie wielokrotnego wyboru {number}",
                        "answers": [
                            {"text": "Dobra A", "correct": True},
                            {"text": "Dobra B", "correct": True},
                            {"text": "Zła C", "correct": False},
                        ],
                        "explanation": "<p>A i B.</p>",
                    },
                )
            )
        else:
            questions.append(
                (
                    "single_choice",
                    {
                        "question": f"Pytanie jednokrotnego wyboru {number}",
                        "answers": [
                            {"text": "Zła", "correct": False},
                            {"text": "Dobra", "correct": True},
                            {"text": "Też zła", "correct": False},
                        ],
                        "explanation": "<p>Wyjaśnienie.</p>",
                    },
                )
            )
    return questions


def course(
    *,
    title="Obsługa cudzoziemców",
    lessons=3,
    quiz=True,
    mode="open",
    area="zdrowie",
    pass_mark=75,
    max_attempts=3,
    optional_lessons=0,
    questions=4,
    **fields,
):
    """A published course with `lessons` required lessons (+ optional ones) and a final quiz
    (`questions`: how many from `quiz_questions`, or the quiz's blocks as (type, value) pairs)."""
    from courses.models import CoursePage, LessonPage, QuizPage, ThematicArea

    index = catalogue()
    page = index.add_child(
        instance=CoursePage(
            title=title,
            summary=f"Kurs: {title}.",
            thematic_area=ThematicArea.objects.get(slug=area),
            duration_hours=fields.pop("duration_hours", 4),
            enrolment_mode=mode,
            **fields,
        )
    )
    for number in range(1, lessons + optional_lessons + 1):
        page.add_child(
            instance=LessonPage(
                title=f"Lekcja {number}",
                body=[("rich_text", f"<p>Treść lekcji {number}.</p>")],
                is_required=number <= lessons,
            )
        )
    if quiz:
        page.add_child(
            instance=QuizPage(
                title="Test końcowy",
                questions=quiz_questions(questions) if isinstance(questions, int) else questions,
                pass_mark_percent=pass_mark,
                max_attempts=max_attempts,
                shuffle_questions=False,
                shuffle_answers=False,
            )
        )
    return CoursePage.objects.get(pk=page.pk)


def answers(attempt, *, correctly):
    """The form a learner would send for this attempt: all right, or all wrong (for choice
    questions one wrong pick each), read from the attempt's own snapshot."""
    from courses import quizzes

    data = {"attempt": str(attempt.pk)}
    for item, question in quizzes.attempt_questions(attempt):
        data.update(question_answer(question, item["a"], correctly=correctly))
    return data


def question_answer(question, shown, *, correctly):
    """The form fields answering one question (a `courses.quizzes.Question`) right or wrong."""
    from courses import quizzes

    kind, value, key = question.kind, question.value, question.key
    if question.block_type in ("single_choice", "multiple_choice", "true_false"):
        right = kind.correct_ids(value)
        picks = [i for i in shown if (i in right) == correctly]
        return {f"q-{key}": picks if correctly else picks[:1]}
    if question.block_type == "short_answer":
        return {f"q-{key}": value["accepted"][0] if correctly else "zdecydowanie nie to"}
    if question.block_type == "matching":
        position = {text: pos for pos, _id, text in kind.options(value, shown)}
        pairs = list(kind.pairs(value).items())
        matches = [pair["match"] for _id, pair in pairs]
        if not correctly:
            matches = matches[1:] + matches[:1]  # each element gets the next one's match
        return {
            f"q-{key}-{pair_id}": position[m]
            for (pair_id, _p), m in zip(pairs, matches, strict=True)
        }
    assert isinstance(kind, quizzes.OrderingType)
    ids = list(kind.items(value))
    if not correctly:
        ids.reverse()
    return {f"q-{key}-{item_id}": str(n) for n, item_id in enumerate(ids, start=1)}


def correct_answers(attempt):
    return answers(attempt, correctly=True)


def wrong_answers(attempt):
    return answers(attempt, correctly=False)


def complete_course(user, course):
    """What a learner does: enrol, then mark every lesson done (one transaction each)."""
    from courses import services
    from courses.models import LessonPage

    enrolment = services.enrol(user=user, course=course)
    for lesson in LessonPage.objects.child_of(course):
        enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    return enrolment


def completed_certificate(user, course):
    """Complete `course` as `user`; their certificate (pending until its task has run)."""
    from certificates.models import Certificate

    return Certificate.objects.get(enrolment__pk=complete_course(user, course).pk)


# --- Question bank ------------------------------------------------------------------------------


def question_value(block_type, text="Pytanie"):
    """A question of each type; what is right: the answer "Dobra", true, "urząd" (case and Polish
    letters optional), pairs A→1, B→2, C→3, and the order Pierwszy, Drugi, Trzeci."""
    explanation = f"<p>Wyjaśnienie: {text}.</p>"
    values = {
        "single_choice": {
            "question": text,
            "answers": [
                {"text": "Zła", "correct": False, "feedback": "Nie, to zła odpowiedź."},
                {"text": "Dobra", "correct": True, "feedback": "Tak, właśnie tak."},
            ],
        },
        "multiple_choice": {
            "question": text,
            "answers": [
                {"text": "Dobra A", "correct": True},
                {"text": "Dobra B", "correct": True},
                {"text": "Zła C", "correct": False, "feedback": "C nie pasuje."},
            ],
        },
        "true_false": {"question": text, "correct": True},
        "short_answer": {
            "question": text,
            "accepted": ["urząd", "urząd wojewódzki"],
            "case_sensitive": False,
            "ignore_diacritics": True,
        },
        "matching": {
            "question": text,
            "pairs": [
                {"prompt": "Element A", "match": "Odpowiedź 1"},
                {"prompt": "Element B", "match": "Odpowiedź 2"},
                {"prompt": "Element C", "match": "Odpowiedź 3"},
            ],
        },
        "ordering": {"question": text, "items": ["Pierwszy", "Drugi", "Trzeci"]},
    }
    return {**values[block_type], "explanation": explanation}


def single_choice(question="Kto wydaje zezwolenie na pobyt czasowy?", correct="Wojewoda", wrong=()):
    """The content of a single-choice bank question: `correct` and the `wrong` answers."""
    wrong = wrong or ("Starosta", "Wójt")
    answers = [{"text": correct, "correct": True}] + [{"text": t, "correct": False} for t in wrong]
    return [("single_choice", {"question": question, "answers": answers, "explanation": ""})]


class QuestionPoolFactory(factory.django.DjangoModelFactory):
    """A pool; pass `course=` for a course's pool, or `created_by=` (and `thematic_area=`) for a
    thematic-area pool."""

    class Meta:
        model = "questionbank.QuestionPool"

    name = factory.Sequence(lambda n: f"Pula {n}")
    course = None
    thematic_area = None
    created_by = None


class QuestionFactory(factory.django.DjangoModelFactory):
    """A bank question (single choice unless `block_type` says otherwise); `tags=[...]`."""

    class Meta:
        model = "questionbank.Question"
        skip_postgeneration_save = True

    class Params:
        block_type = "single_choice"

    pool = factory.SubFactory(QuestionPoolFactory)
    difficulty = "medium"
    name = factory.Sequence(lambda n: f"Pytanie z banku {n}")
    content = factory.LazyAttribute(
        lambda o: [(o.block_type, question_value(o.block_type, f"{o.name}?"))]
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()


class QuizAttemptFactory(factory.django.DjangoModelFactory):
    """A submitted attempt with its total score, numbered in its enrolment (give `enrolment` and
    `quiz`)."""

    class Meta:
        model = "courses.QuizAttempt"

    number = factory.Sequence(lambda n: n + 1)
    submitted_at = factory.LazyFunction(timezone.now)
    score_percent = 50
    question_count = 10


class QuestionResponseFactory(factory.django.DjangoModelFactory):
    """How `attempt` answered bank `question`: `correct`, and `text` as the quiz wrote it down."""

    class Meta:
        model = "questionbank.QuestionResponse"

    class Params:
        text = "Wojewoda"

    quiz = factory.LazyAttribute(lambda o: o.attempt.quiz)
    question_key = factory.LazyAttribute(lambda o: f"bank-{o.question.pk}")
    response = factory.LazyAttribute(lambda o: {"chosen": [], "text": o.text})
    correct = True


def question_file(count: int, *, fmt: str = "xml", pool: str = "Duża pula") -> bytes:
    """A question file (Moodle XML or GIFT, written by our exporter) of `count` questions,
    every type in turn, named "Pytanie 1" … in one category `pool`."""
    from dataclasses import replace

    from courses.questionbank import formats
    from courses.questionbank.formats.model import Choice, Pair, QuestionData, Section

    kinds = [
        QuestionData(
            kind="single_choice",
            name="",
            text="Kto wydaje kartę pobytu?",
            choices=[Choice("Wojewoda", True, "Tak."), Choice("Wójt"), Choice("Starosta")],
            explanation="<p>Art. 104.</p>",
        ),
        QuestionData(
            kind="multiple_choice",
            name="",
            text="Które dokumenty?",
            choices=[Choice("Wiza", True), Choice("Karta", True), Choice("Bilet")],
        ),
        QuestionData(kind="true_false", name="", text="PESEL jest obowiązkowy.", correct=False),
        QuestionData(kind="short_answer", name="", text="Skrót urzędu?", accepted=["UdSC"]),
        QuestionData(
            kind="matching",
            name="",
            text="Dopasuj.",
            pairs=[Pair("Wiza", "MSZ"), Pair("Karta", "Wojewoda")],
        ),
        QuestionData(
            kind="ordering", name="", text="Ułóż.", items=["Wniosek", "Decyzja"], tags=["procedura"]
        ),
    ]
    questions = [
        replace(kinds[number % len(kinds)], name=f"Pytanie {number + 1}") for number in range(count)
    ]
    return formats.write(sections=[Section(name=pool, questions=questions)], fmt=fmt).encode()


# --- Legal documents ---------------------------------------------------------------------------------


def accessibility_statement(language="pl", **fields):
    """A partially compliant statement with one issue and one building (what the demo has)."""
    from datetime import date

    from lms.legal.models import AccessibilityStatement

    values = {
        "language": language,
        "entity": "Urząd Marszałkowski Województwa Pomorskiego",
        "site_name": "Platforma szkoleniowa Centrum Kompetencji",
        "published_on": date(2026, 2, 2),
        "updated_on": date(2026, 10, 5),
        "status": AccessibilityStatement.Status.PARTIAL,
        "issues": [
            (
                "issue",
                {
                    "kind": "non_compliant",
                    "description": "Część dokumentów PDF w lekcjach nie ma nagłówków.",
                    "location": "",
                    "alternative": "Na prośbę wyślemy wersję DOCX.",
                },
            )
        ],
        "prepared_on": date(2026, 3, 20),
        "reviewed_on": date(2026, 3, 27),
        "contact_name": "Koordynator ds. dostępności",
        "contact_email": "dostepnosc@centrum-kompetencji.example",
        "contact_phone": "58 000 00 00",
        "complaints_to": "Marszałek Województwa Pomorskiego, ul. Okopowa 21/27, 80-810 Gdańsk",
        "buildings": [
            (
                "building",
                {
                    "name": "Siedziba urzędu",
                    "address": "ul. Okopowa 21/27, 80-810 Gdańsk",
                    "description": "Wejście bez progów, winda.",
                },
            )
        ],
        "communication": "Kontakt e-mailem i telefonicznie.",
    }
    values.update(fields)
    statement = AccessibilityStatement(**values)
    statement.full_clean()
    statement.save()
    return statement


def privacy_notice(*, publish=True, **fields):
    """A privacy notice with two purposes; published as the next version unless `publish` is
    False (a draft)."""
    from lms.legal import services
    from lms.legal.models import PrivacyNotice

    def purpose(name, basis):
        return (
            "purpose",
            {
                "purpose": name,
                "data": "Imię, nazwisko, adres e-mail.",
                "legal_basis": basis,
                "legal_basis_details": "",
                "recipients": "Koordynatorzy szkoleń.",
                "retention": "Do usunięcia konta.",
            },
        )

    values = {
        "controller": "Województwo Pomorskie, ul. Okopowa 21/27, 80-810 Gdańsk",
        "dpo_contact": "iod@centrum-kompetencji.example",
        "purposes": [
            purpose("Dokumentowanie szkoleń", "e"),
            purpose("Monitorowanie projektu EFS+", "c"),
        ],
        "transfers": "Nie przekazujemy danych poza EOG.",
        "rights": "Masz prawo dostępu do danych i ich sprostowania.",
        "requirement": "Podanie danych jest warunkiem udziału w szkoleniu.",
        "automated_decisions": "Nie profilujemy.",
    }
    values.update(fields)
    notice = PrivacyNotice.objects.create(**values)
    if publish:
        notice = services.publish_privacy_notice(notice=notice, by=None)
    return notice


# --- Events -------------------------------------------------------------------------------------


def events_calendar():
    """The events calendar under the site's home page (created once per test database), open to
    trainers as when an administrator creates it in the admin."""
    from events import services
    from events.models import EventIndexPage
    from lms.home.models import HomePage

    index = EventIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=EventIndexPage(title="Wydarzenia", slug="wydarzenia")
        )
        services.open_calendar_to_trainers(index=index)
    return index


def event(*, title="Powiatowy panel dyskusyjny", starts_in=timedelta(days=10), hours=4, **fields):
    """A published event (a panel in Powiat gdański unless `fields` say otherwise) starting
    `starts_in` from now; deadlines default to the start."""
    from events.models import EventPage

    starts = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    defaults = {
        "kind": "panel",
        "summary": f"Wydarzenie: {title}.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
        "venue": "Starostwo Powiatowe w Pruszczu Gdańskim, sala konferencyjna",
        "county": OrganisationUnit.objects.get(code="2204"),
        "capacity": 10,
    }
    trainers = fields.pop("trainers", [])
    page = EventPage(title=title, **{**defaults, **fields})
    page.trainers.set(trainers)
    events_calendar().add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


# --- Knowledge base ---------------------------------------------------------------------------------


def knowledge_index():
    """The knowledge base's index under the home page (once per test database), open to trainers
    as when an administrator creates it in the admin."""
    from knowledge import services
    from knowledge.models import KnowledgeIndexPage
    from lms.home.models import HomePage

    index = KnowledgeIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=KnowledgeIndexPage(title="Baza wiedzy", slug="baza-wiedzy")
        )
        services.open_knowledge_base_to_trainers(index=index)
    return index


def standard(
    *,
    title="Standard obsługi cudzoziemca w OPS",
    area="bezpieczenstwo-i-pomoc-spoleczna",
    kind="standard",
    version="1.0",
    last_reviewed_on=None,
    interval=12,
    responsible=None,
    body=None,
    live=True,
):
    """A standard in the knowledge base (published, with a revision, unless `live=False`)."""
    from courses.models import ThematicArea
    from knowledge.models import StandardPage

    page = StandardPage(
        title=title,
        summary=f"Streszczenie: {title}.",
        thematic_area=ThematicArea.objects.get(slug=area),
        kind=kind,
        version=version,
        last_reviewed_on=last_reviewed_on or timezone.localdate(),
        review_interval_months=interval,
        responsible=responsible,
        body=body or [("rich_text", f"<p>Treść: {title}.</p>")],
        live=live,
    )
    knowledge_index().add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return StandardPage.objects.get(pk=page.pk)
