from django.urls import path

from funding import views

app_name = "funding"

urlpatterns = [
    path(
        "projekty-ue/<int:project_id>/dane-uczestnika/",
        views.participant_form,
        name="participant_form",
    ),
]
