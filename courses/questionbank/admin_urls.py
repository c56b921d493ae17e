"""Admin URLs of the question bank's import and export screens (see `transfer_hooks`)."""

from django.urls import path

from courses.questionbank import transfer_views

urlpatterns = [
    path("import-pytan/", transfer_views.import_view, name="questionbank_import"),
    path(
        "import-pytan/zatwierdz/", transfer_views.confirm_view, name="questionbank_import_confirm"
    ),
    path("eksport-pytan/", transfer_views.export_view, name="questionbank_export"),
    path(
        "eksport-pytan/pula/<int:pk>/<slug:fmt>/",
        transfer_views.export_pool,
        name="questionbank_export_pool",
    ),
    path(
        "eksport-pytan/kurs/<int:course_id>/<slug:fmt>/",
        transfer_views.export_course,
        name="questionbank_export_course",
    ),
]
