from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("zaswiadczenia/", views.my_certificates, name="mine"),
    path("zaswiadczenia/<int:pk>/pdf/", views.download, name="download"),
    path("weryfikacja/", views.verify_form, name="verify_form"),
    path("weryfikacja/sprawdz-dokument/", views.check_document, name="check_document"),
    path("weryfikacja/klucz-publiczny.json", views.public_key, name="public_key"),
    path("weryfikacja/<str:code>/", views.verify, name="verify"),
    path("weryfikacja/<str:code>/poswiadczenie.json", views.credential, name="credential"),
    path("api/zaswiadczenia/<str:code>/", views.api_certificate, name="api"),
]
