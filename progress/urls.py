from django.urls import path

from .views import charts, items, onboarding, plan, settings, today

urlpatterns = [
    path("", today.home, name="home"),
    path("onboarding/", onboarding.onboarding, name="onboarding"),
    path("plan/", plan.plan, name="plan"),
    path("plan/catch-up/", plan.catch_up, name="catch_up"),
    path("items/<int:item_id>/done/", items.item_done, name="item_done"),
    path("items/<int:item_id>/undo/", items.item_undo, name="item_undo"),
    path("items/<int:item_id>/note/", items.item_note, name="item_note"),
    path("items/<int:item_id>/skip/", items.item_skip, name="item_skip"),
    path("progress/", charts.progress, name="progress"),
    path("settings/", settings.settings_page, name="settings"),
]
