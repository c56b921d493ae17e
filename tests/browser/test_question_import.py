"""The question import and export in Chromium: a trainer uploads a real Moodle export, reads the
preview (with the unsupported question left out), confirms, downloads the pool again, and the
pages pass axe-core."""

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from courses.questionbank.models import Question, QuestionPool
from lms.users.roles import Role
from tests import factories
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAMPLES = Path(__file__).parent.parent / "questionbank" / "samples"


def test_a_trainer_imports_a_moodle_file_and_exports_it_again(
    page, sign_in, assert_accessible, tmp_path
):
    trainer = UserFactory(email="trenerka@gmina.example", roles=[Role.TRAINER])
    course = factories.course(title="Cudzoziemiec w urzędzie", lessons=1, quiz=False)
    course.trainers.set([trainer])
    course.save()
    sign_in(trainer.email, PASSWORD)

    page.goto("/admin/import-pytan/")
    assert_accessible(page)
    page.set_input_files(
        "input[type=file]", str(SAMPLES / "moodle_nested_categories_with_questions.xml")
    )
    page.get_by_label("Kurs lub obszar tematyczny, do którego należą pule").select_option(
        label="Cudzoziemiec w urzędzie"
    )
    page.get_by_label("cała ścieżka kategorii (np. „Prawo / Pobyt”)").check()
    page.get_by_label("Pomiń pytania typów, których bank nie obsługuje").check()
    page.get_by_role("button", name="Wczytaj i pokaż podgląd").click()

    page.locator('[data-pool="Iota / Kappa / Lambda"]').wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Importuj 4 pytania").click()
    page.get_by_text("Zaimportowano 4 pytania").wait_for()

    assert sorted(QuestionPool.objects.values_list("name", flat=True)) == [
        "Iota",
        "Iota / Kappa",
        "Iota / Kappa / Lambda",
        "Iota / Mu",
    ]
    assert Question.objects.count() == 4

    page.goto("/admin/eksport-pytan/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz pulę Iota / Mu jako Moodle XML").click()
    saved = tmp_path / "pula.xml"
    download.value.save_as(saved)
    root = fromstring(saved.read_bytes())
    assert [q.findtext("name/text") for q in root.findall("question")] == [None, "Mu Question"]
