from django.urls import path

from . import views

app_name = "curriculum"

urlpatterns = [
    path("", views.topic_list, name="topics"),
    path("plan-template/", views.plan_template, name="plan_template"),
    path("checklists/", views.checklists, name="checklists"),
    path("concepts/", views.concepts, name="concepts"),
    path("<slug:slug>/", views.topic_detail, name="topic"),
]
