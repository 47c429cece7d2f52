from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("settings/export.json", views.export, name="export"),
    path("settings/delete/", views.delete, name="delete"),
]
