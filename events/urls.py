from django.urls import path

from events import views

app_name = "events"

# By page id, beside the page tree (Wagtail serves the event pages themselves): the calendar's
# slug may be anything, and no event page has sub-paths these could shadow.
urlpatterns = [
    path("wydarzenia/<int:page_id>/zapis/", views.register, name="register"),
    path("wydarzenia/<int:page_id>/rezygnacja/", views.cancel, name="cancel"),
    path(
        "wydarzenia/<int:page_id>/zglos-pracownikow/", views.register_staff, name="register_staff"
    ),
    path("wydarzenia/<int:page_id>/wydarzenie.ics", views.event_ics, name="ics"),
    path("wydarzenia/<int:page_id>/obecnosc/", views.check_in_screen, name="check_in"),
    path("wydarzenia/<int:page_id>/obecnosc/kod/", views.check_in_code, name="check_in_code"),
    path("wydarzenia/<int:page_id>/obecnosc/oznacz/", views.mark, name="mark"),
    path("wydarzenia/<int:page_id>/obecnosc/potwierdz/", views.confirm, name="confirm"),
    path("wydarzenia/<int:page_id>/obecnosc/<str:token>/", views.scan, name="scan"),
    path("moje-wydarzenia/", views.my_events, name="mine"),
    path("moje-wydarzenia/kalendarz/<str:token>.ics", views.feed, name="feed"),
]
