"""Practice log, STAR stories and mock interviews."""

from django.forms.models import model_to_dict
from django.urls import reverse

from progress.pages import READ_WRITE, WRITE, learner_page

from . import records, selectors, services
from .forms import MockForm, PracticeForm, StoryForm


@learner_page(methods=READ_WRITE)
def practice_list(request):
    curriculum = selectors.journal_curriculum()

    def new_form():
        return PracticeForm(
            request.POST or None,
            today=request.today,
            initial={"practised_on": request.today},
            curriculum=curriculum,
        )

    def save(form):
        return services.practice_create(
            user=request.user,
            **form.data_for_service(),
            today=request.today,
            submission=form.cleaned_data["submission"],
        )

    return records.list_and_create(
        request,
        new_form=new_form,
        queryset=selectors.practice_logged(request.access),
        template="progress/journal/practice/list.html",
        title="Practice log",
        save=save,
        noun="Problem",
        cards=lambda problems: selectors.practice_rows(problems, curriculum),
        extra=lambda: {"summary": selectors.practice_summary(request.access, curriculum)},
        also=curriculum.version,
    )


@learner_page(methods=READ_WRITE, needs_plan=False)
def practice_edit(request, problem_id):
    problem = selectors.practice_get(viewer=request.user, problem_id=problem_id, change=True)
    form = PracticeForm(request.POST or None, initial=model_to_dict(problem), today=request.today)

    def save(form):
        return services.practice_update(
            problem=problem, **form.data_for_service(), today=request.today
        )

    return records.edit(
        request,
        form=form,
        template="progress/journal/practice/edit.html",
        save=save,
        noun="Problem",
        back=reverse("journal:practice"),
        extra={
            "heading": "Edit problem",
            "delete_url": reverse("journal:practice_delete", args=[problem.pk]),
        },
    )


@learner_page(methods=WRITE, needs_plan=False)
def practice_delete(request, problem_id):
    problem = selectors.practice_get(viewer=request.user, problem_id=problem_id, change=True)
    services.practice_delete(problem=problem, today=request.today)
    return records.deleted(request, noun="Problem", back=reverse("journal:practice"))


@learner_page(methods=READ_WRITE)
def story_list(request):
    low, high = selectors.STORY_TARGET

    def save(form):
        return services.story_create(
            user=request.user,
            **form.data_for_service(),
            submission=form.cleaned_data["submission"],
        )

    return records.list_and_create(
        request,
        new_form=lambda: StoryForm(request.POST or None),
        queryset=selectors.stories_listed(request.access),
        template="progress/journal/stories/list.html",
        title="STAR stories",
        save=save,
        noun="Story",
        cards=selectors.story_cards,
        extra=lambda: {"target_low": low, "target_high": high},
    )


@learner_page(methods=READ_WRITE, needs_plan=False)
def story_edit(request, story_id):
    story = selectors.story_get(viewer=request.user, story_id=story_id, change=True)
    form = StoryForm(request.POST or None, initial=model_to_dict(story))
    return records.edit(
        request,
        form=form,
        template="progress/journal/stories/edit.html",
        save=lambda form: services.story_update(story=story, **form.data_for_service()),
        noun="Story",
        back=reverse("journal:stories"),
        extra={
            "heading": "Edit story",
            "delete_url": reverse("journal:story_delete", args=[story.pk]),
        },
    )


@learner_page(methods=WRITE, needs_plan=False)
def story_delete(request, story_id):
    story = selectors.story_get(viewer=request.user, story_id=story_id, change=True)
    services.story_delete(story=story)
    return records.deleted(request, noun="Story", back=reverse("journal:stories"))


@learner_page(methods=READ_WRITE)
def mock_list(request):
    curriculum = selectors.journal_curriculum()

    def new_form():
        return MockForm(
            request.POST or None,
            today=request.today,
            initial={"held_on": request.today, "run_by": "self"},
            curriculum=curriculum,
        )

    def save(form):
        return services.mock_create(
            user=request.user,
            **form.data_for_service(),
            today=request.today,
            submission=form.cleaned_data["submission"],
        )

    return records.list_and_create(
        request,
        new_form=new_form,
        queryset=selectors.mocks_listed(request.access),
        template="progress/journal/mocks/list.html",
        title="Mock interviews",
        save=save,
        noun="Mock interview",
        cards=lambda mocks: selectors.mock_cards(mocks, curriculum),
        also=curriculum.version,
    )


@learner_page(methods=READ_WRITE, needs_plan=False)
def mock_edit(request, mock_id):
    mock = selectors.mock_get(viewer=request.user, mock_id=mock_id, change=True)
    form = MockForm(
        request.POST or None,
        initial=model_to_dict(mock),
        scores={s.dimension_id: s.score for s in mock.scores.all()},
        today=request.today,
    )

    def save(form):
        return services.mock_update(mock=mock, **form.data_for_service(), today=request.today)

    return records.edit(
        request,
        form=form,
        template="progress/journal/mocks/edit.html",
        save=save,
        noun="Mock interview",
        back=reverse("journal:mocks"),
        extra={
            "heading": "Edit mock interview",
            "delete_url": reverse("journal:mock_delete", args=[mock.pk]),
            "locked": services.MENTOR_SCORED if mock.scored_by_id else "",
        },
    )


@learner_page(methods=WRITE, needs_plan=False)
def mock_delete(request, mock_id):
    mock = selectors.mock_get(viewer=request.user, mock_id=mock_id, change=True)
    services.mock_delete(mock=mock, today=request.today)
    return records.deleted(request, noun="Mock interview", back=reverse("journal:mocks"))
