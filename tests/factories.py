import factory
from django.contrib.auth.models import Group

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
    """The catalogue page under the site's home page (created once per test database)."""
    from courses.models import CourseIndexPage
    from lms.home.models import HomePage

    index = CourseIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=CourseIndexPage(title="Katalog szkoleń", slug="szkolenia")
        )
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
    """A published course with `lessons` required lessons (+ optional ones) and a final quiz."""
    from courses.models import CoursePage, LessonPage, QuizPage, ThematicArea

    index = catalogue()
    page = index.add_child(
        instance=CoursePage(
            title=title,
            summary=f"Kurs: {title}.",
            thematic_area=ThematicArea.objects.get(slug=area),
            duration_hours=4,
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
                questions=quiz_questions(questions),
                pass_mark_percent=pass_mark,
                max_attempts=max_attempts,
                shuffle_questions=False,
                shuffle_answers=False,
            )
        )
    return CoursePage.objects.get(pk=page.pk)


def answers(attempt, *, correctly):
    """The form a learner would send for this attempt: all right, or (one pick each) all wrong."""
    data = {"attempt": str(attempt.pk)}
    quiz = attempt.quiz
    for item in attempt.layout:
        child = quiz.question_map[item["q"]]
        if child.block_type == "true_false":
            truth = child.value["correct"] if correctly else not child.value["correct"]
            data[f"q-{item['q']}"] = ["true" if truth else "false"]
            continue
        picks = [
            b.id for b in child.value["answers"].bound_blocks if b.value["correct"] == correctly
        ]
        data[f"q-{item['q']}"] = picks if correctly else picks[:1]
    return data


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


def single_choice(
    question="Kto wydaje kartę pobytu?", right="Wojewoda", wrong=("Wójt", "Starosta")
):
    """The value of a single-choice block: `right` is the one correct answer."""
    answers = [{"text": right, "correct": True, "feedback": ""}]
    answers += [{"text": text, "correct": False, "feedback": ""} for text in wrong]
    return {"question": question, "answers": answers, "explanation": "<p>Wyjaśnienie.</p>"}


class QuestionPoolFactory(factory.django.DjangoModelFactory):
    """A pool of a course (pass `course=`) or of a thematic area (`thematic_area=`)."""

    class Meta:
        model = "questionbank.QuestionPool"

    name = factory.Sequence(lambda n: f"Pula {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question in a new pool (or the `pool=` given)."""

    class Meta:
        model = "questionbank.Question"

    pool = factory.SubFactory(QuestionPoolFactory)
    name = factory.Sequence(lambda n: f"Pytanie {n}")
    content = factory.LazyFunction(lambda: [("single_choice", single_choice())])


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
