from django.urls import path

from . import views

app_name = "journal"

urlpatterns = [
    path("practice/", views.practice_list, name="practice"),
    path("practice/<id:problem_id>/edit/", views.practice_edit, name="practice_edit"),
    path("practice/<id:problem_id>/delete/", views.practice_delete, name="practice_delete"),
    path("stories/", views.story_list, name="stories"),
    path("stories/<id:story_id>/edit/", views.story_edit, name="story_edit"),
    path("stories/<id:story_id>/delete/", views.story_delete, name="story_delete"),
    path("mocks/", views.mock_list, name="mocks"),
    path("mocks/<id:mock_id>/edit/", views.mock_edit, name="mock_edit"),
    path("mocks/<id:mock_id>/delete/", views.mock_delete, name="mock_delete"),
]
