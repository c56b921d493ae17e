import json
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.ratelimit import rate_limit
from lms.users import roles, services
from lms.users.forms import LoginForm, PasswordResetForm, ProfileForm, SetPasswordForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "users/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.wait_seconds:  # the account's slow-down (lms.users.slowdown)
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
            response["Retry-After"] = str(form.wait_seconds)
        return response


@method_decorator(
    rate_limit(
        "password-reset",
        per_minute=lambda: settings.PASSWORD_RESET_PER_MINUTE,
        when=lambda request: request.method == "POST",
    ),
    name="dispatch",
)
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "users/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")


def lockout(request, credentials=None, *args, **kwargs):
    """django-axes: too many failed sign-ins for this e-mail from this address."""
    return render(
        request,
        "users/lockout.html",
        {"cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def accept_invitation(request, token):
    try:
        checked = services.check_invitation_token(token=token)
    except services.InvitationError as error:
        return render(
            request,
            "users/invitation_invalid.html",
            {"reason": str(error)},
            status=HTTPStatus.GONE if str(error) != "invalid" else HTTPStatus.NOT_FOUND,
        )
    form = SetPasswordForm(checked.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token, password=form.cleaned_data["new_password1"]
            )
        except services.InvitationError:
            return render(request, "users/invitation_invalid.html", status=HTTPStatus.GONE)
        login(request, user, backend="lms.users.backends.EmailBackend")
        messages.success(request, _("Witamy! Hasło zostało ustawione, jesteś zalogowany(-a)."))
        return redirect("profile")
    return render(request, "users/invitation_accept.html", {"form": form, "invitee": checked.user})


@login_required
def start(request):
    """Where signing in leads without a `next`: the admin for trainers, coordinators and
    administrators (their work is there), "Moje szkolenia" for everyone else."""
    if roles.may_open_admin(request.user):
        return redirect("wagtailadmin_home")
    return redirect("dashboard")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Zapisano zmiany w profilu."))
        return redirect("profile")
    return render(request, "users/profile.html", {"form": form})


@login_required
@require_GET
def download_my_data(request):
    """RODO: the signed-in person's own data, and nobody else's, as a JSON file."""
    data = services.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="moje-dane-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response
