from django.urls import path

from lms.mfa import views

urlpatterns = [
    path("", views.verify, name="mfa_verify"),
    path("konfiguracja/", views.setup, name="mfa_setup"),
    path("kody-zapasowe/", views.recovery_codes, name="mfa_recovery_codes"),
]
