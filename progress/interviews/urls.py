from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("interviews/", views.interview_list, name="list"),
    path("interviews/<id:interview_id>/", views.interview_detail, name="detail"),
    path("interviews/<id:interview_id>/edit/", views.interview_edit, name="edit"),
    path("interviews/<id:interview_id>/delete/", views.interview_delete, name="delete"),
    path("interviews/<id:interview_id>/reflection/", views.reflection, name="reflection"),
    path("interviews/<id:interview_id>/checklist/", views.checklist_add, name="checklist_add"),
    path(
        "interviews/<id:interview_id>/checklist/<id:item_id>/",
        views.checklist_toggle,
        name="checklist_toggle",
    ),
    path(
        "interviews/<id:interview_id>/checklist/<id:item_id>/edit/",
        views.checklist_edit,
        name="checklist_edit",
    ),
    path(
        "interviews/<id:interview_id>/checklist/<id:item_id>/delete/",
        views.checklist_delete,
        name="checklist_delete",
    ),
]
