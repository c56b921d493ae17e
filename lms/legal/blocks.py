"""The repeatable parts of the two legal documents: what is not accessible (accessibility
statement), the buildings (its architectural accessibility) and the purposes of processing
(privacy notice)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class IssueKind:
    """The three kinds of inaccessible content the statement's template separates."""

    NON_COMPLIANT = "non_compliant"
    BURDEN = "burden"
    EXEMPT = "exempt"
    CHOICES = [
        (NON_COMPLIANT, _("Niezgodność z załącznikiem")),
        (BURDEN, _("Nadmierne koszty")),
        (EXEMPT, _("Treści nieobjęte przepisami")),
    ]


class IssueBlock(blocks.StructBlock):
    """One inaccessible element of the site: what it is, where, and how to get it otherwise."""

    kind = blocks.ChoiceBlock(
        label=_("Rodzaj"), choices=IssueKind.CHOICES, default=IssueKind.NON_COMPLIANT
    )
    description = blocks.TextBlock(
        label=_("Opis"),
        help_text=_(
            "Co jest niedostępne i dla kogo, prostym językiem (np. „Część dokumentów PDF w "
            "lekcjach nie ma struktury nagłówków”). Przy treściach nieobjętych przepisami podaj "
            "podstawę wyłączenia."
        ),
    )
    location = blocks.URLBlock(label=_("Adres strony, której dotyczy"), required=False)
    alternative = blocks.TextBlock(
        label=_("Dostęp alternatywny"),
        required=False,
        help_text=_("Jak mimo to uzyskać te treści (np. „na prośbę wyślemy wersję DOCX”)."),
    )

    class Meta:
        icon = "warning"
        label = _("Niedostępna treść")
        template = "blocks/statement_issue_block.html"


class BuildingBlock(blocks.StructBlock):
    """The architectural accessibility of one building where the body serves people."""

    name = blocks.CharBlock(label=_("Nazwa budynku lub siedziby"), max_length=200)
    address = blocks.CharBlock(label=_("Adres"), max_length=300)
    description = blocks.TextBlock(
        label=_("Opis dostępności"),
        help_text=_(
            "Wejścia, windy i schody, toalety, miejsca parkingowe, pętle indukcyjne, "
            "oznaczenia w alfabecie Braille'a, wstęp z psem asystującym. Pusta linia "
            "rozdziela akapity."
        ),
    )

    class Meta:
        icon = "home"
        label = _("Budynek")
        template = "blocks/statement_building_block.html"


class LegalBasis:
    """Art. 6 ust. 1 RODO: the lawful bases a purpose of processing rests on."""

    CHOICES = [
        ("a", _("zgoda (art. 6 ust. 1 lit. a RODO)")),
        ("b", _("umowa (art. 6 ust. 1 lit. b RODO)")),
        ("c", _("obowiązek prawny administratora (art. 6 ust. 1 lit. c RODO)")),
        ("d", _("ochrona żywotnych interesów (art. 6 ust. 1 lit. d RODO)")),
        ("e", _("zadanie w interesie publicznym (art. 6 ust. 1 lit. e RODO)")),
        ("f", _("prawnie uzasadniony interes (art. 6 ust. 1 lit. f RODO)")),
    ]


class PurposeBlock(blocks.StructBlock):
    """One purpose of processing with its legal basis, recipients and retention (art. 13 RODO)."""

    purpose = blocks.CharBlock(label=_("Cel przetwarzania"), max_length=200)
    data = blocks.TextBlock(label=_("Jakie dane"))
    legal_basis = blocks.ChoiceBlock(label=_("Podstawa prawna"), choices=LegalBasis.CHOICES)
    legal_basis_details = blocks.TextBlock(
        label=_("Przepisy szczegółowe"),
        required=False,
        help_text=_("Np. ustawa lub rozporządzenie, z którego wynika zadanie albo obowiązek."),
    )
    recipients = blocks.TextBlock(label=_("Odbiorcy danych"))
    retention = blocks.TextBlock(label=_("Okres przechowywania"))

    class Meta:
        icon = "list-ul"
        label = _("Cel przetwarzania")
        template = "blocks/privacy_purpose_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["legal_basis"] = dict(LegalBasis.CHOICES).get(value["legal_basis"], "")
        return context
