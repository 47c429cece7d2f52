"""Practice log, STAR stories and mock interviews."""

from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import log_selectors as selectors
from ..access import onboarded_required
from ..log_forms import MockForm, PracticeForm, StoryForm
from ..log_services import mock_save, practice_save, record_save
from . import records


@onboarded_required
def practice_list(request):
    form = PracticeForm(
        request.POST or None, today=request.today, initial={"practised_on": request.today}
    )
    return records.list_and_create(
        request,
        form=form,
        queryset=selectors.practice_of(request.user),
        template="progress/practice/list.html",
        save=practice_save,
        noun="Problem",
        extra={"summary": selectors.practice_summary(request.user)},
    )


@onboarded_required
def practice_edit(request, problem_id):
    problem = selectors.practice_for(request.user, problem_id)
    form = PracticeForm(request.POST or None, instance=problem, today=request.today)
    return records.edit(
        request,
        form=form,
        template="progress/practice/edit.html",
        save=practice_save,
        noun="Problem",
        back=reverse("practice"),
        extra={
            "heading": "Edit problem",
            "delete_url": reverse("practice_delete", args=[problem.pk]),
        },
    )


@require_POST
@onboarded_required
def practice_delete(request, problem_id):
    problem = selectors.practice_for(request.user, problem_id)
    return records.delete(request, problem, noun="Problem", back=reverse("practice"))


@onboarded_required
def story_list(request):
    form = StoryForm(request.POST or None)
    stories = selectors.stories_of(request.user)
    count = stories.count()
    low, high = selectors.STORY_TARGET
    return records.list_and_create(
        request,
        form=form,
        queryset=stories,
        template="progress/stories/list.html",
        save=record_save,
        noun="Story",
        extra={"count": count, "target_low": low, "target_high": high},
    )


@onboarded_required
def story_edit(request, story_id):
    story = selectors.story_for(request.user, story_id)
    form = StoryForm(request.POST or None, instance=story)
    return records.edit(
        request,
        form=form,
        template="progress/stories/edit.html",
        save=record_save,
        noun="Story",
        back=reverse("stories"),
        extra={"heading": "Edit story", "delete_url": reverse("story_delete", args=[story.pk])},
    )


@require_POST
@onboarded_required
def story_delete(request, story_id):
    story = selectors.story_for(request.user, story_id)
    return records.delete(request, story, noun="Story", back=reverse("stories"))


@onboarded_required
def mock_list(request):
    form = MockForm(
        request.POST or None,
        today=request.today,
        initial={"held_on": request.today, "run_by": "self"},
    )
    return records.list_and_create(
        request,
        form=form,
        queryset=selectors.mocks_of(request.user),
        template="progress/mocks/list.html",
        save=mock_save,
        noun="Mock interview",
    )


@onboarded_required
def mock_edit(request, mock_id):
    mock = selectors.mock_for(request.user, mock_id)
    form = MockForm(request.POST or None, instance=mock, today=request.today)
    return records.edit(
        request,
        form=form,
        template="progress/mocks/edit.html",
        save=mock_save,
        noun="Mock interview",
        back=reverse("mocks"),
        extra={
            "heading": "Edit mock interview",
            "delete_url": reverse("mock_delete", args=[mock.pk]),
        },
    )


@require_POST
@onboarded_required
def mock_delete(request, mock_id):
    mock = selectors.mock_for(request.user, mock_id)
    return records.delete(request, mock, noun="Mock interview", back=reverse("mocks"))
