"""A quiz's questions as the code sees them, in one place per question type: the ids of what a
question shows (answers, matches, items), the order an attempt shows them in, reading the posted
form, grading, a Polish summary of the learner's answer, and what the templates need to draw it.
`services` (starting, grading and regrading attempts) and `selectors` (showing an attempt, an
editor's preview) both use these.

An attempt keeps a snapshot of every question it showed (`QuizAttempt.layout`), one item each:
`{"q": key, "type": block type, "value": the block's raw JSON value, "a": [ids in shown order],
"bank": question pk or None}`; the key is the inline block's id or "bank-<pk>". Grading and review
read only the snapshot, so editing a quiz or a pool later changes nothing for an attempt. Attempts
started before snapshots existed have items with only "q" and "a"; they fall back to the quiz's
current blocks.

What a learner answered (`attempt.answers[key]`, "chosen") per type:
- single_choice, multiple_choice, true_false: the chosen answer ids ("true"/"false" for true/false);
- short_answer: the typed text;
- matching: {pair id of the element: pair id of the chosen match};
- ordering: the item ids in the learner's order.
"""

import logging
import random
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from courses.blocks import QuestionTypesBlock

logger = logging.getLogger(__name__)

TRUE_FALSE = "true_false"
BANK_QUESTION = "bank_question"
RANDOM_FROM_POOL = "random_from_pool"
MAX_TEXT_ANSWER = 500

QUESTION_BLOCKS = QuestionTypesBlock()


class QuizSubmissionError(Exception):
    """A quiz post that cannot be graded; nothing was changed. The message is for the learner;
    `errors` maps question keys to a short message shown next to that question."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.errors = errors or {}


class AnswerError(Exception):
    """One question's part of the form is invalid (the message names no question)."""


@dataclass(frozen=True)
class Question:
    """One question as an attempt shows it: its key in the attempt, block type and value."""

    key: str
    block_type: str
    value: Any  # the block's StructValue
    bank_id: int | None = None

    @property
    def id(self) -> str:
        return self.key

    @property
    def kind(self) -> "QuestionType":
        return TYPES[self.block_type]


def _values(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def _one(data, name: str) -> str:
    """The field's single value ("" when absent); two values for one field are a forged form."""
    values = _values(data, name)
    if len(values) > 1:
        raise _invalid()
    return str(values[0]).strip() if values else ""


def _pick(data, name: str, *, strict: bool) -> str:
    """The field's single value; a second value is a forged form when `strict`, else ignored
    (for showing a rejected form again)."""
    if strict:
        return _one(data, name)
    values = _values(data, name)
    return str(values[0]).strip() if values else ""


def _invalid() -> AnswerError:
    return AnswerError(gettext("Nieprawidłowa odpowiedź w formularzu."))


class QuestionType:
    """How one kind of question is shown, answered and graded."""

    widget = ""  # templates/courses/includes/quiz_<widget>.html and quiz_review_<widget>.html
    always_shuffled = False  # shown shuffled even when the quiz keeps answers in authored order

    def option_ids(self, value) -> list[str]:
        """The ids the attempt shows in an order of its own (stored as the item's "a")."""
        return []

    def shuffle(self, value, ids: list[str], rng) -> None:
        rng.shuffle(ids)

    def field_names(self, key: str, shown: list[str], value) -> list[str]:
        return [f"q-{key}"]

    def parse(self, key: str, shown: list[str], value, data):
        """The learner's answer from the form, None when unanswered; AnswerError when forged."""
        raise NotImplementedError

    def draft(self, key: str, shown: list[str], value, data):
        """Whatever valid part of a rejected form to show again, so that nothing is lost."""
        try:
            return self.parse(key, shown, value, data)
        except AnswerError:
            return None

    def is_correct(self, value, chosen) -> bool:
        raise NotImplementedError

    def summary(self, value, chosen) -> str:
        """The learner's answer in words (Polish), for statistics and exports."""
        raise NotImplementedError

    def display(self, key: str, shown: list[str], value, chosen, *, reveal: bool) -> dict:
        """What the templates need, besides the common keys (see `show`)."""
        raise NotImplementedError


class ChoiceType(QuestionType):
    """Single and multiple choice: answers are list items with `text`, `correct`, `feedback`."""

    widget = "choice"

    def __init__(self, *, multiple: bool):
        self.multiple = multiple

    def answers(self, value) -> dict[str, Any]:
        return {item.id: item.value for item in value["answers"].bound_blocks}

    def option_ids(self, value) -> list[str]:
        return list(self.answers(value))

    def texts(self, value) -> dict[str, str]:
        return {answer_id: answer["text"] for answer_id, answer in self.answers(value).items()}

    def correct_ids(self, value) -> set[str]:
        return {answer_id for answer_id, a in self.answers(value).items() if a["correct"]}

    def feedback(self, value) -> dict[str, str]:
        return {i: a.get("feedback") or "" for i, a in self.answers(value).items()}

    def parse(self, key, shown, value, data):
        values = [str(v) for v in _values(data, f"q-{key}")]
        if not values:
            return None
        if len(set(values)) != len(values) or any(v not in shown for v in values):
            raise _invalid()
        if not self.multiple and len(values) > 1:
            raise AnswerError(gettext("W tym pytaniu można wybrać tylko jedną odpowiedź."))
        return values

    def draft(self, key, shown, value, data):
        return [v for v in _values(data, f"q-{key}") if v in shown]

    def is_correct(self, value, chosen) -> bool:
        """All the correct answers chosen and nothing else."""
        return set(chosen or []) == self.correct_ids(value)

    def summary(self, value, chosen) -> str:
        texts = self.texts(value)
        return "; ".join(texts[i] for i in chosen or [] if i in texts)

    def display(self, key, shown, value, chosen, *, reveal):
        texts, correct = self.texts(value), self.correct_ids(value)
        feedback = self.feedback(value)
        chosen = chosen or []
        answers = []
        for answer_id in shown:
            if answer_id not in texts:
                continue
            answer = {"id": answer_id, "text": texts[answer_id], "chosen": answer_id in chosen}
            if reveal:
                answer["correct"] = answer_id in correct
                answer["feedback"] = feedback.get(answer_id, "") if answer["chosen"] else ""
            answers.append(answer)
        return {"multiple": self.multiple, "answers": answers}


class TrueFalseType(ChoiceType):
    """A statement: answers "true" and "false", `correct` says which is right."""

    def __init__(self):
        super().__init__(multiple=False)

    def option_ids(self, value) -> list[str]:
        return ["true", "false"]

    def shuffle(self, value, ids, rng) -> None:
        """Always "Prawda" then "Fałsz"."""

    def texts(self, value) -> dict[str, str]:
        return {"true": gettext("Prawda"), "false": gettext("Fałsz")}

    def correct_ids(self, value) -> set[str]:
        return {"true" if value["correct"] else "false"}

    def feedback(self, value) -> dict[str, str]:
        return {}


POLISH_TO_ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def normalise_text(text: str, *, case_sensitive: bool, ignore_diacritics: bool) -> str:
    """Whitespace collapsed, case folded unless `case_sensitive`, and Polish letters folded to
    ASCII when `ignore_diacritics` (ł has no decomposition, so a table rather than NFKD)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not case_sensitive:
        text = text.casefold()
    if ignore_diacritics:
        text = text.translate(POLISH_TO_ASCII)
    return text


class ShortAnswerType(QuestionType):
    """A typed word or phrase, compared with every accepted spelling."""

    widget = "short_answer"

    def parse(self, key, shown, value, data):
        text = _one(data, f"q-{key}")
        if len(text) > MAX_TEXT_ANSWER:
            raise AnswerError(
                gettext("Odpowiedź jest za długa (najwyżej %(count)d znaków).")
                % {"count": MAX_TEXT_ANSWER}
            )
        return " ".join(text.split()) or None

    def draft(self, key, shown, value, data):
        values = _values(data, f"q-{key}")
        return str(values[0])[:MAX_TEXT_ANSWER] if values else ""

    def accepted(self, value) -> list[str]:
        return [text for text in value["accepted"] if text.strip()]

    def is_correct(self, value, chosen) -> bool:
        if not chosen:
            return False
        options = {
            "case_sensitive": bool(value.get("case_sensitive")),
            "ignore_diacritics": bool(value.get("ignore_diacritics")),
        }
        answer = normalise_text(chosen, **options)
        return any(answer == normalise_text(text, **options) for text in self.accepted(value))

    def summary(self, value, chosen) -> str:
        return chosen or ""

    def display(self, key, shown, value, chosen, *, reveal):
        shown_value = {"answer": chosen or "", "maxlength": MAX_TEXT_ANSWER}
        if reveal:
            shown_value["accepted"] = self.accepted(value)
        return shown_value


class MatchingType(QuestionType):
    """Each element (in authored order) gets a <select> of the matches (shuffled). The options'
    values are positions in the shuffled list, so the page never pairs an element with its match
    by id; two pairs with the same match text count as one option."""

    widget = "matching"
    always_shuffled = True

    def pairs(self, value) -> dict[str, Any]:
        return {item.id: item.value for item in value["pairs"].bound_blocks}

    def option_ids(self, value) -> list[str]:
        return list(self.pairs(value))

    def field_names(self, key, shown, value) -> list[str]:
        return [f"q-{key}-{pair_id}" for pair_id in self.pairs(value)]

    def options(self, value, shown) -> list[tuple[str, str, str]]:
        """(form value, pair id, match text) in shown order, one per distinct match text."""
        pairs, seen, options = self.pairs(value), set(), []
        for position, pair_id in enumerate(shown, start=1):
            if pair_id in pairs and pairs[pair_id]["match"] not in seen:
                seen.add(pairs[pair_id]["match"])
                options.append((str(position), pair_id, pairs[pair_id]["match"]))
        return options

    def _read(self, key, shown, value, data, *, strict: bool) -> dict[str, str]:
        by_position = {position: pair_id for position, pair_id, _text in self.options(value, shown)}
        chosen = {}
        for pair_id in self.pairs(value):
            picked = _pick(data, f"q-{key}-{pair_id}", strict=strict)
            if not picked:
                continue
            if picked not in by_position:
                if strict:
                    raise _invalid()
                continue
            chosen[pair_id] = by_position[picked]
        return chosen

    def parse(self, key, shown, value, data):
        chosen = self._read(key, shown, value, data, strict=True)
        if len(chosen) < len(self.pairs(value)):
            return None  # an element left without a match: unanswered
        return chosen

    def draft(self, key, shown, value, data):
        return self._read(key, shown, value, data, strict=False)

    def is_correct(self, value, chosen) -> bool:
        pairs = self.pairs(value)
        chosen = chosen or {}
        return all(
            chosen.get(pair_id) in pairs and pairs[chosen[pair_id]]["match"] == pair["match"]
            for pair_id, pair in pairs.items()
        )

    def summary(self, value, chosen) -> str:
        pairs, chosen = self.pairs(value), chosen or {}
        return "; ".join(
            f"{pair['prompt']} → {pairs[chosen[pair_id]]['match']}"
            for pair_id, pair in pairs.items()
            if chosen.get(pair_id) in pairs
        )

    def display(self, key, shown, value, chosen, *, reveal):
        pairs, chosen = self.pairs(value), chosen or {}
        options = self.options(value, shown)
        position_of_text = {text: position for position, _pair_id, text in options}
        prompts = []
        for pair_id, pair in pairs.items():
            picked = pairs.get(chosen.get(pair_id))
            prompt = {
                "field": f"q-{key}-{pair_id}",
                "text": pair["prompt"],
                "selected": position_of_text.get(picked["match"], "") if picked else "",
            }
            if reveal:
                prompt["chosen_text"] = picked["match"] if picked else ""
                prompt["correct_text"] = pair["match"]
                prompt["ok"] = bool(picked) and picked["match"] == pair["match"]
            prompts.append(prompt)
        return {
            "prompts": prompts,
            "options": [{"value": position, "text": text} for position, _id, text in options],
        }


class OrderingType(QuestionType):
    """Items shown shuffled, each with a position <select> (1..n): no drag and drop needed."""

    widget = "ordering"
    always_shuffled = True

    def items(self, value) -> dict[str, str]:
        return {item.id: item.value for item in value["items"].bound_blocks}

    def option_ids(self, value) -> list[str]:
        return list(self.items(value))

    def shuffle(self, value, ids, rng) -> None:
        """Shuffled, and never shown already in the right order when another order exists."""
        items = self.items(value)
        right = [items[i] for i in ids]
        if len(set(right)) < 2:
            return
        for _attempt in range(20):
            rng.shuffle(ids)
            if [items[i] for i in ids] != right:
                return

    def field_names(self, key, shown, value) -> list[str]:
        return [f"q-{key}-{item_id}" for item_id in shown]

    def _positions(self, key, shown, data, *, strict: bool) -> dict[str, int]:
        positions = {}
        for item_id in shown:
            raw = _pick(data, f"q-{key}-{item_id}", strict=strict)
            if not raw:
                continue
            if not raw.isdigit() or not 1 <= int(raw) <= len(shown):
                if strict:
                    raise _invalid()
                continue
            positions[item_id] = int(raw)
        return positions

    def parse(self, key, shown, value, data):
        positions = self._positions(key, shown, data, strict=True)
        if len(positions) < len(shown):
            return None
        if len(set(positions.values())) != len(positions):
            raise AnswerError(
                gettext("Każdy element musi mieć inną pozycję – popraw kolejność w tym pytaniu.")
            )
        return sorted(positions, key=positions.get)

    def draft(self, key, shown, value, data):
        return self._positions(key, shown, data, strict=False)

    def is_correct(self, value, chosen) -> bool:
        items = self.items(value)
        chosen = chosen or []
        if sorted(chosen) != sorted(items):
            return False
        return [items[i] for i in chosen] == list(items.values())

    def summary(self, value, chosen) -> str:
        items = self.items(value)
        return "; ".join(
            f"{n}. {items[i]}" for n, i in enumerate([i for i in chosen or [] if i in items], 1)
        )

    def display(self, key, shown, value, chosen, *, reveal):
        items = self.items(value)
        if isinstance(chosen, dict):  # a draft: {item id: position}
            positions = chosen
        else:
            positions = {item_id: n for n, item_id in enumerate(chosen or [], start=1)}
        shown_value = {
            "items": [
                {
                    "field": f"q-{key}-{item_id}",
                    "text": items[item_id],
                    "position": positions.get(item_id, ""),
                }
                for item_id in shown
                if item_id in items
            ],
            "positions": list(range(1, len(shown) + 1)),
        }
        if reveal:
            right = list(items.values())
            learner = [items[i] for i in chosen or [] if i in items]
            shown_value["learner_order"] = [
                {"text": text, "ok": n < len(right) and right[n] == text}
                for n, text in enumerate(learner)
            ]
            shown_value["correct_order"] = right
        return shown_value


TYPES: dict[str, QuestionType] = {
    "single_choice": ChoiceType(multiple=False),
    "multiple_choice": ChoiceType(multiple=True),
    TRUE_FALSE: TrueFalseType(),
    "short_answer": ShortAnswerType(),
    "matching": MatchingType(),
    "ordering": OrderingType(),
}
assert set(TYPES) == set(QUESTION_BLOCKS.child_blocks), "every question type needs its entry"


# --- Compatibility helpers for choice questions (a StreamChild or a `Question`) -----------------


def answer_ids(question) -> list[str]:
    """The question's answer (option) ids in authored order."""
    return TYPES[question.block_type].option_ids(question.value)


def answer_texts(question) -> dict[str, str]:
    return TYPES[question.block_type].texts(question.value)


def correct_ids(question) -> set[str]:
    return TYPES[question.block_type].correct_ids(question.value)


def is_correct(question, chosen) -> bool:
    return TYPES[question.block_type].is_correct(question.value, chosen)


# --- Snapshots --------------------------------------------------------------------------------


def snapshot(
    *, key: str, block_type: str, raw_value, bank_id=None, shuffle: bool, rng
) -> dict | None:
    """One layout item for a question: its value frozen as raw JSON (list items keep their ids)
    and its options in the order this attempt shows them (shuffled when `shuffle`)."""
    block = QUESTION_BLOCKS.child_blocks.get(block_type)
    if block is None:
        return None
    prepared = block.get_prep_value(block.to_python(raw_value))  # gives old-style items ids
    value = block.to_python(prepared)
    kind = TYPES[block_type]
    ids = kind.option_ids(value)
    if shuffle:
        kind.shuffle(value, ids, rng)
    return {"q": key, "type": block_type, "value": prepared, "a": ids, "bank": bank_id}


def bank_key(question_pk) -> str:
    return f"bank-{question_pk}"


@dataclass
class BankSources:
    """The bank questions a quiz can show: fixed ones by pk, and every question of the pools its
    random blocks draw from (each with `tag_names`, case-folded). See `selectors.quiz_bank`."""

    questions: dict  # pk -> questionbank.Question
    pools: dict  # pool pk -> [questionbank.Question], in a stable order

    def candidates(self, *, pool_id, difficulty: str = "", tag: str = "") -> list:
        tag = (tag or "").strip().casefold()
        return [
            question
            for question in self.pools.get(pool_id, [])
            if (not difficulty or question.difficulty == difficulty)
            and (not tag or tag in question.tag_names)
        ]


class _Layout:
    """Builds one attempt's layout (see `layout`)."""

    def __init__(self, quiz, *, bank: BankSources, shuffle: bool, rng):
        self.quiz, self.bank, self.shuffle, self.rng = quiz, bank, shuffle, rng
        self.items: list[dict] = []
        self.keys: set[str] = set()

    def add(self, *, key, block_type, raw_value, bank_id=None, draw=None) -> None:
        if key in self.keys or block_type not in TYPES:
            return  # never a question twice in one attempt
        shuffle = self.shuffle and (self.quiz.shuffle_answers or TYPES[block_type].always_shuffled)
        item = snapshot(
            key=key,
            block_type=block_type,
            raw_value=raw_value,
            bank_id=bank_id,
            shuffle=shuffle,
            rng=self.rng,
        )
        if draw:
            item["draw"] = draw
        self.keys.add(key)
        self.items.append(item)

    def add_bank(self, question, *, draw=None) -> None:
        if not len(question.content):
            return
        child = question.content.raw_data[0]
        self.add(
            key=bank_key(question.pk),
            block_type=child["type"],
            raw_value=child["value"],
            bank_id=question.pk,
            draw=draw,
        )

    def draw(self, child: dict, *, used: set) -> None:
        value = child["value"]
        pool_id, count = value.get("pool"), int(value.get("count") or 0)
        candidates = [
            question
            for question in self.bank.candidates(
                pool_id=pool_id,
                difficulty=value.get("difficulty") or "",
                tag=value.get("tag") or "",
            )
            if question.pk not in used
        ]
        if len(candidates) < count:
            logger.warning(
                "Quiz %s: pool %s has %d matching questions left, %d asked for; showing them all",
                self.quiz.pk,
                pool_id,
                len(candidates),
                count,
            )
        for question in self.rng.sample(candidates, min(count, len(candidates))):
            used.add(question.pk)
            self.add_bank(question, draw=child["id"])


def layout(quiz, *, bank: BankSources | None = None, shuffle: bool = True, rng=None) -> list[dict]:
    """The questions one attempt shows, as snapshots, in the order it shows them: inline questions,
    fixed bank questions, and for each random block `count` questions drawn from its pool (never a
    question twice; fewer, with a warning in the log, when the pool has fewer). When `shuffle`,
    questions and answers are shuffled as the quiz says (matches and items to order always are);
    draws are random either way, so an editor's preview shows a sample."""
    builder = _Layout(
        quiz,
        bank=bank or BankSources(questions={}, pools={}),
        shuffle=shuffle,
        rng=rng or random.SystemRandom(),
    )
    raw = list(quiz.questions.raw_data)
    used = {
        child["value"].get("question") for child in raw if child["type"] == BANK_QUESTION
    }  # fixed bank questions are never drawn as well
    for child in raw:
        if child["type"] in TYPES:
            builder.add(key=child["id"], block_type=child["type"], raw_value=child["value"])
        elif child["type"] == BANK_QUESTION:
            question = builder.bank.questions.get(child["value"].get("question"))
            if question is None:
                logger.warning("Quiz %s: bank question %s is gone", quiz.pk, child["value"])
                continue
            builder.add_bank(question)
        elif child["type"] == RANDOM_FROM_POOL:
            builder.draw(child, used=used)
    if shuffle and quiz.shuffle_questions:
        builder.rng.shuffle(builder.items)
    return builder.items


def question_of(item: dict, quiz) -> Question | None:
    """The question a layout item shows: from its snapshot, or (for an attempt started before
    snapshots) the quiz's current block of that id; None when it no longer exists."""
    if "type" in item and "value" in item:
        block = QUESTION_BLOCKS.child_blocks.get(item["type"])
        if block is None:
            return None
        return Question(
            key=item["q"],
            block_type=item["type"],
            value=block.to_python(item["value"]),
            bank_id=item.get("bank"),
        )
    child = quiz.question_map.get(item["q"])
    if child is None or child.block_type not in TYPES:
        return None
    return Question(key=child.id, block_type=child.block_type, value=child.value)


def attempt_questions(attempt) -> list[tuple[dict, Question | None]]:
    """Each layout item of the attempt with its question (None when it cannot be shown)."""
    return [(item, question_of(item, attempt.quiz)) for item in attempt.layout]


# --- Forms, grading, display --------------------------------------------------------------------


def _field_names(questions) -> set[str]:
    names = set()
    for item, question in questions:
        if question is None:
            names.add(f"q-{item['q']}")
        else:
            names.update(question.kind.field_names(question.key, item["a"], question.value))
    return names


def parse(attempt, data) -> dict:
    """The learner's answers by question key; QuizSubmissionError when anything is missing, forged
    or ambiguous (each question's problem in `errors`)."""
    questions = attempt_questions(attempt)
    allowed = _field_names(questions) | {"csrfmiddlewaretoken", "attempt"}
    if any(key not in allowed for key in data):
        raise QuizSubmissionError(
            gettext(
                "Formularz zawiera pola, które nie należą do tego testu. Odśwież stronę i spróbuj ponownie."
            )
        )
    answers, errors, missing, first_error = {}, {}, 0, None
    for number, (item, question) in enumerate(questions, start=1):
        if question is None:
            raise QuizSubmissionError(
                gettext("Test został zmieniony. Odśwież stronę i rozwiąż go ponownie.")
            )
        try:
            chosen = question.kind.parse(question.key, item["a"], question.value, data)
        except AnswerError as error:
            errors[question.key] = str(error)
            first_error = first_error or gettext("Pytanie %(number)d: %(message)s") % {
                "number": number,
                "message": error,
            }
            continue
        if chosen is None:
            missing += 1
            errors[question.key] = gettext("Brak odpowiedzi na to pytanie.")
            continue
        answers[question.key] = chosen
    if first_error:
        raise QuizSubmissionError(first_error, errors)
    if missing:
        raise QuizSubmissionError(
            gettext("Odpowiedz na wszystkie pytania (bez odpowiedzi: %(count)d).")
            % {"count": missing},
            errors,
        )
    return answers


@dataclass
class Graded:
    question: Question
    chosen: Any
    correct: bool

    @property
    def response(self) -> dict:
        """What `QuestionResponse.response` holds: the raw answer and its Polish summary."""
        return {
            "chosen": self.chosen,
            "text": self.question.kind.summary(self.question.value, self.chosen),
        }


def grade(attempt, answers: dict) -> list[Graded]:
    """Each question the attempt showed (and can still read) with the learner's answer."""
    graded = []
    for _item, question in attempt_questions(attempt):
        if question is None:
            continue
        chosen = answers.get(question.key)
        correct = chosen is not None and question.kind.is_correct(question.value, chosen)
        graded.append(Graded(question=question, chosen=chosen, correct=correct))
    return graded


def show(attempt, *, reveal: bool = False, draft=None, errors: dict | None = None) -> list[dict]:
    """Questions in the attempt's order for the templates; correct answers only when `reveal`
    (after submitting); a rejected form's answers (`draft`) shown again."""
    errors = errors or {}
    shown = []
    for item, question in attempt_questions(attempt):
        if question is None:  # removed from the quiz after this attempt started (old attempts)
            continue
        kind = question.kind
        if reveal:
            chosen = attempt.answers.get(question.key)
        elif draft is not None:
            chosen = kind.draft(question.key, item["a"], question.value, draft)
        else:
            chosen = None
        entry = {
            "id": question.key,
            "number": len(shown) + 1,
            "type": question.block_type,
            "widget": kind.widget,
            "template": f"courses/includes/quiz_{kind.widget}.html",
            "text": question.value["question"],
            "error": errors.get(question.key, ""),
            "draw": item.get("draw"),
            "bank": item.get("bank"),
            **kind.display(question.key, item["a"], question.value, chosen, reveal=reveal),
        }
        if reveal:
            entry["review_template"] = f"courses/includes/quiz_review_{kind.widget}.html"
            entry["is_correct"] = chosen is not None and kind.is_correct(question.value, chosen)
            entry["explanation"] = question.value.get("explanation")
            entry["summary"] = kind.summary(question.value, chosen) if chosen is not None else ""
        shown.append(entry)
    return shown
