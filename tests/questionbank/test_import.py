"""Importing question files in the admin: upload -> preview -> confirm, as trainers and
administrators use it, with everything that must refuse a file (and change nothing)."""

from http import HTTPStatus
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from courses import services as course_services
from courses.models import QuizAttempt, QuizPage, ThematicArea
from courses.questionbank import exporting, importing
from courses.questionbank.formats.model import QuestionData
from courses.questionbank.models import Question, QuestionPool, QuestionTag
from lms.users.roles import Role
from tests import factories
from tests.factories import QuestionFactory, QuestionPoolFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
IMPORT = "questionbank_import"
CONFIRM = "questionbank_import_confirm"

GIFT = """// Pięć pytań o pobyt cudzoziemców
$CATEGORY: $course$/top/Prawo pobytowe

::Karta pobytu::Kto wydaje kartę pobytu czasowego?{
=Wojewoda#Tak, właściwy ze względu na miejsce pobytu.
~Wójt#Nie.
~Starosta
####<p>Art. 104 ustawy o <b>cudzoziemcach</b>.</p>}

::Wizy::Które dokumenty uprawniają do pobytu?{
~%50%Wiza krajowa
~%50%Karta pobytu
~%-100%Legitymacja szkolna}

::PESEL::Cudzoziemiec może otrzymać numer PESEL.{T}

::Urząd::Jak nazywa się urząd obsługujący cudzoziemców?{=Urząd do Spraw Cudzoziemców =UdSC}

::Kolejność::Ułóż etapy w kolejności.{>3 ALL VERTICAL ALL_OR_NOTHING SHOW
Złożenie wniosku
Odciski palców
Decyzja
}
"""


# --- Fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def trainer(db):
    return UserFactory(email="trener@gmina.example", roles=[Role.TRAINER])


@pytest.fixture
def other_trainer(db):
    return UserFactory(email="inny.trener@gmina.example", roles=[Role.TRAINER])


@pytest.fixture
def course(trainer):
    course = factories.course(title="Cudzoziemiec w urzędzie", quiz=False, lessons=1)
    course.trainers.set([trainer])
    course.save()  # a parental many-to-many is written with the page
    return course


@pytest.fixture
def other_course(other_trainer):
    course = factories.course(title="Uczeń z doświadczeniem migracji", quiz=False, lessons=1)
    course.trainers.set([other_trainer])
    course.save()
    return course


@pytest.fixture
def trainer_client(client, trainer, course):
    client.force_login(trainer)
    return client


def upload(client, content, *, name="pytania.gift", target, **fields):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse(IMPORT),
        {"file": SimpleUploadedFile(name, data), "target": target, "naming": "last", **fields},
    )


def target_of(course) -> str:
    return f"course-{course.pk}"


def token_of(response) -> str:
    return response.context["token"]


def private_files(private_media) -> list[Path]:
    return [path for path in private_media.rglob("*") if path.is_file()]


# --- Preview and confirm ----------------------------------------------------------------------------


def test_a_trainer_previews_a_gift_file_then_imports_it(trainer_client, course, private_media):
    response = upload(trainer_client, GIFT, target=target_of(course))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Podgląd importu pytań" in html
    assert 'data-pool="Prawo pobytowe"' in html
    assert "nowa pula" in html
    assert [(str(label), count) for label, count in response.context["plan"].type_counts] == [
        ("jednokrotnego wyboru", 1),
        ("wielokrotnego wyboru", 1),
        ("prawda/fałsz", 1),
        ("krótka odpowiedź", 1),
        ("kolejność", 1),
    ]
    assert "Importuj 5 pytań" in html
    assert not Question.objects.exists()  # a preview writes nothing
    assert len(private_files(private_media)) == 1  # the upload waits in the private storage

    response = trainer_client.post(reverse(CONFIRM), {"token": token_of(response)})

    assert response.status_code == HTTPStatus.FOUND
    pool = QuestionPool.objects.get()
    assert (pool.name, pool.course_id, pool.thematic_area_id) == ("Prawo pobytowe", course.pk, None)
    questions = {q.name: q for q in Question.objects.filter(pool=pool)}
    assert sorted(questions) == ["Karta pobytu", "Kolejność", "PESEL", "Urząd", "Wizy"]
    card = questions["Karta pobytu"].block
    assert card.block_type == "single_choice"
    assert [(a["text"], a["correct"], a["feedback"]) for a in card.value["answers"]] == [
        ("Wojewoda", True, "Tak, właściwy ze względu na miejsce pobytu."),
        ("Wójt", False, "Nie."),
        ("Starosta", False, ""),
    ]
    assert card.value["explanation"].source == "<p>Art. 104 ustawy o <b>cudzoziemcach</b>.</p>"
    visas = questions["Wizy"].block.value
    assert [a["correct"] for a in visas["answers"]] == [True, True, False]
    assert list(questions["Urząd"].block.value["accepted"]) == [
        "Urząd do Spraw Cudzoziemców",
        "UdSC",
    ]
    assert list(questions["Kolejność"].block.value["items"]) == [
        "Złożenie wniosku",
        "Odciski palców",
        "Decyzja",
    ]
    assert questions["PESEL"].created_by_id == response.wsgi_request.user.pk
    assert private_files(private_media) == []  # the upload is gone once imported
    message = trainer_client.get(response["Location"]).content.decode()
    assert (
        "Zaimportowano 5 pytań (Cudzoziemiec w urzędzie). Nowe pule: 1, uzupełnione pule: 0."
        in message
    )


def test_the_preview_names_each_problem_by_question_and_line(trainer_client, course, private_media):
    data = (SAMPLES / "gift_questions.txt").read_bytes()

    response = upload(trainer_client, data, name="questions.gift.txt", target=target_of(course))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Nic nie zostało zaimportowane" in html
    assert len(response.context["plan"].invalid_questions) == 3
    assert "Pytanie nr 1 (wiersz 2, „Q8”): Nieobsługiwany typ pytania: esej" in html
    assert "Pytanie nr 5 (wiersz 31, „Q5”): Nieobsługiwany typ pytania: numeryczne" in html
    assert (
        "Pytanie nr 9 (wiersz 49, „2-08 TSL”): Nazwa „2-08 TSL” powtarza się w pliku "
        "(pytanie nr 8)." in html
    )
    assert "Dodatkowa odpowiedź bez pary („Chat”) zostanie pominięta." in html
    assert response.context["token"] == ""
    assert CONFIRM not in html
    assert 'name="token"' not in html
    assert private_files(private_media) == []  # nothing kept of a refused file


def test_a_choice_question_needs_its_right_answers(trainer_client, course):
    gift = (
        "::Dwie dobre::Pytanie?{=Tak ~%50%Też tak ~Nie}\n\n"
        "::Żadnej dobrej::Pytanie?{~%-50%Nie ~%0%Też nie}\n\n"
        "::Pusta::Pytanie?{=Tak ~#tylko komentarz}\n"
    )

    response = upload(trainer_client, gift, target=target_of(course))

    errors = {q.name: q.errors for q in response.context["plan"].questions}
    assert errors["Dwie dobre"] == [
        "Pytanie jednokrotnego wyboru musi mieć dokładnie jedną poprawną odpowiedź (ma 2; "
        "odpowiedzi z dodatnią oceną, np. %50%, liczą się jako poprawne)."
    ]
    assert errors["Żadnej dobrej"] == [
        "Pytanie wielokrotnego wyboru musi mieć co najmniej jedną poprawną odpowiedź."
    ]
    assert errors["Pusta"] == ["Odpowiedź nr 2 jest pusta."]


def test_a_name_already_in_the_pool_is_refused(trainer_client, course):
    pool = QuestionPoolFactory(name="test QUESTIONS", course=course)
    QuestionFactory(pool=pool, name="Matching-001")
    data = (SAMPLES / "moodle_matching.xml").read_bytes()

    response = upload(trainer_client, data, name="matching.xml", target=target_of(course))

    plan = response.context["plan"]
    assert [(p.name, p.is_new) for p in plan.pools] == [("test QUESTIONS", False)]
    assert plan.questions[0].errors == [
        "Pytanie o nazwie „matching-001” jest już w puli „test QUESTIONS”."
    ]
    assert "istniejąca pula" in response.content.decode()


def test_unsupported_types_can_be_skipped_and_categories_become_pools(trainer_client, course):
    data = (SAMPLES / "moodle_nested_categories_with_questions.xml").read_bytes()

    refused = upload(trainer_client, data, name="nested.xml", target=target_of(course))
    assert refused.context["plan"].invalid_questions[0].source_type == "essay"

    response = upload(
        trainer_client,
        data,
        name="nested.xml",
        target=target_of(course),
        naming="path",
        skip_unsupported="on",
    )
    plan = response.context["plan"]
    assert plan.is_valid
    assert plan.skipped == 1
    assert [(p.name, len(p.questions)) for p in plan.pools] == [
        ("Iota", 1),
        ("Iota / Kappa", 1),
        ("Iota / Kappa / Lambda", 1),
        ("Iota / Mu", 1),
    ]
    trainer_client.post(reverse(CONFIRM), {"token": token_of(response)})
    pools = QuestionPool.objects.filter(course=course).order_by("name")
    assert [(p.name, p.description, p.questions.count()) for p in pools] == [
        ("Iota", "This is Iota category for test", 1),
        ("Iota / Kappa", "This is Kappa category for test", 1),
        ("Iota / Kappa / Lambda", "This is Lambda category for test", 1),
        ("Iota / Mu", "This is Mu category for test", 1),
    ]


def test_questions_without_a_category_go_to_the_named_pool(trainer_client, course):
    response = upload(
        trainer_client, "Pytanie?{T}\n", target=target_of(course), default_pool="Rozgrzewka"
    )
    assert [p.name for p in response.context["plan"].pools] == ["Rozgrzewka"]

    response = upload(
        trainer_client, "Pytanie?{T}\n", name="zestaw_1.gift", target=target_of(course)
    )
    plan = response.context["plan"]
    assert [p.name for p in plan.pools] == ["zestaw 1"]
    assert plan.questions[0].name == "Pytanie?"


def test_an_administrator_imports_into_a_thematic_area(admin_client, db):
    area = ThematicArea.objects.get(slug="zdrowie")
    response = upload(admin_client, GIFT, target=f"area-{area.pk}")

    admin_client.post(reverse(CONFIRM), {"token": token_of(response)})

    pool = QuestionPool.objects.get()
    assert (pool.course_id, pool.thematic_area_id, pool.questions.count()) == (None, area.pk, 5)


def test_a_pool_name_used_outside_the_area_is_refused(admin_client, db):
    QuestionPoolFactory(
        name="Prawo pobytowe", thematic_area=ThematicArea.objects.get(slug="edukacja")
    )
    area = ThematicArea.objects.get(slug="zdrowie")

    response = upload(admin_client, GIFT, target=f"area-{area.pk}")

    assert response.context["plan"].errors == [
        "Pula „Prawo pobytowe” istnieje już poza obszarem tematycznym „Zdrowie” (nazwy pul bez "
        "kursu nie mogą się powtarzać). Zmień nazwę kategorii w pliku."
    ]


def test_confirming_imports_nothing_when_a_question_fails_at_that_moment(trainer_client, course):
    response = upload(trainer_client, GIFT, target=target_of(course))
    assert response.context["plan"].is_valid
    # Meanwhile someone creates the pool with a question named like the file's fourth one.
    pool = QuestionPoolFactory(name="Prawo pobytowe", course=course)
    QuestionFactory(pool=pool, name="Urząd")

    response = trainer_client.post(reverse(CONFIRM), {"token": token_of(response)})

    assert response.status_code == HTTPStatus.CONFLICT
    html = response.content.decode()
    assert "Nic nie zostało zaimportowane: 1 pytanie ma błąd." in html
    assert "Pytanie o nazwie „Urząd” jest już w puli „Prawo pobytowe”." in html
    assert list(Question.objects.values_list("name", flat=True)) == ["Urząd"]
    assert QuestionPool.objects.count() == 1


def test_a_preview_cannot_be_confirmed_twice(trainer_client, course):
    token = token_of(upload(trainer_client, GIFT, target=target_of(course)))
    trainer_client.post(reverse(CONFIRM), {"token": token})

    response = trainer_client.post(reverse(CONFIRM), {"token": token}, follow=True)

    assert "Podgląd wygasł. Wczytaj plik ponownie." in response.content.decode()
    assert Question.objects.count() == 5


# --- Who may import ---------------------------------------------------------------------------------


def test_a_trainer_cannot_choose_another_trainers_course(trainer_client, other_course):
    response = upload(trainer_client, GIFT, target=target_of(other_course))

    assert response.status_code == HTTPStatus.OK
    assert "Nie możesz dodawać pytań do wybranego kursu lub obszaru." in response.content.decode()
    assert not QuestionPool.objects.exists()


def test_a_trainer_cannot_use_another_trainers_preview(
    client, trainer, course, other_trainer, other_course
):
    client.force_login(other_trainer)
    token = token_of(upload(client, GIFT, target=target_of(other_course)))
    client.force_login(trainer)

    response = client.post(reverse(CONFIRM), {"token": token})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"  # Wagtail's "no permission" redirect
    assert not Question.objects.exists()


def test_a_forged_token_is_refused(trainer_client, course):
    response = trainer_client.post(reverse(CONFIRM), {"token": "eyJ1c2VyIjoxfQ:forged:sig"})

    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")


def test_a_trainer_without_courses_and_a_coordinator_are_refused(client, trainer, coordinator_a):
    for person in (trainer, coordinator_a):
        client.force_login(person)
        response = client.get(reverse(IMPORT))
        assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")


def test_a_learner_is_sent_to_the_admin_login(learner_client):
    for url in (reverse(IMPORT), reverse("questionbank_export")):
        response = learner_client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"].startswith("/admin/login/")
    response = learner_client.post(reverse(CONFIRM), {"token": "x"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/login/")


# --- Files that must be refused -----------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="truefalse"><name><text>&lol9;</text></name></question></quiz>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>&secret;</text></name></question></quiz>
"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomba.xml", BILLION_LAUGHS, "Takich plików nie wczytujemy ze względów bezpieczeństwa"),
        ("xxe.xml", EXTERNAL_ENTITY, "Takich plików nie wczytujemy ze względów bezpieczeństwa"),
        ("smieci.xml", bytes(range(256)) * 40, "To nie jest plik tekstowy"),
        (
            "dokument.txt",
            b"PK\x03\x04" + bytes(200) + b"word/document.xml",
            "To nie jest plik tekstowy",
        ),
        ("pusty.gift", b"   \n\n", "Plik jest pusty."),
        (
            "uciete.xml",
            b'<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n',
            "Plik XML jest uszkodzony lub niekompletny (wiersz 4",
        ),
        ("inny.xml", b"<assessment><item/></assessment>", "To nie jest plik Moodle XML"),
        ("tylko-komentarze.gift", b"// nic tu nie ma\n", "Plik nie zawiera żadnych pytań."),
        ("arkusz.csv", b"a;b\n1;2\n", "Nieobsługiwany rodzaj pliku"),
    ],
)
def test_unreadable_files_are_refused_in_polish(
    trainer_client, course, private_media, name, content, message
):
    response = upload(trainer_client, content, name=name, target=target_of(course))

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert "plan" not in response.context
    assert not QuestionPool.objects.exists()
    assert private_files(private_media) == []


def test_an_unknown_question_type_is_named(trainer_client, course):
    xml = (
        b'<?xml version="1.0"?><quiz>\n<question type="hotspot"><name><text>Mapa</text></name>'
        b'<questiontext format="html"><text>Gdzie?</text></questiontext></question>\n</quiz>'
    )

    response = upload(trainer_client, xml, name="mapa.xml", target=target_of(course))

    assert response.context["plan"].questions[0].errors == [
        "Nieznany typ pytania: „hotspot”. Bank przyjmuje pytania jednokrotnego i wielokrotnego "
        "wyboru, prawda/fałsz, krótkiej odpowiedzi, dopasowania i kolejności."
    ]


def test_limits_are_explained(trainer_client, course, monkeypatch):
    monkeypatch.setattr(importing, "MAX_BYTES", 100)
    response = upload(trainer_client, GIFT, target=target_of(course))
    assert "Plik jest za duży: największy dozwolony rozmiar to 0 MB." in response.content.decode()

    monkeypatch.setattr(importing, "MAX_BYTES", 10 * 1024 * 1024)
    monkeypatch.setattr(importing, "MAX_QUESTIONS", 3)
    response = upload(trainer_client, GIFT, target=target_of(course))
    assert (
        "Plik ma 5 pytań; jednorazowo można zaimportować najwyżej 3. Podziel go na mniejsze "
        "pliki (np. według kategorii)." in response.content.decode()
    )


# --- What learners see ----------------------------------------------------------------------------------

HOSTILE = """::Tekst::[plain]Czy <script>alert('zwykly tekst')</script> to tag?{T}

::Skrypt::<script>alert('pytanie')</script>Czy <b>to</b> jest bezpieczne?{
=Tak <script>alert('odpowiedz')</script>#<img src\\=x onerror\\=alert(1)>Dobrze
~Nie
####<p onclick\\="alert(2)">Wyjaśnienie <script>alert('wyjasnienie')</script><a href\\="javascript\\:alert(3)">link</a> <iframe src\\="https\\://zlo.example"></iframe></p>}
"""


def test_html_in_an_imported_question_never_runs_on_a_learners_page(
    trainer_client, course, user, client
):
    token = token_of(upload(trainer_client, HOSTILE, target=target_of(course)))
    trainer_client.post(reverse(CONFIRM), {"token": token})
    question, plain = Question.objects.order_by("name")
    assert plain.block.value["question"] == "Czy <script>alert('zwykly tekst')</script> to tag?"
    block = question.block
    assert block.value["question"] == "Czy to jest bezpieczne?"
    assert block.value["answers"][0]["text"] == "Tak"
    assert block.value["explanation"].source == "<p>Wyjaśnienie <a>link</a> </p>"
    quiz = course.add_child(
        instance=QuizPage(
            title="Test z banku",
            questions=[(block.block_type, block.value), ("true_false", plain.block.value)],
            pass_mark_percent=50,
            shuffle_questions=False,
            shuffle_answers=False,
        )
    )
    course_services.enrol(user=user, course=course)
    client.force_login(user)

    page = client.get(quiz.url).content.decode()
    attempt = QuizAttempt.objects.get(quiz=quiz)
    result = client.get(
        client.post(quiz.url, factories.correct_answers(attempt))["Location"]
    ).content.decode()

    for html in (page, result):
        assert "<script>alert" not in html
        for payload in ("pytanie", "odpowiedz", "wyjasnienie"):
            assert f"alert('{payload}')" not in html
            assert f"alert(&#x27;{payload}&#x27;)" not in html
        assert "onerror" not in html
        assert "onclick" not in html
        assert "javascript:" not in html
    assert "Czy to jest bezpieczne?" in page
    assert "Czy &lt;script&gt;alert(&#x27;zwykly tekst&#x27;)&lt;/script&gt; to tag?" in page
    assert "Wyjaśnienie" in result


# --- Size and speed -----------------------------------------------------------------------------------


def test_a_large_import_is_bulk(trainer, course, django_assert_max_num_queries):
    """1,200 questions in a fixed number of queries whatever the size (its speed is measured by
    `bench/question_import.py`, with 5,000, not asserted here)."""
    data = factories.question_file(1200)
    options = importing.Options(file_name="duza.xml", target=importing.Target(course=course))

    with django_assert_max_num_queries(40):
        importing.import_questions(data=data, options=options, user=trainer)

    assert Question.objects.filter(pool__course=course).count() == 1200
    assert Question.objects.filter(tags__name="procedura").count() == 200
    # The bank's search finds imported questions (their index entries are written too).
    pool = QuestionPool.objects.get(course=course)
    found = get_search_backend().search("Pytanie 1199", Question.objects.filter(pool=pool))
    assert "Pytanie 1199" in [question.name for question in found]


def test_the_preview_reads_a_fixed_number_of_queries(
    trainer_client, course, django_assert_max_num_queries
):
    data = factories.question_file(300)
    with django_assert_max_num_queries(25):
        response = upload(trainer_client, data, name="duza.xml", target=target_of(course))
    assert response.context["plan"].is_valid
    assert "Pierwsze 100 pytań z 300" in response.content.decode()


def test_an_exported_pool_imports_into_another_course_unchanged(trainer, course, admin_user):
    other = factories.course(title="Kurs kopia", quiz=False, lessons=1)
    options = importing.Options(file_name="pula.xml", target=importing.Target(course=course))
    importing.import_questions(data=factories.question_file(12), options=options, user=trainer)
    pool = QuestionPool.objects.get(course=course)

    for fmt in ("xml", "gift"):
        _name, _type, content = exporting.export_file(pools=[pool], fmt=fmt, name=pool.name)
        copy = importing.Options(file_name=f"kopia.{fmt}", target=importing.Target(course=other))
        Question.objects.filter(pool__course=other).delete()
        QuestionPool.objects.filter(course=other).delete()
        importing.import_questions(data=content, options=copy, user=admin_user)

        assert stored_rows(other) == stored_rows(course)


def stored_rows(course) -> list[tuple]:
    """The content of a course's questions, comparable across courses."""
    rows = []
    for question in Question.objects.filter(pool__course=course):
        tags = QuestionTag.objects.filter(content_object=question).values_list(
            "tag__name", flat=True
        )
        block = question.block
        row = QuestionData.from_block(
            name=question.name, block_type=block.block_type, value=block.value, tags=tags
        )
        rows.append(row.content)
    return sorted(rows, key=str)


# --- Export ---------------------------------------------------------------------------------------------


@pytest.fixture
def pools(course, other_course):
    """Two pools of the trainer's course, one of the other trainer's, one of a thematic area."""
    law = QuestionPoolFactory(name="Prawo", course=course)
    QuestionFactory(pool=law, name="Karta pobytu")
    QuestionFactory(pool=law, name="Wiza")
    practice = QuestionPoolFactory(name="Praktyka", course=course)
    QuestionFactory(pool=practice, name="Okienko")
    other = QuestionPoolFactory(name="Szkoła", course=other_course)
    QuestionFactory(pool=other, name="Zapisy")
    shared = QuestionPoolFactory(name="Wspólna", thematic_area=course.thematic_area)
    QuestionFactory(pool=shared, name="Ogólne")
    return {"law": law, "practice": practice, "other": other, "shared": shared}


def test_a_trainer_sees_and_downloads_only_their_courses_pools(
    trainer_client, course, pools, django_assert_max_num_queries
):
    with django_assert_max_num_queries(21):  # the admin menu grew: evaluation reports
        page = trainer_client.get(reverse("questionbank_export"))

    html = page.content.decode()
    assert "Cudzoziemiec w urzędzie" in html
    assert "Prawo" in html
    assert "Praktyka" in html
    assert "Szkoła" not in html
    assert "Wspólna" not in html
    response = trainer_client.get(
        reverse("questionbank_export_pool", kwargs={"pk": pools["law"].pk, "fmt": "xml"})
    )
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == 'attachment; filename="prawo-moodle.xml"'
    root = fromstring(response.content)
    assert [q.findtext("name/text") for q in root.findall("question")] == [
        None,
        "Karta pobytu",
        "Wiza",
    ]
    for pool in ("other", "shared"):
        url = reverse("questionbank_export_pool", kwargs={"pk": pools[pool].pk, "fmt": "gift"})
        assert trainer_client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_a_course_exports_all_its_pools_as_categories(trainer_client, course, other_course, pools):
    url = reverse("questionbank_export_course", kwargs={"course_id": course.pk, "fmt": "gift"})

    response = trainer_client.get(url)

    text = response.content.decode()
    assert response["Content-Disposition"] == (
        'attachment; filename="cudzoziemiec-w-urzedzie-gift.txt"'
    )
    assert [line for line in text.splitlines() if line.startswith("$CATEGORY")] == [
        "$CATEGORY: $course$/top/Praktyka",
        "$CATEGORY: $course$/top/Prawo",
    ]
    assert "::Okienko::" in text
    assert "::Zapisy::" not in text
    other = reverse(
        "questionbank_export_course", kwargs={"course_id": other_course.pk, "fmt": "gift"}
    )
    assert trainer_client.get(other).status_code == HTTPStatus.NOT_FOUND
    unknown = reverse("questionbank_export_course", kwargs={"course_id": course.pk, "fmt": "pdf"})
    assert trainer_client.get(unknown).status_code == HTTPStatus.NOT_FOUND


def test_an_administrator_exports_thematic_area_pools(admin_client, pools):
    html = admin_client.get(reverse("questionbank_export")).content.decode()
    assert "Pule obszarów tematycznych" in html
    assert "Wspólna" in html

    url = reverse("questionbank_export_pool", kwargs={"pk": pools["shared"].pk, "fmt": "gift"})
    text = admin_client.get(url).content.decode()

    assert "$CATEGORY: $course$/top/Wspólna" in text
    assert "::Ogólne::[html]<p>Ogólne?</p>{" in text
