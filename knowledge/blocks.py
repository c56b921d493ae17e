"""StreamField blocks of a standard's body: headings, text, checklists, templates to download and
the legal basis with its dates of validity.

Headings, highlighted boxes and downloadable documents are the lessons' own blocks (`courses.blocks`), so a trainer
meets the same editor in both places.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import RICH_TEXT_FEATURES, CalloutBlock, DocumentBlock, HeadingBlock


class ChecklistBlock(blocks.StructBlock):
    """Steps an employee ticks off while serving a person (printed or followed on screen)."""

    title = blocks.CharBlock(label=_("Tytuł listy"), max_length=200)
    intro = blocks.TextBlock(label=_("Wprowadzenie"), required=False)
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=400), label=_("Punkty do sprawdzenia"), min_num=1
    )

    class Meta:
        icon = "tasks"
        label = _("Lista kontrolna")
        template = "blocks/checklist_block.html"


class LegalBasisValue(blocks.StructValue):
    """A legal act with its period of validity, read against today's date when shown."""

    def status(self, today=None) -> str:
        """ "expired" after `valid_until`, "pending" before `valid_from`, else "in_force"."""
        today = today or timezone.localdate()
        if self.get("valid_until") and self["valid_until"] < today:
            return "expired"
        if self.get("valid_from") and self["valid_from"] > today:
            return "pending"
        return "in_force"

    @property
    def is_expired(self) -> bool:
        return self.status() == "expired"

    @property
    def is_pending(self) -> bool:
        return self.status() == "pending"


class LegalBasisBlock(blocks.StructBlock):
    """One legal act the standard rests on: its name, where it was published (Dz.U.), the
    provisions that matter, and from when until when it applies. An act past its "valid until"
    date is shown as no longer in force, not hidden: the reader sees what changed."""

    act = blocks.CharBlock(
        label=_("Nazwa aktu prawnego"),
        max_length=300,
        help_text=_("Np. „Ustawa z dnia 12 grudnia 2013 r. o cudzoziemcach”."),
    )
    reference = blocks.CharBlock(
        label=_("Publikator"), max_length=120, help_text=_("Np. „Dz.U. z 2024 r. poz. 769”.")
    )
    provisions = blocks.CharBlock(
        label=_("Przepisy"), required=False, max_length=300, help_text=_("Np. „art. 5–7”.")
    )
    valid_from = blocks.DateBlock(label=_("Obowiązuje od"), required=False)
    valid_until = blocks.DateBlock(
        label=_("Obowiązuje do"),
        required=False,
        help_text=_(
            "Puste = bez daty końcowej. Po tej dacie akt jest pokazywany jako nieobowiązujący."
        ),
    )
    url = blocks.URLBlock(label=_("Odnośnik do tekstu aktu"), required=False)
    note = blocks.TextBlock(label=_("Uwagi"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Podstawa prawna")
        template = "blocks/legal_basis_block.html"
        value_class = LegalBasisValue

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("valid_from"), value.get("valid_until")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={
                    "valid_until": ValidationError(
                        _("Data „obowiązuje do” nie może być wcześniejsza niż „obowiązuje od”.")
                    )
                }
            )
        return value


class StandardStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Tekst"), features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html"
    )
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    document = DocumentBlock(label=_("Wzór dokumentu do pobrania"))
    legal_basis = LegalBasisBlock()
