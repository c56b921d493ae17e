"""The question import form: the file, where its pools go, and how categories name them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.questionbank import importing

COURSE, AREA = "course", "area"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plik z pytaniami (Moodle XML albo GIFT)"),
        help_text=_(
            "Plik .xml wyeksportowany z Moodle albo plik GIFT (.gift lub .txt). "
            "Największy rozmiar: %(mb)d MB."
        )
        % {"mb": importing.MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.gift,.txt,text/xml,text/plain"}),
        error_messages={
            "required": _("Wybierz plik do wczytania."),
            "empty": _("Plik jest pusty."),
        },
    )
    target = forms.ChoiceField(
        label=_("Kurs lub obszar tematyczny, do którego należą pule"),
        error_messages={
            "required": _("Wybierz kurs albo obszar tematyczny."),
            "invalid_choice": _("Nie możesz dodawać pytań do wybranego kursu lub obszaru."),
        },
    )
    naming = forms.ChoiceField(
        label=_("Nazwy pul z kategorii pliku"),
        choices=importing.PoolNaming.choices,
        initial=importing.PoolNaming.LAST,
        widget=forms.RadioSelect,
    )
    default_pool = forms.CharField(
        label=_("Pula dla pytań bez kategorii"),
        required=False,
        max_length=importing.NAME_MAX,
        help_text=_("Gdy puste: nazwa pliku."),
    )
    skip_unsupported = forms.BooleanField(
        label=_(
            "Pomiń pytania typów, których bank nie obsługuje (np. esej, numeryczne), "
            "zamiast odrzucać cały plik"
        ),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        courses = [(f"{COURSE}-{c.pk}", c.title) for c in importing.managed_courses(user=user)]
        areas = [(f"{AREA}-{a.pk}", a.name) for a in importing.importable_areas(user=user)]
        choices = [("", "---------")]
        if courses:
            choices.append((_("Kursy"), courses))
        if areas:
            choices.append((_("Obszary tematyczne (pule wspólne dla kursów)"), areas))
        self.fields["target"].choices = choices
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            importing.check_size(upload.size or 0)
        except importing.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target:
            kind, _sep, pk = target.partition("-")
            ids = {"course_id": int(pk)} if kind == COURSE else {"area_id": int(pk)}
            cleaned["resolved_target"] = importing.resolve_target(user=self.user, **ids)
        return cleaned

    def options(self) -> importing.Options:
        return importing.Options(
            file_name=self.cleaned_data["file"].name,
            target=self.cleaned_data["resolved_target"],
            naming=self.cleaned_data["naming"],
            default_pool=self.cleaned_data["default_pool"],
            skip_unsupported=self.cleaned_data["skip_unsupported"],
        )
