from django.urls import path

from .views import items, onboarding, plan, progress, today, topics

app_name = "plans"

urlpatterns = [
    path("", today.home, name="home"),
    path("onboarding/", onboarding.onboarding, name="onboarding"),
    path("plan/", plan.plan, name="plan"),
    path("plan/catch-up/", plan.catch_up, name="catch_up"),
    path("plan/left-out/add/", plan.left_out_add, name="left_out_add"),
    path("plan/start-now/", plan.start_now, name="start_now"),
    path("items/<id:item_id>/done/", items.item_done, name="item_done"),
    path("items/<id:item_id>/undo/", items.item_undo, name="item_undo"),
    path("items/<id:item_id>/edit/", items.item_edit, name="item_edit"),
    path("items/<id:item_id>/note/", items.item_note, name="item_note"),
    path("items/<id:item_id>/skip/", items.item_skip, name="item_skip"),
    path("progress/", progress.progress, name="progress"),
    path("topics/<slug:slug>/mine/", topics.topic_panel, name="topic_panel"),
]
