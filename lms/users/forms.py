import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms import ratelimit
from lms.mail import send_templated_email
from lms.organisations.models import OrganisationUnit
from lms.users.models import User, UserManager
from lms.users.roles import Role, is_administrator
from lms.users.selectors import groups_grantable_by, units_manageable_by


class LoginForm(auth_forms.AuthenticationForm):
    """E-mail and password; an unknown e-mail and a wrong password get the same message."""

    username = forms.EmailField(
        label=_("Adres e-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Nieprawidłowy adres e-mail lub hasło. Sprawdź oba pola i spróbuj ponownie."
        ),
        "inactive": _("To konto jest nieaktywne. Skontaktuj się z administratorem."),
        "slowed_down": _(
            "Zbyt wiele nieudanych prób logowania na to konto. Spróbuj ponownie za %(seconds)s s."
        ),
    }
    wait_seconds = 0  # > 0 when the account's slow-down refused this attempt (lms.users.slowdown)

    def get_invalid_login_error(self):
        self.wait_seconds = getattr(self.request, "login_wait_seconds", 0)
        if self.wait_seconds:
            return forms.ValidationError(
                self.error_messages["slowed_down"],
                code="slowed_down",
                params={"seconds": self.wait_seconds},
            )
        return super().get_invalid_login_error()


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Adres e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        """At most PASSWORD_RESET_PER_EMAIL_PER_HOUR requests an hour for one address, whether an
        account has it or not (the same answer for both: nothing tells who has an account)."""
        email = UserManager.normalize_email(self.cleaned_data["email"])
        digest = hashlib.sha256(email.encode()).hexdigest()[:32]
        count = ratelimit.hit(group="password-reset-email", key=digest, window=60 * 60)
        if count is not None and count > settings.PASSWORD_RESET_PER_EMAIL_PER_HOUR:
            raise forms.ValidationError(
                _(
                    "Na ten adres wysłaliśmy już kilka wiadomości z linkiem do zmiany hasła. "
                    "Sprawdź skrzynkę (także folder spam) albo spróbuj ponownie za godzinę."
                ),
                code="too_many_resets",
            )
        return self.cleaned_data["email"]

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Send through our templated, queued e-mail instead of Django's synchronous one. The link
        is built on SITE_URL, never on the request's Host header (which the sender controls)."""
        path = reverse("password_reset_confirm", args=[context["uid"], context["token"]])
        send_templated_email(
            to=[to_email],
            template="password_reset",
            context={"name": context["user"].get_short_name(), "url": settings.SITE_URL + path},
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class SetPasswordForm(forms.Form):
    """Choose a password when accepting an invitation (validated by Django's validators)."""

    new_password1 = forms.CharField(
        label=_("Nowe hasło"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("Powtórz nowe hasło"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", _("Hasła nie są takie same."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class InviteForm(forms.Form):
    """The administrator's invitation form (Wagtail admin)."""

    email = forms.EmailField(label=_("Adres e-mail"))
    first_name = forms.CharField(label=_("Imię"), max_length=150)
    last_name = forms.CharField(label=_("Nazwisko"), max_length=150)
    job_title = forms.CharField(label=_("Stanowisko"), max_length=200, required=False)
    unit = forms.ModelChoiceField(
        label=_("Jednostka"), queryset=OrganisationUnit.objects.all(), required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=[Role.LEARNER],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_label()
        if for_user is not None and not is_administrator(for_user):
            # No way up through an invitation: the inviter's units and grantable roles only.
            grantable = set(groups_grantable_by(for_user).values_list("name", flat=True))
            self.fields["roles"].choices = [c for c in Role.choices if c[0] in grantable]
            self.fields["unit"].queryset = units_manageable_by(for_user)
            self.fields["unit"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None and existing.has_usable_password():
            raise forms.ValidationError(_("Konto z tym adresem już istnieje i ma ustawione hasło."))
        return email
