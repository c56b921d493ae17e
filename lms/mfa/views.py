from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device

from lms.mfa import services
from lms.mfa.forms import CodeForm
from lms.redirects import next_url as _next_url
from lms.users.roles import has_privileged_role

NEW_CODES_SESSION_KEY = "mfa_new_recovery_codes"


def _messages_for(error: services.CodeRejected) -> str:
    if error.throttled:
        return _("Zbyt wiele nieudanych prób. Odczekaj chwilę i wpisz nowy kod.")
    return _(
        "Ten kod jest nieprawidłowy lub już wygasł. Wpisz aktualny 6-cyfrowy kod z aplikacji "
        "(sprawdź, czy zegar telefonu jest ustawiony automatycznie) albo nieużyty kod zapasowy."
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up the authenticator app (QR code, secret as text, a first code to confirm), or, once
    it is set up, the state of the second factor with passkeys and new recovery codes."""
    user = request.user
    verified = services.is_verified(request)
    if user_has_device(user) and not verified:
        # Adding a device needs the second factor first: a stolen password is not enough.
        return redirect(f"{resolve_url('mfa_verify')}?{urlencode({'next': request.path})}")

    if services.confirmed_totp_device(user=user) is not None:
        return render(
            request,
            "mfa/overview.html",
            {
                "codes_left": services.recovery_codes_left(user=user),
                "passkeys": _passkeys(user),
            },
        )

    device = services.pending_totp_device(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_totp_device(
                request=request, device=device, token=form.cleaned_data["code"]
            )
        except services.CodeRejected as error:
            form.add_error("code", _messages_for(error))
        else:
            request.session[NEW_CODES_SESSION_KEY] = codes
            request.session["mfa_after_codes"] = _next_url(request)
            return redirect("mfa_recovery_codes")

    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "mfa/setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=5, border=2, title=_("Kod QR do zeskanowania")),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": has_privileged_role(user),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """After the password: a code from the app, a recovery code, or a passkey."""
    user = request.user
    if services.is_verified(request):
        return redirect(_next_url(request))
    if not user_has_device(user):
        return redirect(f"{resolve_url('mfa_setup')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify_code(request=request, token=form.cleaned_data["code"])
        except services.CodeRejected as error:
            form.add_error("code", _messages_for(error))
        else:
            if services.is_recovery_device(device):
                left = services.recovery_codes_left(user=user)
                messages.warning(
                    request,
                    _("Użyto kodu zapasowego. Pozostało kodów: %(left)s.") % {"left": left},
                )
            return redirect(_next_url(request))
    return render(
        request,
        "mfa/verify.html",
        {"form": form, "next": _next_url(request), "has_passkey": bool(_passkeys(user))},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes, shown once: right after set-up, or on request (POST) when verified."""
    if request.method == "POST":
        if not services.is_verified(request):
            return redirect("mfa_verify")
        request.session[NEW_CODES_SESSION_KEY] = services.replace_recovery_codes(user=request.user)
        request.session["mfa_after_codes"] = resolve_url("mfa_setup")
        return redirect("mfa_recovery_codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("mfa_setup")
    return render(
        request,
        "mfa/recovery_codes.html",
        {"codes": codes, "next": request.session.pop("mfa_after_codes", "/")},
    )


def _passkeys(user):
    from django_otp_webauthn.utils import get_credential_model

    return list(get_credential_model().objects.filter(user=user, confirmed=True))
