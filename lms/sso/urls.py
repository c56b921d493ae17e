from django.urls import path

from lms.sso import views

urlpatterns = [
    # The callback's name is the one mozilla-django-oidc reverses for the redirect_uri.
    path("zaloguj/", views.SignInView.as_view(), name="oidc_authentication_init"),
    path("powrot/", views.CallbackView.as_view(), name="oidc_authentication_callback"),
]
