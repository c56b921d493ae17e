"""The demo knowledge base: one document per programme area (a standard, procedures, a
checklist, a document template), with real legal acts, one standard whose review is already due
(kept by the demo trainer), and a lesson of the main demo course linking to it.

Loaded by `manage.py load_demo` through the "lms_load_demo" hook, after the demo catalogue.
Idempotent: the index and each standard are found by slug, and what exists is left as it is (an
editor may have changed it). The Polish texts are data files, `knowledge/fixtures/demo/*.json`;
the document templates (DOCX) are generated from them here (`knowledge.documents`).
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from courses.models import CoursePage, LessonPage, ThematicArea
from knowledge import services
from knowledge.documents import docx_bytes
from knowledge.models import KnowledgeIndexPage, StandardPage
from lms.dates import add_months
from lms.home.models import HomePage

DATA_DIR = Path(__file__).resolve().parent / "fixtures" / "demo"
DEMO_DOMAIN = "centrum-kompetencji.example"


def _read(name: str) -> dict:
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as file:
        return json.load(file)


def _index(home, fields) -> KnowledgeIndexPage:
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=KnowledgeIndexPage(**fields))
        index.save_revision().publish()
    services.open_knowledge_base_to_trainers(index=index)
    return index


def _document(spec: dict):
    """A Wagtail document holding the generated DOCX (a new one for each new standard)."""
    document = get_document_model()(title=spec["title"])
    content = docx_bytes(title=spec["title"], paragraphs=spec["paragraphs"])
    document.file.save(spec["filename"], ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def _body(spec: dict):
    """The StreamField value from the data file's blocks (as stored: ids, ISO dates), its
    document templates generated and put in place."""
    documents = {key: _document(value) for key, value in spec["documents"].items()}
    raw = []
    for block in spec["body"]:
        value = block["value"]
        if block["type"] == "document":
            value = {**value, "document": documents[value["document"]].pk}
        raw.append({"type": block["type"], "value": value})
    return StandardPage._meta.get_field("body").stream_block.to_python(raw)


def _build_standard(index, spec: dict) -> tuple[StandardPage, bool]:
    existing = StandardPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    owner = get_user_model().objects.filter(email=f"{spec['owner']}@{DEMO_DOMAIN}").first()
    standard = StandardPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        thematic_area=ThematicArea.objects.get(slug=spec["area"]),
        kind=spec["kind"],
        version=spec["version"],
        last_reviewed_on=add_months(timezone.localdate(), -spec["reviewed_months_ago"]),
        review_interval_months=spec["review_interval_months"],
        responsible=owner,
        body=_body(spec),
    )
    index.add_child(instance=standard)
    standard.save_revision().publish()
    return standard, True


def _link_lesson(spec: dict, standards: dict) -> None:
    """Put the "Standard z bazy wiedzy" card into a lesson of the main demo course (a new
    published revision of the lesson), unless the lesson already links to it."""
    course = CoursePage.objects.filter(slug=spec["course"]).first()
    standard = standards.get(spec["standard"])
    if course is None or standard is None:
        return
    lesson = LessonPage.objects.descendant_of(course).filter(slug=spec["lesson"]).first()
    if lesson is None:
        return
    if any(b.block_type == "standard" and b.value["page"] == standard for b in lesson.body):
        return
    lesson.body.insert(
        spec["after_block"] + 1, ("standard", {"page": standard, "note": spec["note"]})
    )
    lesson.save_revision().publish()


@transaction.atomic
def load_demo_knowledge_base(*, stdout=None) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    spec = _read("knowledge-base")
    index = _index(home, spec["index"])
    results = [_build_standard(index, _read(slug)) for slug in spec["standards"]]
    standards = {standard.slug: standard for standard, _created in results}
    _link_lesson(spec["lesson_link"], standards)
    if stdout is not None:
        created = sum(created for _standard, created in results)
        stdout.write(f"Baza wiedzy: {len(results)} dokumentów (nowo utworzonych: {created}).\n")
