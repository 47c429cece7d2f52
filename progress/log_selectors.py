"""Reads for interviews, practice, stories and mocks; always scoped by the owner."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from curriculum.models import PracticePattern

from .models import Interview, InterviewChecklistItem, MockInterview, PracticeProblem, Story

PAGE_SIZE = 20
PRACTICE_TARGET = (20, 30)
STORY_TARGET = (5, 10)


def page_of(queryset, request, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def interview_for(user, interview_id: int) -> Interview:
    queryset = Interview.objects.filter(user=user).prefetch_related(
        Prefetch("checklist", queryset=InterviewChecklistItem.objects.all()), "improve_topics"
    )
    return get_object_or_404(queryset, pk=interview_id)


def checklist_item_for(user, interview_id: int, item_id: int) -> InterviewChecklistItem:
    return get_object_or_404(
        InterviewChecklistItem.objects.select_related("interview"),
        pk=item_id,
        interview_id=interview_id,
        interview__user=user,
    )


def interviews_of(user):
    return Interview.objects.filter(user=user).annotate(
        items_total=Count("checklist"),
        items_done=Count("checklist", filter=Q(checklist__done_at__isnull=False)),
    )


def next_checklist_items(user, limit: int = 5):
    """What is due next (for the today view): the open items of interviews still ahead, and
    the follow-ups of interviews in the last two weeks. Before-items of a past interview are
    moot, so they are left out."""
    now = timezone.now()
    return (
        InterviewChecklistItem.objects.filter(interview__user=user, done_at__isnull=True)
        .filter(
            Q(interview__scheduled_at__gte=now)
            | Q(phase="after", interview__scheduled_at__gte=now - timedelta(days=14))
        )
        .select_related("interview")
        .order_by("due_at")[:limit]
    )


def practice_of(user):
    return PracticeProblem.objects.filter(user=user).select_related("topic", "pattern", "family")


def practice_summary(user) -> dict:
    """Progress toward the 20-30 problems the guide recommends, overall and by pattern."""
    problems = PracticeProblem.objects.filter(user=user)
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


def stories_of(user):
    return Story.objects.filter(user=user)


def story_for(user, story_id: int) -> Story:
    return get_object_or_404(Story, pk=story_id, user=user)


def practice_for(user, problem_id: int) -> PracticeProblem:
    return get_object_or_404(PracticeProblem, pk=problem_id, user=user)


def mocks_of(user):
    return MockInterview.objects.filter(user=user).prefetch_related("topics", "scores__dimension")


def mock_for(user, mock_id: int) -> MockInterview:
    return get_object_or_404(
        MockInterview.objects.prefetch_related("topics", "scores__dimension"), pk=mock_id, user=user
    )
