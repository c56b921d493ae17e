"""Administrators' forms for certificates: templates, revocation, attendance lists, ZIP exports."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage
from lms import placeholders
from lms.organisations.models import OrganisationUnit

PLACEHOLDERS = ("name", "course", "hours", "date", "number", "issued", "expires", "place")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class CertificateTemplateForm(WagtailAdminModelForm):
    """Refuses a body with placeholders the renderer does not know (they would be printed as
    typed on every certificate) and colours that are not #RRGGBB."""

    def _get_validation_exclusions(self):
        # One default template: a new default replaces the previous one when saved (see the
        # admin views), so the partial unique constraint on `is_default` must not refuse it here.
        return super()._get_validation_exclusions() | {"is_default"}

    def clean_body(self):
        body = self.cleaned_data["body"]
        placeholders.validate(body, allowed=PLACEHOLDERS)
        return body

    def clean_accent_colour(self):
        colour = self.cleaned_data["accent_colour"].strip()
        if not _COLOUR.match(colour):
            raise forms.ValidationError(
                _("Podaj kolor w zapisie szesnastkowym #RRGGBB, np. #0b4f8a."), code="colour"
            )
        return colour.lower()


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód unieważnienia"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Powód zobaczy każdy, kto sprawdzi zaświadczenie na stronie weryfikacji."),
        error_messages={"required": _("Podaj powód unieważnienia.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Podaj powód unieważnienia."), code="required")
        return reason


class AttendanceUploadForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024  # as certificates.attendance.MAX_BYTES

    file = forms.FileField(
        label=_("Plik CSV lub XLSX z listą obecności"),
        help_text=_(
            "Adresy e-mail uczestników: po jednym w wierszu albo w kolumnie o nagłówku "
            "„e-mail”. Arkusz Excela (XLSX) albo CSV w kodowaniu UTF-8 lub Windows-1250, "
            "separator „;” lub „,”."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Plik jest za duży (limit to 2 MB)."), code="size")
        return upload


class CertificateZipForm(forms.Form):
    """Which certificates to put in the ZIP; the units offered are those the person may see."""

    course = forms.ModelChoiceField(
        label=_("Kurs"),
        queryset=CoursePage.objects.none(),
        required=False,
        empty_label=_("Wszystkie kursy"),
    )
    unit = forms.ModelChoiceField(
        label=_("Jednostka (z jednostkami podległymi)"),
        queryset=OrganisationUnit.objects.none(),
        required=False,
        empty_label=_("Wszystkie moje jednostki"),
    )
    issued_from = forms.DateField(label=_("Wystawione od"), required=False, widget=AdminDateInput)
    issued_to = forms.DateField(label=_("Wystawione do"), required=False, widget=AdminDateInput)

    def __init__(self, *args, scope_units=None, **kwargs):
        """`scope_units`: a coordinator's units (None = every unit, for administrators)."""
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        if scope_units is None:
            units = OrganisationUnit.objects.all()
            self.fields["unit"].empty_label = _("Wszystkie jednostki")
        else:
            units = OrganisationUnit.objects.within(scope_units)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_label()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("issued_from"), cleaned.get("issued_to")
        if start and end and start > end:
            self.add_error("issued_to", _("Data końcowa nie może być wcześniejsza niż początkowa."))
        return cleaned

    def params(self) -> dict:
        """JSON-safe filters for the export job."""
        data = self.cleaned_data
        return {
            "course": data["course"].pk if data.get("course") else None,
            "unit": data["unit"].pk if data.get("unit") else None,
            "issued_from": data["issued_from"].isoformat() if data.get("issued_from") else None,
            "issued_to": data["issued_to"].isoformat() if data.get("issued_to") else None,
        }

    def title(self) -> str:
        data = self.cleaned_data
        parts = [str(_("Zaświadczenia (ZIP)"))]
        if data.get("course"):
            parts.append(data["course"].title)
        if data.get("unit"):
            parts.append(data["unit"].name)
        if data.get("issued_from") or data.get("issued_to"):
            start = data["issued_from"].strftime("%d.%m.%Y") if data.get("issued_from") else "…"
            end = data["issued_to"].strftime("%d.%m.%Y") if data.get("issued_to") else "…"
            parts.append(f"{start}–{end}")
        return " – ".join(parts)


class TrainingEventForm(WagtailAdminModelForm):
    """Certificates issued from an event's attendance list stay consistent with it: the course
    cannot change, and people who already have a certificate cannot be removed, unmarked as
    present or replaced by someone else (revoke the certificate if it was a mistake).

    The trainer and the participants are people the editor may see (`users_visible_to`), as in
    the person chooser: an id posted by hand for anyone else is refused like an unknown one."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        from lms.users.selectors import users_visible_to

        visible = users_visible_to(for_user)
        attendances = self.formsets.get("attendances")
        forms = [self, *attendances.forms, attendances.empty_form] if attendances else [self]
        for form in forms:
            for name in ("trainer", "user"):
                if name in form.fields:
                    form.fields[name].queryset = visible
                    # A re-shown form names only people the editor may see (the chooser widget
                    # would otherwise print whoever an id typed by hand belongs to).
                    form.fields[name].widget.queryset = visible

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        from certificates.models import Certificate

        issued = set(
            Certificate.objects.filter(attendance__event=self.instance).values_list(
                "attendance_id", flat=True
            )
        )
        if not issued:
            return cleaned
        if "course" in self.changed_data:
            self.add_error(
                "course",
                _(
                    "Na podstawie tego szkolenia wystawiono już zaświadczenia: kursu nie można zmienić."
                ),
            )
        locked = []
        for form in self.formsets["attendances"].forms:
            attendance = form.instance
            if attendance.pk not in issued:
                continue
            deleted = form.fields["DELETE"].to_python(form["DELETE"].data)
            absent = not form.fields["present"].to_python(form["present"].data)
            replaced = str(form["user"].data or "") != str(attendance.user_id)
            if deleted or absent or replaced:
                locked.append(str(attendance.user))
        if locked:
            raise forms.ValidationError(
                _(
                    "Te osoby mają już zaświadczenie za to szkolenie, więc muszą pozostać na liście "
                    "jako obecne: %(people)s. Jeśli zaświadczenie wystawiono omyłkowo, unieważnij je "
                    "na liście zaświadczeń."
                ),
                code="certificate_issued",
                params={"people": ", ".join(sorted(locked))},
            )
        return cleaned
