from django.urls import path

from .views import charts, interviews, items, logs, onboarding, plan, settings, today

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
    path("interviews/", interviews.interview_list, name="interviews"),
    path("interviews/<int:interview_id>/", interviews.interview_detail, name="interview"),
    path("interviews/<int:interview_id>/edit/", interviews.interview_edit, name="interview_edit"),
    path(
        "interviews/<int:interview_id>/delete/",
        interviews.interview_delete,
        name="interview_delete",
    ),
    path("interviews/<int:interview_id>/reflection/", interviews.reflection, name="reflection"),
    path(
        "interviews/<int:interview_id>/checklist/", interviews.checklist_add, name="checklist_add"
    ),
    path(
        "interviews/<int:interview_id>/checklist/<int:item_id>/",
        interviews.checklist_toggle,
        name="checklist_toggle",
    ),
    path("practice/", logs.practice_list, name="practice"),
    path("practice/<int:problem_id>/edit/", logs.practice_edit, name="practice_edit"),
    path("practice/<int:problem_id>/delete/", logs.practice_delete, name="practice_delete"),
    path("stories/", logs.story_list, name="stories"),
    path("stories/<int:story_id>/edit/", logs.story_edit, name="story_edit"),
    path("stories/<int:story_id>/delete/", logs.story_delete, name="story_delete"),
    path("mocks/", logs.mock_list, name="mocks"),
    path("mocks/<int:mock_id>/edit/", logs.mock_edit, name="mock_edit"),
    path("mocks/<int:mock_id>/delete/", logs.mock_delete, name="mock_delete"),
]
