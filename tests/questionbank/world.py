"""The question bank's test world, for the tests in this folder and the browser tests: two
trainers with a course, a course pool and a thematic-area pool each, and a pool whose questions'
statistics were computed by hand."""

from decimal import Decimal
from types import SimpleNamespace

from django.test import Client

from courses.models import Enrolment, QuizPage, ThematicArea
from lms.users.roles import Role
from tests import factories
from tests.factories import (
    QuestionFactory,
    QuestionPoolFactory,
    QuestionResponseFactory,
    QuizAttemptFactory,
    UserFactory,
)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _side(name: str):
    trainer = UserFactory(first_name="Trener", last_name=name, roles=[Role.TRAINER])
    course = factories.course(title=f"Kurs {name}", lessons=1, questions=2)
    course.trainers.set([trainer])
    course.save()
    pool = QuestionPoolFactory(name=f"Pula kursu {name}", course=course, created_by=trainer)
    area_pool = QuestionPoolFactory(
        name=f"Pula obszaru {name}",
        thematic_area=ThematicArea.objects.get(slug="zdrowie"),
        created_by=trainer,
    )
    question = QuestionFactory(name=f"Pytanie kursu {name}", pool=pool, tags=[f"tag-{name}"])
    area_question = QuestionFactory(name=f"Pytanie obszaru {name}", pool=area_pool)
    return SimpleNamespace(
        trainer=trainer,
        client=client_of(trainer),
        course=course,
        pool=pool,
        area_pool=area_pool,
        question=question,
        area_question=area_question,
    )


def build_bank():
    """Side A and side B: a trainer, their course, its pool and their thematic-area pool, with a
    question in each pool."""
    return SimpleNamespace(a=_side("A"), b=_side("B"))


# Twelve attempts with distinct total scores: n = 12, groups of round(0.27 × 12) = 3 attempts,
# the upper group scored 95, 90, 85 and the lower one 30, 20, 10.
SCORES = [95, 90, 85, 80, 70, 65, 60, 50, 40, 30, 20, 10]
OK = True  # a correct response ("Wojewoda"); any other mark is the wrong answer given

# Every question: its marks by attempt, and what we computed by hand:
# (attempts, % correct, D, most chosen wrong answer, its count, weak).
SEEDED = {
    # 7 of 12 correct = 58.3%; upper 2/3, lower 1/3: D = 0.33; "Starosta" three times.
    "Dobre pytanie": (
        "ranked",
        [OK, OK, "Starosta", OK, OK, "Starosta", OK, "Wójt", OK, "Starosta", OK, "Wójt"],
        (12, Decimal("58.3"), Decimal("0.33"), "Starosta", 3, False),
    ),
    # 8 of 12 = 66.7%; the best three all wrong, the worst three right: D = 0 − 1 = −1.00 (weak);
    # "Starosta" and "Wójt" twice each: the alphabetically first wins.
    "Odwrócony klucz": (
        "ranked",
        ["Wójt", "Starosta", "Wójt", OK, "Starosta", OK, OK, OK, OK, OK, OK, OK],
        (12, Decimal("66.7"), Decimal("-1.00"), "Starosta", 2, True),
    ),
    # Nine responses (< 10): no D, and 0% correct does not flag it yet.
    "Za mało odpowiedzi": (
        "ranked",
        ["Wójt"] * 9,
        (9, Decimal("0.0"), None, "Wójt", 9, False),
    ),
    # Ten attempts all scored 50%: ties broken by the attempt's id (the upper group is the three
    # created last, the lower the three created first).
    # All correct: 100% (> 95%, weak), D = 1 − 1 = 0.00.
    "Za łatwe": ("tied", [OK] * 10, (10, Decimal("100.0"), Decimal("0.00"), None, None, True)),
    # Correct only in the three created last: 30%, D = 1 − 0 = 1.00; "Starosta" seven times.
    "Remisy": (
        "tied",
        ["Starosta"] * 7 + [OK] * 3,
        (10, Decimal("30.0"), Decimal("1.00"), "Starosta", 7, False),
    ),
    # Correct only in the one created last: 10% (< 20%, weak), D = 1/3 − 0 = 0.33.
    "Za trudne": (
        "tied",
        ["Wójt"] * 9 + [OK],
        (10, Decimal("10.0"), Decimal("0.33"), "Wójt", 9, True),
    ),
}


def seed_statistics(bank):
    """Bank A's course pool with the questions above, answered in the attempts of one learner;
    the questions by name."""
    quiz = QuizPage.objects.child_of(bank.a.course).get()
    learner = UserFactory(first_name="Tajna", last_name="Kursantka-Statystyk", roles=[Role.LEARNER])
    enrolment = Enrolment.objects.create(user=learner, course=bank.a.course)
    attempts = {
        "ranked": [
            QuizAttemptFactory(enrolment=enrolment, quiz=quiz, number=n, score_percent=score)
            for n, score in enumerate(SCORES, start=1)
        ],
        "tied": [
            QuizAttemptFactory(enrolment=enrolment, quiz=quiz, number=100 + n, score_percent=50)
            for n in range(10)
        ],
    }
    questions = {}
    for name, (group, marks, _expected) in SEEDED.items():
        question = QuestionFactory(pool=bank.a.pool, name=name)
        for attempt, mark in zip(attempts[group], marks, strict=False):
            QuestionResponseFactory(
                attempt=attempt,
                question=question,
                correct=mark is OK,
                text="Wojewoda" if mark is OK else mark,
            )
        questions[name] = question
    questions["Bez odpowiedzi"] = QuestionFactory(pool=bank.a.pool, name="Bez odpowiedzi")
    # Someone else's pool, answered too: never mixed into pool A's figures.
    QuestionResponseFactory(attempt=attempts["ranked"][0], question=bank.b.question, correct=False)
    return questions
