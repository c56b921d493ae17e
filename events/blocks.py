"""StreamField blocks of an event page: the agenda and the materials."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks import DocumentBlock

AGENDA_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class AgendaItemBlock(blocks.StructBlock):
    """One point of the agenda: when, what, who speaks (a talk, a discussion, a break)."""

    starts = blocks.TimeBlock(label=_("Początek"), format="%H:%M")
    ends = blocks.TimeBlock(label=_("Koniec"), required=False, format="%H:%M")
    title = blocks.CharBlock(label=_("Temat"), max_length=200)
    speaker = blocks.CharBlock(label=_("Prowadzący / prelegent"), required=False, max_length=200)
    description = blocks.RichTextBlock(
        label=_("Opis"), required=False, features=AGENDA_TEXT_FEATURES
    )

    class Meta:
        icon = "time"
        label = _("Punkt programu")
        template = "blocks/agenda_item_block.html"


class AgendaStreamBlock(blocks.StreamBlock):
    """The programme of the day, point by point, with optional notes between the points."""

    item = AgendaItemBlock()
    note = blocks.RichTextBlock(
        label=_("Uwagi"),
        features=AGENDA_TEXT_FEATURES,
        template="blocks/rich_text_block.html",
    )

    class Meta:
        label = _("Program")


class MaterialsStreamBlock(blocks.StreamBlock):
    """Documents for the participants (presentations, forms, the invitation)."""

    document = DocumentBlock()

    class Meta:
        label = _("Materiały")
