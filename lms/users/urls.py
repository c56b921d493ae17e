from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from lms.users import views

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "haslo/zmiana/",
        auth_views.PasswordChangeView.as_view(template_name="users/password_change_form.html"),
        name="password_change",
    ),
    path(
        "haslo/zmiana/gotowe/",
        auth_views.PasswordChangeDoneView.as_view(template_name="users/password_change_done.html"),
        name="password_change_done",
    ),
    path("haslo/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "haslo/reset/wyslano/",
        auth_views.PasswordResetDoneView.as_view(template_name="users/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "haslo/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="users/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "haslo/reset/gotowe/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="users/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("zaproszenie/<str:token>/", views.accept_invitation, name="invitation_accept"),
    path("start/", views.start, name="start"),
    path("profil/", views.profile, name="profile"),
    path("profil/moje-dane.json", views.download_my_data, name="download_my_data"),
]
