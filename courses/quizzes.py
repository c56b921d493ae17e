"""A quiz's questions as the code sees them, in one place: the answer ids of a question, which are
correct, the order an attempt shows them in, and grading. `services` (starting and grading
attempts) and `selectors` (showing an attempt, an editor's preview) both use these.

A question is a StreamField child: "true_false" (answers "true" and "false", `correct` a bool), or
"single_choice"/"multiple_choice" (answers are list items with `text` and `correct`).
"""

import random

from django.utils.translation import gettext

TRUE_FALSE = "true_false"


def answer_ids(question) -> list[str]:
    """The question's answer ids in authored order."""
    if question.block_type == TRUE_FALSE:
        return ["true", "false"]
    return [item.id for item in question.value["answers"].bound_blocks]


def answer_texts(question) -> dict[str, str]:
    if question.block_type == TRUE_FALSE:
        return {"true": gettext("Prawda"), "false": gettext("Fałsz")}
    return {item.id: item.value["text"] for item in question.value["answers"].bound_blocks}


def correct_ids(question) -> set[str]:
    if question.block_type == TRUE_FALSE:
        return {"true" if question.value["correct"] else "false"}
    return {item.id for item in question.value["answers"].bound_blocks if item.value["correct"]}


def is_correct(question, chosen) -> bool:
    """All the correct answers chosen and nothing else."""
    return set(chosen) == correct_ids(question)


def layout(quiz, *, shuffle: bool = True) -> list[dict]:
    """The order in which questions ({"q": id, "a": [answer ids]}) are shown in one attempt:
    shuffled as the quiz says (true/false answers keep their order), or as authored."""
    rng = random.SystemRandom()
    items = []
    for question in quiz.questions:
        ids = answer_ids(question)
        if shuffle and quiz.shuffle_answers and question.block_type != TRUE_FALSE:
            rng.shuffle(ids)
        items.append({"q": question.id, "a": ids})
    if shuffle and quiz.shuffle_questions:
        rng.shuffle(items)
    return items
