"""The questions of a satisfaction survey: a 1–5 scale, one choice from a list, an open answer.

Each question is a StreamField child; its id (stable across edits) is the key its answers are
stored under (`SurveyAnswer.question_key`), so rewording a question keeps its results.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

LIKERT = "likert"
CHOICE = "single_choice"
OPEN = "open_text"
SCALE = (1, 2, 3, 4, 5)
MAX_OPEN_ANSWER = 2000


class LikertBlock(blocks.StructBlock):
    """A statement or question rated from 1 to 5, the ends of the scale named (e.g. "bardzo
    źle" … "bardzo dobrze")."""

    question = blocks.CharBlock(label=_("Pytanie"), max_length=300)
    low_label = blocks.CharBlock(label=_("Opis oceny 1"), max_length=60, default=_("bardzo źle"))
    high_label = blocks.CharBlock(
        label=_("Opis oceny 5"), max_length=60, default=_("bardzo dobrze")
    )
    required = blocks.BooleanBlock(label=_("Odpowiedź wymagana"), required=False, default=True)

    class Meta:
        icon = "list-ol"
        label = _("Skala 1–5")


class ChoiceQuestionBlock(blocks.StructBlock):
    """One answer picked from a list (e.g. "Jak dowiedział(a) się Pan/Pani o szkoleniu?")."""

    question = blocks.CharBlock(label=_("Pytanie"), max_length=300)
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Odpowiedź"), max_length=200),
        label=_("Odpowiedzi do wyboru"),
        min_num=2,
    )
    required = blocks.BooleanBlock(label=_("Odpowiedź wymagana"), required=False, default=True)

    class Meta:
        icon = "radio-full"
        label = _("Jednokrotny wybór")

    def clean(self, value):
        value = super().clean(value)
        texts = [text.strip().casefold() for text in value["choices"]]
        if len(set(texts)) != len(texts):
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("Odpowiedzi do wyboru muszą się różnić."))
                }
            )
        return value


class OpenQuestionBlock(blocks.StructBlock):
    """A free-text answer (what to improve, what was most useful)."""

    question = blocks.CharBlock(label=_("Pytanie"), max_length=300)
    required = blocks.BooleanBlock(label=_("Odpowiedź wymagana"), required=False, default=False)

    class Meta:
        icon = "edit"
        label = _("Pytanie otwarte")


class SurveyQuestionsBlock(blocks.StreamBlock):
    likert = LikertBlock()
    single_choice = ChoiceQuestionBlock()
    open_text = OpenQuestionBlock()

    class Meta:
        min_num = 1
