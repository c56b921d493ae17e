"""The knowledge base in Chromium: a reader filters the index by area, opens a standard and
downloads its template; both pages pass axe-core (WCAG 2.1 A/AA), also on a phone's width."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from knowledge.documents import docx_bytes
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_reader_finds_a_standard_and_its_template(page, assert_accessible, media):
    template = get_document_model()(title="Karta pierwszej wizyty")
    template.file.save(
        "karta.docx", ContentFile(docx_bytes(title="Karta", paragraphs=["Imię: ...."])), save=False
    )
    template.save()
    legal = {
        "act": "Ustawa z dnia 20 kwietnia 2004 r. o promocji zatrudnienia",
        "reference": "Dz.U. z 2024 r. poz. 475",
        "provisions": "",
        "valid_from": datetime.date(2004, 6, 1),
        "valid_until": datetime.date(2025, 5, 31),
        "url": "",
        "note": "",
    }
    factories.standard(
        body=[
            ("heading", {"text": "Pierwsza wizyta", "level": "h2"}),
            ("checklist", {"title": "Co sprawdzić", "intro": "", "items": ["Język", "Dokument"]}),
            ("document", {"document": template, "title": "", "description": "Wzór (DOCX)."}),
            ("legal_basis", legal),
        ]
    )
    factories.standard(title="Przyjęcie ucznia do szkoły", area="edukacja", kind="lista-kontrolna")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(factories.knowledge_index().url)
    assert_accessible(page)
    page.get_by_label("Obszar tematyczny").select_option(label="Bezpieczeństwo i pomoc społeczna")
    page.get_by_role("button", name="Pokaż").click()

    assert page.get_by_role("heading", level=3).all_inner_texts() == [
        "Standard obsługi cudzoziemca w OPS"
    ]
    page.get_by_role("link", name="Standard obsługi cudzoziemca w OPS").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Standard obsługi cudzoziemca w OPS"
    assert "nieobowiązująca" in page.locator(".legal-basis").inner_text()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Karta pierwszej wizyty").click()
    assert download.value.suggested_filename.endswith(".docx")
