"""The survey as a form: one field per question, named after the question's stable id."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.blocks import CHOICE, LIKERT, MAX_OPEN_ANSWER, OPEN, SCALE

REQUIRED = _("Odpowiedz na to pytanie.")
INVALID_CHOICE = _("Wybierz jedną z podanych odpowiedzi.")


@dataclass(frozen=True)
class Answer:
    """One answered question, as `services.submit_response` stores it."""

    key: str
    value: int | None = None
    choice: str = ""
    text: str = ""


def field_name(key: str) -> str:
    return f"q-{key}"


class SurveyForm(forms.Form):
    """Likert questions are radio buttons 1–5 (the ends named), single choice radio buttons,
    open questions a text area. Only the survey's own fields are read; the messages are Polish."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = []
        for number, child in enumerate(survey.questions, start=1):
            field = self._field(child.block_type, child.value)
            if field is None:
                continue
            field.error_messages.update(required=REQUIRED, invalid_choice=INVALID_CHOICE)
            name = field_name(child.id)
            self.fields[name] = field
            self.questions.append(
                {"key": child.id, "type": child.block_type, "number": number, "name": name}
            )

    @staticmethod
    def _field(block_type: str, value):
        required = bool(value.get("required"))
        label = value["question"]
        if block_type == LIKERT:
            choices = [(str(point), str(point)) for point in SCALE]
            field = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=required,
                widget=forms.RadioSelect,
            )
            field.low_label, field.high_label = value["low_label"], value["high_label"]
            return field
        if block_type == CHOICE:
            return forms.ChoiceField(
                label=label,
                choices=[(text, text) for text in value["choices"]],
                required=required,
                widget=forms.RadioSelect,
            )
        if block_type == OPEN:
            return forms.CharField(
                label=label,
                required=required,
                max_length=MAX_OPEN_ANSWER,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": _("Odpowiedź jest za długa (najwyżej %(limit_value)d znaków).")
                },
            )
        return None

    def bound_questions(self):
        """Each question with its bound field, for the template."""
        for question in self.questions:
            yield {**question, "field": self[question["name"]]}

    def answers(self) -> list[Answer]:
        """The answered questions of a valid form (empty optional ones left out)."""
        answers = []
        for question in self.questions:
            value = self.cleaned_data.get(question["name"])
            if value in (None, ""):
                continue
            if question["type"] == LIKERT:
                answers.append(Answer(key=question["key"], value=value))
            elif question["type"] == CHOICE:
                answers.append(Answer(key=question["key"], choice=value))
            else:
                answers.append(Answer(key=question["key"], text=value.strip()))
        return answers
