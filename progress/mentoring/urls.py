from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("mentoring/", views.dashboard, name="dashboard"),
    path("mentoring/comments/", views.comments, name="comments"),
    path("mentoring/<id:mentee_id>/", views.mentee, name="mentee"),
    path(
        "mentoring/<id:mentee_id>/comments/<str:about>/<id:about_id>/",
        views.comment,
        name="comment",
    ),
    path("mentoring/<id:mentee_id>/mocks/new/", views.mock_new, name="mock_new"),
    path("mentoring/invitations/<str:token>/", views.invitation, name="invitation"),
    path("mentoring/links/<id:link_id>/end/", views.link_end, name="link_end"),
    path("mentoring/links/<id:link_id>/notes/", views.link_notes, name="link_notes"),
]
