from django import forms
from django.utils.translation import gettext_lazy as _

from funding.models import CHARACTERISTICS, Participant

QUESTIONS = {
    "sex": _("Płeć"),
    "age_band": _("Wiek w dniu rozpoczęcia udziału w projekcie"),
    "education": _("Najwyższe ukończone wykształcenie"),
    "disability": _("Czy jesteś osobą z niepełnosprawnościami?"),
    "third_country_national": _("Czy jesteś obywatelem(-ką) państwa spoza Unii Europejskiej?"),
    "foreign_background": _("Czy jesteś osobą obcego pochodzenia?"),
    "minority": _("Czy należysz do mniejszości narodowej lub etnicznej?"),
    "homeless": _(
        "Czy jesteś w kryzysie bezdomności lub dotyka Cię wykluczenie z dostępu do mieszkań?"
    ),
    "rural_area": _("Czy mieszkasz na obszarze wiejskim?"),
}


class ParticipantForm(forms.ModelForm):
    """The fund's questions, each with "odmowa podania informacji", after the notice."""

    notice_confirmed = forms.BooleanField(
        label=_("Zapoznałem(-am) się z informacją o przetwarzaniu danych osobowych powyżej."),
        error_messages={
            "required": _("Potwierdź, że zapoznałeś(-aś) się z informacją o przetwarzaniu danych.")
        },
    )

    class Meta:
        model = Participant
        fields = list(CHARACTERISTICS)
        widgets = dict.fromkeys(CHARACTERISTICS, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CHARACTERISTICS:
            field = self.fields[name]
            field.label = QUESTIONS[name]
            field.choices = [choice for choice in field.choices if choice[0]]  # no "---------"
            field.error_messages["required"] = _(
                "Wybierz odpowiedź (możesz wybrać „odmowa podania informacji”)."
            )
