"""The question file formats: real Moodle files read as Moodle reads them, files written as
Moodle's exporter writes them, round trips through both formats, GIFT escaping, hostile input."""

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from courses.questionbank import exporting, formats, importing
from courses.questionbank.formats import gift, moodle_xml
from courses.questionbank.formats.model import Choice, Pair, QuestionData, Section
from courses.questionbank.formats.text import (
    html_to_text,
    sanitise_rich_text,
    to_rich_text,
)
from courses.questionbank.models import QuestionPool
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
XML_SAMPLES = sorted(path.name for path in SAMPLES.glob("moodle_*.xml"))
GIFT_SAMPLES = sorted(path.name for path in SAMPLES.glob("gift_*.txt"))


def read(name: str) -> formats.ParsedFile:
    return formats.read(name=name, data=(SAMPLES / name).read_bytes())


def summary(question: QuestionData) -> tuple:
    return (question.kind or question.source_type, question.name, question.text)


# --- Reading real Moodle files ----------------------------------------------------------------------


def test_a_multiple_choice_export_keeps_its_right_answers_and_feedback():
    parsed = read("moodle_multichoice.xml")

    [question] = parsed.questions
    assert summary(question) == (
        "multiple_choice",
        "Multi-choice-001",
        "Find the capital cities in Europe.",
    )
    assert [(c.text, c.correct) for c in question.choices] == [
        ("Tokyo", False),
        ("Spain", False),
        ("London", True),
        ("Barcelona", False),
        ("Paris", True),
    ]
    assert question.explanation == "<p>Berlin, Paris and London</p>"
    assert (question.category, question.line, question.errors) == (
        "$course$/Default for C1",
        12,
        [],
    )


def test_matching_drops_the_extra_answer_without_a_prompt_and_says_so():
    [question] = read("moodle_matching.xml").questions

    assert [(p.prompt, p.match) for p in question.pairs] == [
        ("frog", "amphibian"),
        ("cat", "mammal"),
        ("newt", "amphibian"),
    ]
    assert question.warnings == ["Dodatkowa odpowiedź bez pary („insect”) zostanie pominięta."]


def test_a_short_answer_accepts_positive_weights_only():
    [question] = read("moodle_shortanswer.xml").questions

    assert (question.accepted, question.case_sensitive) == (["frog", "toad"], False)
    assert question.warnings == [
        "Odpowiedzi z zerową lub ujemną oceną zostaną pominięte.",
        "Odpowiedzi z częściową oceną będą uznawane za w pełni poprawne.",
        "Informacja zwrotna do akceptowanych odpowiedzi zostanie pominięta.",
    ]


def test_an_ordering_question_keeps_the_order_of_its_answers():
    [question] = read("moodle_ordering.xml").questions

    assert question.kind == "ordering"
    assert question.items == ["Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment"]
    assert question.explanation == (
        "<p>The correct answer is &quot;Modular Object Oriented Dynamic Learning "
        "Environment&quot;.</p>"
    )


def test_nested_categories_and_an_unsupported_essay():
    parsed = read("moodle_nested_categories_with_questions.xml")

    assert [(q.source_type, q.category, q.line) for q in parsed.questions] == [
        ("truefalse", "$course$/Iota", 15),
        ("essay", "$course$/Iota/Kappa", 55),
        ("truefalse", "$course$/Iota/Kappa", 83),
        ("truefalse", "$course$/Iota/Kappa/Lambda", 123),
        ("truefalse", "$course$/Iota/Mu", 163),
    ]
    assert parsed.questions[1].errors == [
        "Nieobsługiwany typ pytania: esej (odpowiedź opisowa) (essay). Bank przyjmuje pytania "
        "jednokrotnego i wielokrotnego wyboru, prawda/fałsz, krótkiej odpowiedzi, dopasowania "
        "i kolejności."
    ]
    assert parsed.descriptions["$course$/Iota/Kappa"] == "This is Kappa category for test"


def test_gift_questions_are_read_as_moodle_reads_them():
    parsed = read("gift_questions.txt")

    assert [(q.kind or q.source_type, q.name, q.line) for q in parsed.questions] == [
        ("essay", "Q8", 2),
        ("matching", "Moodle activities", 5),
        ("single_choice", "Q2", 14),
        ("multiple_choice", "colours", 22),
        ("numerical", "Q5", 31),
        ("short_answer", "Shortanswer", 34),
        ("true_false", "Q1", 41),
        ("true_false", "2-08 TSL", 46),
        ("true_false", "2-08 TSL", 49),
    ]
    matching, single, multiple = parsed.questions[1:4]
    assert matching.text == "Match the activity to the description."  # <b> dropped, text kept
    assert matching.pairs[1] == Pair(
        "A teacher asks a question and specifies a choice of multiple responses.", "Choice"
    )
    assert [(c.text, c.correct, c.feedback) for c in single.choices] == [
        ("yellow", True, "right; good!"),
        ("red", False, "wrong, it's yellow"),
        ("blue", False, "wrong, it's yellow"),
    ]
    assert [c.correct for c in multiple.choices] == [True, False, True, False]
    true_false = parsed.questions[6]
    assert true_false.correct is False
    assert true_false.explanation == (
        "<p>This is, of course, a Hitchiker&#x27;s Guide to the Galaxy reference.</p>"
    )
    assert parsed.questions[5].accepted == ["Frog", "Cat"]


def test_an_exported_gift_file_with_escapes_and_html():
    parsed = read("gift_questions_in_category.txt")

    greeting = parsed.questions[1]
    assert greeting.name == "Greeting"
    assert greeting.text == "Listen to this greeting:\n\nWhat language is being spoken?"
    assert [c.text for c in greeting.choices if c.correct] == ["French"]
    acronym = parsed.questions[3]
    assert acronym.text == (
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment."
    )
    assert {q.category for q in parsed.questions} == {"$course$/Default for New Features"}


def test_the_ordering_plugins_gift_syntax():
    [question] = read("gift_ordering_export.txt").questions

    assert (question.kind, question.name, question.line) == ("ordering", "Moodle", 3)
    assert question.items[:2] == ["Modular", "Object"]


@pytest.mark.parametrize(
    ("path", "last", "whole"),
    [
        ("$course$/top/Prawo/Pobyt", "Pobyt", "Prawo / Pobyt"),
        ("$course$/Default for C1", "Default for C1", "Default for C1"),
        ("$module$/top", "", ""),
        ("Bez kontekstu", "Bez kontekstu", "Bez kontekstu"),
        ("$course$/top/Prawo i/lub ustawa//rozporządzenie", "lub ustawa/rozporządzenie",
         "Prawo i / lub ustawa/rozporządzenie"),
        ("", "", ""),
    ],
)  # fmt: skip
def test_category_paths_name_pools(path, last, whole):
    assert importing.pool_name(path, naming="last") == last
    assert importing.pool_name(path, naming="path") == whole


# --- Writing files Moodle imports -------------------------------------------------------------------


def every_type() -> list[QuestionData]:
    return [
        QuestionData(
            kind="single_choice",
            name="Karta pobytu",
            text="Kto wydaje kartę pobytu?\nCzasowego.",
            choices=[Choice("Wojewoda", True, "Tak & dobrze"), Choice("Wójt"), Choice("Starosta")],
            explanation="<p>Art. <b>104</b>.</p>",
            tags=["pobyt", "prawo"],
        ),
        QuestionData(
            kind="multiple_choice",
            name="Dokumenty",
            text="Które dokumenty?",
            choices=[
                Choice("Wiza", True),
                Choice("Karta", True),
                Choice("Paszport", True),
                Choice("Bilet"),
            ],
        ),  # fmt: skip
        QuestionData(
            kind="true_false", name="PESEL", text="PESEL jest obowiązkowy.", correct=False
        ),
        QuestionData(
            kind="short_answer",
            name="Skrót",
            text="Skrót urzędu?",
            accepted=["UdSC", "Urząd do Spraw Cudzoziemców"],
            case_sensitive=True,
        ),
        QuestionData(
            kind="matching",
            name="Urzędy",
            text="Dopasuj.",
            pairs=[Pair("Wiza", "Konsul"), Pair("Karta <pobytu>", "Wojewoda")],
        ),
        QuestionData(kind="ordering", name="Etapy", text="Ułóż.", items=["Wniosek", "Decyzja"]),
    ]


def test_moodle_xml_is_written_as_moodles_exporter_writes_it():
    xml = formats.write(sections=[Section(name="Prawo/pobyt", questions=every_type())], fmt="xml")

    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<!-- question: 0  -->\n')
    root = fromstring(xml.encode())
    questions = root.findall("question")
    assert [q.get("type") for q in questions] == [
        "category", "multichoice", "multichoice", "truefalse", "shortanswer", "matching", "ordering",
    ]  # fmt: skip
    assert questions[0].findtext("category/text") == "$course$/top/Prawo//pobyt"
    single, multiple = questions[1], questions[2]
    assert (single.findtext("single"), multiple.findtext("single")) == ("true", "false")
    assert single.findtext("shuffleanswers") == "true"
    assert single.findtext("answernumbering") == "abc"
    assert [a.get("fraction") for a in single.iter("answer")] == ["100", "0", "0"]
    assert [a.get("fraction") for a in multiple.iter("answer")] == [
        "33.33333", "33.33333", "33.33333", "-100",
    ]  # fmt: skip
    assert "<text><![CDATA[<p>Kto wydaje kartę pobytu?<br>Czasowego.</p>]]></text>" in xml
    assert "<text><![CDATA[Tak &amp; dobrze]]></text>" in xml
    assert [t.text for t in single.iterfind("tags/tag/text")] == ["pobyt", "prawo"]
    assert questions[4].findtext("usecase") == "1"
    assert questions[5].findtext("subquestion[2]/text") == "Karta &lt;pobytu&gt;"
    ordering = questions[6]
    assert [ordering.findtext(f) for f in ("selecttype", "gradingtype", "selectcount")] == [
        "ALL",
        "ALL_OR_NOTHING",
        "2",
    ]
    assert [a.get("fraction") for a in ordering.iter("answer")] == ["1.0000000", "2.0000000"]


def test_a_true_false_question_comes_out_byte_for_byte_as_moodle_wrote_it():
    original = (SAMPLES / "moodle_export_category.xml").read_text()
    [question] = read("moodle_export_category.xml").questions

    written = formats.write(sections=[Section(name="Alpha", questions=[question])], fmt="xml")

    moodle_block = original[original.index('  <question type="truefalse">') :]
    moodle_block = moodle_block[: moodle_block.index("  </question>\n") + 14]
    assert moodle_block in written


def test_gift_categories_come_as_moodle_writes_them():
    text = formats.write(sections=[Section(name="Pobyt", questions=every_type()[2:3])], fmt="gift")

    assert text == (
        "// question: 0  name: switch category to $course$/top/Pobyt\n"
        "$CATEGORY: $course$/top/Pobyt\n\n"
        "// question: 1  name: PESEL\n"
        "::PESEL::[html]<p>PESEL jest obowiązkowy.</p>{FALSE}\n\n"
    )


def test_gift_escapes_its_control_characters_with_a_backslash():
    tricky = QuestionData(
        kind="single_choice",
        name="Znaki: ~ = # { } \\",
        text="Który zapis jest poprawny: a=b, {x}, #1, ~2, c:d, C:\\dane?",
        choices=[Choice("a=b", True, "tak #1"), Choice("{x} ~ y"), Choice("ścieżka C:\\dane")],
        explanation="<p>Zob. https://example.org/?a=1#b</p>",
    )

    text = formats.write(sections=[Section(name="Znaki", questions=[tricky])], fmt="gift")

    assert "::Znaki\\: \\~ \\= \\# \\{ \\} \\\\::" in text
    assert "=a\\=b#tak \\#1\n" in text
    assert "~\\{x\\} \\~ y\n" in text
    assert "C\\:\\\\dane" in text
    assert "####<p>Zob. https\\://example.org/?a\\=1\\#b</p>" in text
    [again] = gift.parse(text).questions
    assert again.content == tricky.content


@pytest.mark.parametrize("fmt", ["xml", "gift"])
@pytest.mark.parametrize("name", XML_SAMPLES + GIFT_SAMPLES)
def test_real_files_survive_a_round_trip(name, fmt):
    """Read a Moodle file, write it, read it again: the same questions (GIFT keeps no
    explanation of ordering questions, which Moodle's ordering plugin does not read)."""
    questions = [q for q in read(name).questions if not q.errors]

    written = formats.write(sections=[Section(name="Pula", questions=questions)], fmt=fmt)
    again = formats.read(name=f"kopia.{'xml' if fmt == 'xml' else 'gift'}", data=written.encode())

    expected = [q.content for q in questions]
    if fmt == "gift":  # (kind, name, text, explanation, ...)
        expected = [row[:3] + ("",) + row[4:] if row[0] == "ordering" else row for row in expected]
    assert [q.content for q in again.questions] == expected
    assert all(not q.errors for q in again.questions)
    assert {q.category for q in again.questions} == {"$course$/top/Pula"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "fmt"), [("moodle_multichoice.xml", "xml"), ("gift_questions_in_category.txt", "gift")]
)
def test_an_imported_moodle_file_exports_and_imports_back_identically(admin_user, name, fmt):
    first, second = (factories.course(title=title, quiz=False, lessons=1) for title in "AB")
    options = importing.Options(file_name=name, target=importing.Target(course=first))
    imported = importing.import_questions(
        data=(SAMPLES / name).read_bytes(), options=options, user=admin_user
    )

    pools = list(QuestionPool.objects.filter(course=first))
    _file, _type, content = exporting.export_file(pools=pools, fmt=fmt, name="A")
    again = importing.import_questions(
        data=content,
        options=importing.Options(file_name=f"A.{fmt}", target=importing.Target(course=second)),
        user=admin_user,
    )

    assert [q.content for q in again.questions] == [q.content for q in imported.questions]
    assert [p.name for p in again.pools] == [p.name for p in imported.pools]


# --- Texts --------------------------------------------------------------------------------------------


def test_html_becomes_the_text_a_browser_shows():
    html = (
        "<p>Pierwszy&nbsp;akapit <b>z</b>   wyróżnieniem.</p><script>alert(1)</script>"
        "<ul><li>punkt 1</li><li>punkt 2</li></ul>Tekst<br>w dwóch wierszach &amp; &lt;znaki&gt;"
        '<img src="x.png" alt="schemat">'
    )
    assert html_to_text(html) == (
        "Pierwszy akapit z wyróżnieniem.\n\npunkt 1\npunkt 2\n\nTekst\nw dwóch wierszach "
        "& <znaki> schemat"
    )


def test_rich_text_keeps_only_what_the_editor_allows():
    dirty = (
        '<h1 style="color:red">Tytuł</h1><p onclick="zlo()">Tekst <strong>ważny</strong> '
        '<a href="javascript:alert(1)">zły link</a> <a href="https://gov.pl" target="_blank">'
        "dobry link</a></p><script>alert(2)</script><style>p{}</style><iframe></iframe>luzem"
    )

    clean = sanitise_rich_text(dirty)

    assert clean == (
        "<p>Tytuł</p><p>Tekst <strong>ważny</strong> <a>zły link</a> "
        '<a href="https://gov.pl">dobry link</a></p><p>luzem</p>'
    )
    assert sanitise_rich_text(clean) == clean
    assert to_rich_text("<script>alert(1)</script>", "html") == ""
    assert to_rich_text("a < b & <i>nie</i>\n\ndrugi", "plain") == (
        "<p>a &lt; b &amp; &lt;i&gt;nie&lt;/i&gt;</p><p>drugi</p>"
    )


def test_a_plain_text_question_keeps_its_angle_brackets_as_text():
    [question] = gift.parse("::Plain::[plain]Czy <script> to tag?{T}").questions

    assert question.text == "Czy <script> to tag?"


# --- Problems and hostile input -----------------------------------------------------------------------


def test_gift_errors_name_the_line_where_the_question_starts():
    text = (
        "// komentarz\n\n"
        "::Dobre::Pytanie?{T}\n\n"
        "// drugi komentarz\n"
        "::Bez nawiasu::Pytanie?{=tak ~nie\n\n"
        "::Dwa bloki::Ile to {=1 ~2} plus {=1 ~2}?\n"
    )

    questions = gift.parse(text).questions

    assert [(q.name, q.line) for q in questions] == [
        ("Dobre", 3),
        ("Bez nawiasu", 6),
        ("Dwa bloki", 8),
    ]
    assert questions[1].errors == [
        "Brakuje nawiasu klamrowego „{” albo „}” wokół odpowiedzi (znaki { i } w treści zapisz "
        "jako \\{ i \\})."
    ]
    assert questions[2].errors[0].startswith("Pytanie ma więcej niż jedną sekcję odpowiedzi")


def test_gift_names_are_made_from_the_text_when_missing():
    long = (
        "Bardzo długie pytanie o procedurę uzyskania zezwolenia na pobyt czasowy i pracę w Polsce?"
    )
    [question] = gift.parse(long + "{T}").questions

    assert question.name_generated
    assert question.name == "Bardzo długie pytanie o procedurę uzyskania zezwolenia na…"


def test_a_windows_1250_gift_file_is_read_with_a_warning():
    data = "::Urząd::Gdzie złożyć wniosek?{=urząd wojewódzki ~gmina}".encode("cp1250")

    parsed = formats.read(name="stary.txt", data=data)

    assert parsed.questions[0].choices[0].text == "urząd wojewódzki"
    assert parsed.warnings == [
        "Plik nie był zapisany w UTF-8; odczytano go jako Windows-1250. Sprawdź polskie znaki "
        "w podglądzie."
    ]


def test_a_utf16_moodle_file_is_read():
    data = (SAMPLES / "moodle_matching.xml").read_text().replace('"UTF-8"', '"UTF-16"')

    parsed = formats.read(name="matching.xml", data=data.encode("utf-16"))

    assert parsed.questions[0].name == "matching-001"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>',
        b'<?xml version="1.0"?><!DOCTYPE quiz SYSTEM "http://zlo.example/quiz.dtd"><quiz/>',
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><quiz/>',
    ],
)
def test_xml_with_a_doctype_or_entities_is_refused(data):
    with pytest.raises(formats.FormatError, match="ze względów bezpieczeństwa"):
        formats.read(name="zly.xml", data=data)


def test_moodle_xml_answers_with_bad_fractions_are_errors():
    xml = (
        b'<quiz><question type="multichoice"><name><text>N</text></name>'
        b'<questiontext format="html"><text>Q?</text></questiontext>'
        b'<answer fraction="sto"><text>A</text></answer><answer fraction="0"><text>B</text>'
        b"</answer></question></quiz>"
    )

    [question] = moodle_xml.parse(xml).questions

    assert "Nieprawidłowa ocena odpowiedzi: „sto”." in question.errors
