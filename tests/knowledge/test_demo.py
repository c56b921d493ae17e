"""The demo knowledge base: a document per programme area with real acts, generated DOCX
templates, one standard already due for review kept by the demo trainer, a lesson linking to it;
loading twice changes nothing."""

import io
import zipfile

import pytest
from wagtail.documents import get_document_model

from courses.models import CoursePage, LessonPage, ThematicArea
from knowledge.demo import load_demo_knowledge_base
from knowledge.models import DocumentKind, ReviewStatus, StandardPage
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people_and_lesson():
    trainer = UserFactory(email="trener@centrum-kompetencji.example", roles=[Role.TRAINER])
    UserFactory(email="admin@centrum-kompetencji.example", roles=[Role.ADMINISTRATOR])
    course = factories.course(title="Standardy obsługi", slug="standardy-obslugi-cudzoziemcow")
    lesson = course.add_child(
        instance=LessonPage(
            title="Dokąd kierować",
            slug="dokad-kierowac",
            body=[("rich_text", f"<p>Akapit {number}.</p>") for number in range(10)],
        )
    )
    return trainer, lesson


def test_the_demo_knowledge_base(media, demo_people_and_lesson):
    trainer, lesson = demo_people_and_lesson

    load_demo_knowledge_base()
    load_demo_knowledge_base()

    standards = StandardPage.objects.live()
    assert standards.count() == 5
    assert set(standards.values_list("thematic_area", flat=True)) == set(
        ThematicArea.objects.values_list("pk", flat=True)
    )
    assert set(standards.values_list("kind", flat=True)) == set(DocumentKind.values)
    ops = standards.get(title="Standard obsługi cudzoziemca w OPS")
    assert ops.responsible == trainer
    assert ops.review_status == ReviewStatus.OVERDUE
    assert [s.review_status for s in standards.exclude(pk=ops.pk)] == [ReviewStatus.CURRENT] * 4
    acts = [b.value["act"] for s in standards for b in s.body if b.block_type == "legal_basis"]
    assert any("o cudzoziemcach" in act for act in acts)
    assert any("o pomocy obywatelom Ukrainy" in act for act in acts)
    assert any("o pomocy społecznej" in act for act in acts)
    expired = [
        b.value["act"]
        for s in standards
        for b in s.body
        if b.block_type == "legal_basis" and b.value.is_expired
    ]
    assert expired == [
        "Ustawa z dnia 20 kwietnia 2004 r. o promocji zatrudnienia i instytucjach rynku pracy"
    ]

    documents = get_document_model().objects.all()
    assert documents.count() == 2  # generated once
    for document in documents:
        with document.file.open("rb") as file, zipfile.ZipFile(io.BytesIO(file.read())) as docx:
            text = docx.read("word/document.xml").decode()
        assert document.title in text
        assert 'w:val="pl-PL"' in text

    lesson = LessonPage.objects.get(pk=lesson.pk)
    linked = [b.value["page"] for b in lesson.body if b.block_type == "standard"]
    assert linked == [ops]
    assert lesson.live
    assert not lesson.has_unpublished_changes
    assert CoursePage.objects.count() == 1
