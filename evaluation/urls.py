from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("<int:page_id>/", views.survey, name="survey"),
]
