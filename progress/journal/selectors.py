"""Reads for the practice log, stories and mocks. Lists through an `Access`; a record by id
through the viewer, so another learner's id is not found."""

from django.db.models import Count, Q, QuerySet

from curriculum.models import PracticePattern
from progress.access import Access, learner_access
from progress.mentoring.models import with_comments

from .models import MockInterview, PracticeProblem, Story

PRACTICE_TARGET = (20, 30)
STORY_TARGET = (5, 10)


def _visible(record, viewer, change: bool):
    learner_access(viewer, record.user_id, change=change)
    return record


def practice_of(access: Access) -> QuerySet[PracticeProblem]:
    return PracticeProblem.objects.filter(user=access.learner).select_related(
        "topic", "pattern", "family"
    )


def practice_get(*, viewer, problem_id: int, change: bool = False) -> PracticeProblem:
    return _visible(PracticeProblem.objects.get(pk=problem_id), viewer, change)


def practice_summary(access: Access) -> dict:
    """Progress toward the 20-30 problems the guide recommends, overall and by pattern."""
    problems = PracticeProblem.objects.filter(user=access.learner)
    totals = problems.aggregate(logged=Count("pk"), solved=Count("pk", filter=Q(solved=True)))
    by_pattern = dict(
        problems.filter(solved=True)
        .values_list("pattern_id")
        .annotate(n=Count("pk"))
        .values_list("pattern_id", "n")
    )
    by_family = dict(
        problems.filter(solved=True)
        .values_list("family_id")
        .annotate(n=Count("pk"))
        .values_list("family_id", "n")
    )
    patterns = [
        {"pattern": p, "solved": (by_pattern if p.kind == "technique" else by_family).get(p.pk, 0)}
        for p in PracticePattern.objects.filter(retired=False)
    ]
    low, high = PRACTICE_TARGET
    return {
        **totals,
        "target_low": low,
        "target_high": high,
        "patterns": patterns,
        "percent": min(100, round(100 * totals["solved"] / low)),
    }


def stories_of(access: Access) -> QuerySet[Story]:
    return Story.objects.filter(user=access.learner).prefetch_related(with_comments())


def story_get(*, viewer, story_id: int, change: bool = False) -> Story:
    return _visible(Story.objects.get(pk=story_id), viewer, change)


def mocks_of(access: Access) -> QuerySet[MockInterview]:
    return (
        MockInterview.objects.filter(user=access.learner)
        .select_related("scored_by")
        .prefetch_related("topics", "scores__dimension", with_comments())
    )


def mock_get(*, viewer, mock_id: int, change: bool = False) -> MockInterview:
    mock = MockInterview.objects.prefetch_related("topics", "scores").get(pk=mock_id)
    return _visible(mock, viewer, change)
