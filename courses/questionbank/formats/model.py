"""The question as the file formats see it: one plain dataclass between a file and the bank.

Parsers (`gift.parse`, `moodle_xml.parse`) turn a file into `QuestionData` rows with the
problems found in each; `importing` turns valid rows into `Question` objects with
`block_value()`. Writers (`gift.write`, `moodle_xml.write`) take rows made from stored questions
with `QuestionData.from_question`. Texts are plain (question texts, answers, feedback, pairs,
items), except `explanation`, which is rich text already cleaned for the database
(`text.sanitise_rich_text`).
"""

from dataclasses import dataclass, field

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
MATCHING = "matching"
ORDERING = "ordering"
KINDS = (SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER, MATCHING, ORDERING)


@dataclass
class Choice:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass
class Pair:
    prompt: str
    match: str


@dataclass
class QuestionData:
    """One question of a file (or of the bank, on its way out)."""

    kind: str  # one of KINDS; "" when the file's question type is not supported
    name: str
    text: str
    explanation: str = ""
    choices: list[Choice] = field(default_factory=list)  # single and multiple choice
    correct: bool = True  # true/false: the statement is true
    accepted: list[str] = field(default_factory=list)  # short answer
    case_sensitive: bool = False
    ignore_diacritics: bool = False
    pairs: list[Pair] = field(default_factory=list)  # matching
    items: list[str] = field(default_factory=list)  # ordering, in the correct order
    tags: list[str] = field(default_factory=list)
    # Where it came from, when read from a file.
    category: str = ""  # the category path in force for this question ("" = none)
    source_type: str = ""  # the question type as the file names it
    number: int = 0  # 1-based position among the file's questions
    line: int | None = None  # the line of the file where the question starts
    name_generated: bool = False  # the file gave no name: made from the question text
    errors: list[str] = field(default_factory=list)  # Polish; any error refuses the file
    warnings: list[str] = field(default_factory=list)  # Polish; what will be lost or changed

    @property
    def content(self) -> tuple:
        """What the question is, without where it came from: equal for identical questions."""
        return (
            self.kind,
            self.name,
            self.text,
            self.explanation,
            [(c.text, c.correct, c.feedback) for c in self.choices],
            self.correct if self.kind == TRUE_FALSE else None,
            list(self.accepted),
            self.case_sensitive,
            self.ignore_diacritics,
            [(p.prompt, p.match) for p in self.pairs],
            list(self.items),
            sorted(self.tags),
        )

    def block_value(self) -> dict:
        """The value of the question's one `QuestionTypesBlock` child, as a StreamField takes it."""
        value = {"question": self.text, "explanation": self.explanation}
        if self.kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
            value["answers"] = [
                {"text": c.text, "correct": c.correct, "feedback": c.feedback} for c in self.choices
            ]
        elif self.kind == TRUE_FALSE:
            value["correct"] = self.correct
        elif self.kind == SHORT_ANSWER:
            value["accepted"] = list(self.accepted)
            value["case_sensitive"] = self.case_sensitive
            value["ignore_diacritics"] = self.ignore_diacritics
        elif self.kind == MATCHING:
            value["pairs"] = [{"prompt": p.prompt, "match": p.match} for p in self.pairs]
        elif self.kind == ORDERING:
            value["items"] = list(self.items)
        return value

    @classmethod
    def from_block(cls, *, name: str, block_type: str, value, tags=()) -> "QuestionData":
        """A row from a stored question's block (`question.block.block_type`, `.value`)."""
        explanation = value.get("explanation")
        question = cls(
            kind=block_type,
            name=name,
            text=value.get("question") or "",
            explanation=getattr(explanation, "source", explanation) or "",
            tags=sorted(tags),
        )
        if block_type in (SINGLE_CHOICE, MULTIPLE_CHOICE):
            question.choices = [
                Choice(
                    text=answer["text"],
                    correct=bool(answer["correct"]),
                    feedback=answer.get("feedback") or "",
                )
                for answer in value["answers"]
            ]
        elif block_type == TRUE_FALSE:
            question.correct = bool(value["correct"])
        elif block_type == SHORT_ANSWER:
            question.accepted = list(value["accepted"])
            question.case_sensitive = bool(value.get("case_sensitive"))
            question.ignore_diacritics = bool(value.get("ignore_diacritics"))
        elif block_type == MATCHING:
            question.pairs = [Pair(pair["prompt"], pair["match"]) for pair in value["pairs"]]
        elif block_type == ORDERING:
            question.items = list(value["items"])
        return question


@dataclass
class ParsedFile:
    """What a parser read: the questions in file order, and problems of the file as a whole."""

    format: str  # "gift" or "xml"
    questions: list[QuestionData] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Category path -> its description (Moodle XML `<info>`), for pools created from it.
    descriptions: dict[str, str] = field(default_factory=dict)


@dataclass
class Section:
    """One pool on its way out: its name, description and questions (writers' input)."""

    name: str
    questions: list[QuestionData]
    description: str = ""
