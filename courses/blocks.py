"""StreamField blocks for lessons and quizzes.

Lesson blocks are what a trainer needs to write a lesson; quiz blocks hold questions whose correct
answers stay on the server (templates never render them before the learner submits).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a lesson (h2 or h3, so the outline stays correct)."""

    text = blocks.CharBlock(label=_("Tekst nagłówka"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Poziom"),
        choices=[("h2", _("Nagłówek sekcji")), ("h3", _("Podsekcja"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Nagłówek")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text a screen-reader user hears (required)."""

    image = ImageChooserBlock(label=_("Obraz"))
    alt_text = blocks.CharBlock(
        label=_("Tekst alternatywny"),
        max_length=250,
        help_text=_("Opisz, co widać na obrazie i dlaczego jest ważne (wymagane, WCAG 1.1.1)."),
    )
    caption = blocks.CharBlock(label=_("Podpis"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Obraz")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video with a transcript or captions link (required for deaf learners)."""

    video = EmbedBlock(label=_("Adres filmu (YouTube, Vimeo)"))
    title = blocks.CharBlock(label=_("Tytuł filmu"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transkrypcja"), required=False, features=["bold", "italic", "link", "ul"]
    )
    captions_url = blocks.URLBlock(label=_("Link do napisów lub transkrypcji"), required=False)

    class Meta:
        icon = "media"
        label = _("Film")
        template = "blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("transcript") and not value.get("captions_url"):
            raise StructBlockValidationError(
                block_errors={
                    "transcript": ValidationError(
                        _("Dodaj transkrypcję albo link do napisów: film musi być dostępny.")
                    )
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (a form, a leaflet, a legal act)."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Nazwa do wyświetlenia"), required=False, max_length=200)
    description = blocks.CharBlock(label=_("Opis"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Dokument do pobrania")
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a practical tip, a warning or the legal basis of a procedure."""

    kind = blocks.ChoiceBlock(
        label=_("Rodzaj"),
        choices=[("tip", _("Wskazówka")), ("warning", _("Uwaga")), ("legal", _("Podstawa prawna"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Tytuł"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Treść"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Ramka")
        template = "blocks/callout_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Pytanie / tytuł"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Odpowiedź / treść"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that expand on demand (native <details>, keyboard friendly)."""

    title = blocks.CharBlock(label=_("Tytuł"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Elementy"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Akordeon / FAQ")
        template = "blocks/accordion_block.html"


class CaseStudyBlock(blocks.StructBlock):
    """A situation from a municipal office, with questions to think about and a commentary."""

    title = blocks.CharBlock(label=_("Tytuł"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Opis sytuacji"), features=RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Pytania do refleksji"), required=False
    )
    commentary = blocks.RichTextBlock(
        label=_("Komentarz eksperta"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "group"
        label = _("Studium przypadku")
        template = "blocks/case_study_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    quote = blocks.TextBlock(label=_("Cytat"))
    source = blocks.CharBlock(label=_("Źródło"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Cytat")
        template = "blocks/quote_block.html"


class SelfCheckBlock(blocks.StructBlock):
    """An ungraded question the learner answers for themselves, then reveals the answer."""

    question = blocks.CharBlock(label=_("Pytanie"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Odpowiedź"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Pytanie sprawdzające (bez oceny)")
        template = "blocks/self_check_block.html"


class StandardLinkBlock(blocks.StructBlock):
    """A standard from the knowledge base, shown as a card (title, version, date of the last
    review) linking to it. The page type is named by string: `courses` never imports the
    knowledge base, and the template reads only the chosen page's fields."""

    page = blocks.PageChooserBlock(
        page_type="knowledge.StandardPage", label=_("Standard z bazy wiedzy")
    )
    note = blocks.CharBlock(
        label=_("Dlaczego warto zajrzeć"),
        required=False,
        max_length=300,
        help_text=_("Np. „Procedura, którą stosujesz po tej lekcji w OPS”."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Standard z bazy wiedzy")
        template = "blocks/standard_link_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Tekst"), features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html"
    )
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
    case_study = CaseStudyBlock()
    quote = QuoteBlock()
    self_check = SelfCheckBlock()
    standard = StandardLinkBlock()


# --- Quiz ---------------------------------------------------------------------------------------


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Odpowiedź"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Poprawna"), required=False)
    feedback = blocks.CharBlock(
        label=_("Informacja zwrotna po wybraniu tej odpowiedzi"), required=False, max_length=500
    )


class ChoiceQuestionBlock(blocks.StructBlock):
    """A question with several answers; graded on the server only."""

    question = blocks.TextBlock(label=_("Pytanie"))
    answers = blocks.ListBlock(AnswerBlock(), label=_("Odpowiedzi"), min_num=2, max_num=10)
    explanation = blocks.RichTextBlock(
        label=_("Wyjaśnienie (po wysłaniu)"), required=False, features=RICH_TEXT_FEATURES
    )
    multiple = False

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for answer in value["answers"] if answer["correct"])
        if self.multiple and correct < 1:
            message = _("Zaznacz co najmniej jedną poprawną odpowiedź.")
        elif not self.multiple and correct != 1:
            message = _(
                "Pytanie jednokrotnego wyboru musi mieć dokładnie jedną poprawną odpowiedź."
            )
        else:
            return value
        raise StructBlockValidationError(block_errors={"answers": ValidationError(message)})


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Jednokrotny wybór")


class MultipleChoiceBlock(ChoiceQuestionBlock):
    multiple = True

    class Meta:
        icon = "tasks"
        label = _("Wielokrotny wybór")


class TrueFalseBlock(blocks.StructBlock):
    """A statement the learner marks as true or false."""

    question = blocks.TextBlock(label=_("Stwierdzenie"))
    correct = blocks.BooleanBlock(label=_("Stwierdzenie jest prawdziwe"), required=False)
    explanation = blocks.RichTextBlock(
        label=_("Wyjaśnienie (po wysłaniu)"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Prawda / fałsz")


class ShortAnswerBlock(blocks.StructBlock):
    """A question answered by typing a word or phrase, compared with the accepted spellings."""

    question = blocks.TextBlock(label=_("Pytanie"))
    accepted = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("Akceptowane odpowiedzi"),
        min_num=1,
        max_num=20,
        help_text=_("Każda pisownia, którą uznajemy za poprawną."),
    )
    case_sensitive = blocks.BooleanBlock(label=_("Rozróżniaj wielkość liter"), required=False)
    ignore_diacritics = blocks.BooleanBlock(
        label=_("Uznawaj odpowiedź bez polskich znaków (np. „urzad” zamiast „urząd”)"),
        required=False,
        default=True,
    )
    explanation = blocks.RichTextBlock(
        label=_("Wyjaśnienie (po wysłaniu)"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "edit"
        label = _("Krótka odpowiedź")


class MatchingPairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Element"), max_length=300)
    match = blocks.CharBlock(label=_("Pasująca odpowiedź"), max_length=300)


class MatchingBlock(blocks.StructBlock):
    """Pairs the learner matches: each element with one answer from a shuffled list."""

    question = blocks.TextBlock(label=_("Polecenie"))
    pairs = blocks.ListBlock(MatchingPairBlock(), label=_("Pary"), min_num=2, max_num=12)
    explanation = blocks.RichTextBlock(
        label=_("Wyjaśnienie (po wysłaniu)"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "link"
        label = _("Dopasowanie")


class OrderingBlock(blocks.StructBlock):
    """Items the learner puts in the right order (steps of a procedure, dates)."""

    question = blocks.TextBlock(label=_("Polecenie"))
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        label=_("Elementy w poprawnej kolejności"),
        min_num=2,
        max_num=12,
    )
    explanation = blocks.RichTextBlock(
        label=_("Wyjaśnienie (po wysłaniu)"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "order"
        label = _("Kolejność")


class QuestionTypesBlock(blocks.StreamBlock):
    """The question types, shared by quizzes (inline questions) and the question bank."""

    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_answer = ShortAnswerBlock()
    matching = MatchingBlock()
    ordering = OrderingBlock()


class BankQuestionBlock(blocks.StructBlock):
    """One fixed question from the question bank."""

    question = SnippetChooserBlock("questionbank.Question", label=_("Pytanie z banku"))

    class Meta:
        icon = "snippet"
        label = _("Pytanie z banku")


class RandomFromPoolBlock(blocks.StructBlock):
    """N questions drawn from a pool for each attempt (stored with the attempt)."""

    pool = SnippetChooserBlock("questionbank.QuestionPool", label=_("Pula pytań"))
    count = blocks.IntegerBlock(label=_("Liczba losowanych pytań"), min_value=1, max_value=100)
    difficulty = blocks.ChoiceBlock(
        label=_("Tylko o trudności"),
        required=False,
        choices=[("easy", _("łatwe")), ("medium", _("średnie")), ("hard", _("trudne"))],
    )
    tag = blocks.CharBlock(label=_("Tylko z tagiem"), required=False, max_length=100)

    class Meta:
        icon = "rotate"
        label = _("Losowe pytania z puli")

    def clean(self, value):
        """Never more questions asked for than the pool has (with the block's filters)."""
        from courses.selectors import pool_question_count

        value = super().clean(value)
        pool = value["pool"]
        if pool is None:
            return value
        available = pool_question_count(
            pool_id=pool.pk, difficulty=value["difficulty"] or "", tag=value["tag"] or ""
        )
        if value["count"] > available:
            message = _(
                "Pasujących pytań w puli „%(pool)s”: %(available)d. Nie można losować "
                "%(count)d – zmniejsz liczbę albo dodaj pytania do puli."
            ) % {"pool": pool, "available": available, "count": value["count"]}
            raise StructBlockValidationError(block_errors={"count": ValidationError(message)})
        return value


class QuizStreamBlock(QuestionTypesBlock):
    """A quiz's questions: inline ones, fixed ones from the bank, and random draws from pools."""

    bank_question = BankQuestionBlock()
    random_from_pool = RandomFromPoolBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        """A bank question at most once, and no pool asked for more questions (drawn or fixed)
        than it has, since an attempt never shows a question twice."""
        from courses.selectors import pool_question_count

        value = super().clean(value)
        errors, fixed, asked = {}, set(), {}
        for index, child in enumerate(value):
            if child.block_type == "bank_question" and child.value["question"] is not None:
                question = child.value["question"]
                if question.pk in fixed:
                    message = _("To pytanie z banku jest już w tym teście.")
                    errors[index] = StructBlockValidationError(
                        block_errors={"question": ValidationError(message)}
                    )
                fixed.add(question.pk)
                asked.setdefault(question.pool_id, []).append((index, 1, None))
            elif child.block_type == "random_from_pool" and child.value["pool"] is not None:
                pool = child.value["pool"]
                asked.setdefault(pool.pk, []).append((index, child.value["count"], pool))
        for pool_id, uses in asked.items():
            if len(uses) < 2 or not any(pool for _index, _count, pool in uses):
                continue
            available = pool_question_count(pool_id=pool_id)
            total = sum(count for _index, count, _pool in uses)
            if total > available:
                index, _count, pool = next(use for use in reversed(uses) if use[2] is not None)
                message = _(
                    "Łączna liczba pytań branych w tym teście z puli „%(pool)s” (%(total)d) "
                    "przekracza liczbę pytań w puli (%(available)d). Zmniejsz liczbę losowanych "
                    "pytań."
                ) % {"pool": pool, "total": total, "available": available}
                errors[index] = StructBlockValidationError(
                    block_errors={"count": ValidationError(message)}
                )
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value
