from django import forms
from django.utils.translation import gettext_lazy as _

from lms.imports.reading import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plik z listą pracowników (CSV lub XLSX)"),
        help_text=_("Największy rozmiar pliku: %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,.txt,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={
            "required": _("Wybierz plik do wczytania."),
            "empty": _("Plik jest pusty."),
        },
    )
