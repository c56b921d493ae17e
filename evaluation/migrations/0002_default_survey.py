"""The default post-training survey in Polish (what the funder and the programme board ask
after every training): overall rating, usefulness for work, trainer, organisation, materials,
expectations, difficulty, recommendation and three open questions. Administrators edit it as a
snippet; the block ids below are the keys its answers are stored under."""

import json
import uuid

from django.db import migrations

NAME = "Ocena szkolenia (ankieta domyślna)"
INTRO = (
    "Dziękujemy za udział w szkoleniu Pomorskiego Samorządowego Centrum Kompetencji w zakresie "
    "Wsparcia Imigrantów. Twoja ocena pomoże nam ulepszać kolejne szkolenia i wydarzenia."
)
RATING = {"low_label": "bardzo źle", "high_label": "bardzo dobrze", "required": True}
EXTENT = {"low_label": "w bardzo małym stopniu", "high_label": "w bardzo dużym stopniu", "required": True}


def _likert(block_id, question, scale):
    return {"type": "likert", "id": block_id, "value": {"question": question, **scale}}


def _choice(block_id, question, choices):
    return {
        "type": "single_choice",
        "id": block_id,
        "value": {
            "question": question,
            "choices": [
                {"type": "item", "value": text, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{block_id}/{n}"))}
                for n, text in enumerate(choices, start=1)
            ],
            "required": True,
        },
    }


def _open(block_id, question):
    return {"type": "open_text", "id": block_id, "value": {"question": question, "required": False}}


QUESTIONS = [
    _likert("3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0001", "Jak ogólnie oceniasz szkolenie?", RATING),
    _likert(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0002",
        "W jakim stopniu wiedza ze szkolenia przyda Ci się w pracy z cudzoziemcami?",
        EXTENT,
    ),
    _likert(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0003",
        "Jak oceniasz trenera lub prowadzącego (przygotowanie, sposób przekazywania wiedzy)?",
        RATING,
    ),
    _likert(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0004",
        "Jak oceniasz organizację szkolenia (termin, czas trwania, platforma lub sala)?",
        RATING,
    ),
    _likert(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0005",
        "Jak oceniasz materiały szkoleniowe?",
        RATING,
    ),
    _likert(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0006",
        "W jakim stopniu szkolenie spełniło Twoje oczekiwania?",
        EXTENT,
    ),
    _choice(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0007",
        "Poziom trudności szkolenia był:",
        ["za niski", "odpowiedni", "za wysoki"],
    ),
    _choice(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0008",
        "Czy polecisz to szkolenie współpracownikom?",
        ["zdecydowanie tak", "raczej tak", "raczej nie", "zdecydowanie nie"],
    ),
    _open(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0009",
        "Co w szkoleniu było dla Ciebie najbardziej przydatne?",
    ),
    _open("3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0010", "Co powinniśmy poprawić?"),
    _open(
        "3d1f2a6e-0b8c-4c1e-9a51-0c1e5b7a0011",
        "Jakich innych szkoleń z obsługi i integracji cudzoziemców potrzebujesz?",
    ),
]


def create_default_survey(apps, schema_editor):
    Survey = apps.get_model("evaluation", "Survey")
    if Survey.objects.filter(is_default=True).exists():
        return
    Survey.objects.get_or_create(
        name=NAME,
        defaults={"intro": INTRO, "questions": json.dumps(QUESTIONS), "is_default": True},
    )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(create_default_survey, migrations.RunPython.noop)]
