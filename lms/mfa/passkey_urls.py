"""django-otp-webauthn's endpoints (same names, namespace `otp_webauthn`), with a failed passkey
verification recorded like a wrong code."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn

from lms.mfa import services

app_name = "otp_webauthn"


class CompletePasskeyVerification(webauthn.CompleteCredentialAuthenticationView):
    def handle_exception(self, exc):
        response = super().handle_exception(exc)  # re-raises anything but the API's own errors
        if self.request.user.is_authenticated:
            services._record_failed_2fa(
                request=self.request, user=self.request.user, method="passkey"
            )
        return response


urlpatterns = [
    path(
        "registration/begin/",
        webauthn.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        webauthn.CompleteCredentialRegistrationView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        webauthn.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompletePasskeyVerification.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
