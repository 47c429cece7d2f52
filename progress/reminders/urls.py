from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("settings/reminders/sent/", views.sent_list, name="sent"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
