from django.urls import path

from lms.legal import views

urlpatterns = [
    path("prywatnosc/", views.privacy, name="privacy"),
    path("prywatnosc/potwierdzam/", views.privacy_acknowledge, name="privacy_acknowledge"),
    path("prywatnosc/wersje/", views.privacy_versions, name="privacy_versions"),
    path("prywatnosc/wersje/<int:version>/", views.privacy_version, name="privacy_version"),
    path("dostepnosc/", views.accessibility, name="accessibility"),
    path(
        "dostepnosc/<slug:language>/",
        views.accessibility_statement,
        name="accessibility_statement",
    ),
]
