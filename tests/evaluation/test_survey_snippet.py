"""The survey as administrators edit it: one default survey, distinct options, a new version
whenever the questions change (responses record the one they answered)."""

import pytest
from django.core.exceptions import ValidationError

from evaluation.blocks import ChoiceQuestionBlock
from evaluation.models import Survey

pytestmark = pytest.mark.django_db

QUESTIONS = [("open_text", {"question": "Co zapamiętasz?", "required": True})]


def test_a_second_default_survey_is_refused_in_polish(survey):
    other = Survey(name="Ankieta po warsztatach", is_default=True, questions=QUESTIONS)

    with pytest.raises(ValidationError) as refused:
        other.full_clean()

    assert refused.value.message_dict["is_default"] == [
        "Ankietą domyślną jest już „Ocena szkolenia (ankieta domyślna)”. Najpierw odznacz ją tam."
    ]


def test_options_of_a_choice_must_differ():
    block = ChoiceQuestionBlock()
    value = block.to_python(
        {"question": "Poziom", "choices": ["odpowiedni", "Odpowiedni "], "required": True}
    )

    with pytest.raises(ValidationError) as refused:
        block.clean(value)

    assert "Odpowiedzi do wyboru muszą się różnić." in str(refused.value.block_errors["choices"])


def test_changing_the_questions_makes_a_new_version(survey):
    survey.full_clean()
    survey.save()
    assert survey.version == 1

    survey.questions = [*survey.questions.raw_data][:3]
    survey.full_clean()
    survey.save()

    survey.refresh_from_db()
    assert survey.version == 2
