"""Question export: a pool, or all pools of a course, as a Moodle XML or GIFT file that Moodle
imports back (each pool a category `$course$/top/<pool>`). Reads only; the scope functions say
which pools a person may take out of the bank.

What a file cannot hold is left out: GIFT has no case sensitivity for short answers and
Moodle's ordering plugin reads no general feedback from GIFT; neither format knows "ignore
diacritics" or difficulty. Internal links in explanations become ordinary links.
"""

from collections import defaultdict

from django.db import models
from django.utils.text import slugify
from wagtail.rich_text import expand_db_html

from courses.questionbank import formats
from courses.questionbank.formats.model import QuestionData, Section
from courses.questionbank.importing import managed_courses
from courses.questionbank.models import Question, QuestionPool, QuestionTag
from lms.users.roles import is_administrator


def exportable_pools(*, user) -> models.QuerySet:
    """Pools `user` may export: all for administrators, those of the courses a trainer trains."""
    pools = QuestionPool.objects.select_related("course", "thematic_area")
    if is_administrator(user):
        return pools
    return pools.filter(course__in=managed_courses(user=user))


def export_file(*, pools: list[QuestionPool], fmt: str, name: str) -> tuple[str, str, bytes]:
    """(file name, content type, content) of `pools` in `fmt` ("xml" or "gift")."""
    extension, content_type, _label = formats.FORMATS[fmt]
    content = formats.write(sections=sections(pools=pools), fmt=fmt)
    suffix = "moodle" if fmt == formats.XML else "gift"
    file_name = f"{slugify(name, allow_unicode=False) or 'pytania'}-{suffix}{extension}"
    return file_name, content_type, content.encode("utf-8")


def sections(*, pools: list[QuestionPool]) -> list[Section]:
    """The pools (by name) with their questions (in the order they were added, as Moodle
    exports them) as the writers take them: two queries."""
    questions = list(
        Question.objects.filter(pool__in=pools)
        .order_by("pool_id", "pk")
        .only("pk", "pool_id", "name", "content")
    )
    tags = defaultdict(list)
    for question_id, tag in QuestionTag.objects.filter(
        content_object__in=[question.pk for question in questions]
    ).values_list("content_object_id", "tag__name"):
        tags[question_id].append(tag)
    by_pool = defaultdict(list)
    for question in questions:
        block = question.block
        if block is None:
            continue
        row = QuestionData.from_block(
            name=question.name,
            block_type=block.block_type,
            value=block.value,
            tags=tags[question.pk],
        )
        row.explanation = expand_db_html(row.explanation) if row.explanation else ""
        by_pool[question.pool_id].append(row)
    return [
        Section(name=pool.name, description=pool.description, questions=by_pool[pool.pk])
        for pool in sorted(pools, key=lambda pool: pool.name.lower())
    ]
