from django.urls import path

from lms.search import views

urlpatterns = [path("", views.search, name="search")]
