"""Loading the evidence for weak areas: a fixed number of queries, scoped to one learner
(reached through progress.access by the pages that show them)."""

from datetime import date, timedelta

from django.db.models import Avg

from curriculum.models import Topic
from progress.interviews.models import Interview
from progress.journal.models import MockInterview, MockScore, PracticeProblem
from progress.plans.models import PlanItem, TopicRating

from .scoring import HALF_LIFE_DAYS, TopicEvidence, WeakArea, weak_areas

# Evidence older than ten half-lives weighs under 0.1%: leave it in the database.
LOOKBACK_DAYS = 10 * HALF_LIFE_DAYS
COMMUNICATION = "interview-communication"


def weak_areas_for(user, today: date) -> list[WeakArea]:
    since = today - timedelta(days=LOOKBACK_DAYS)
    topics = Topic.objects.filter(
        retired=False, kind__in=[Topic.Kind.STUDY, Topic.Kind.SKILLS]
    ).only("slug", "title", "order")
    evidence = {t.slug: TopicEvidence(t.slug, t.title) for t in topics}

    for slug, rating in TopicRating.objects.filter(user=user).values_list("topic__slug", "rating"):
        if slug in evidence:
            evidence[slug].rating = rating
    problems = PracticeProblem.objects.filter(user=user, practised_on__gte=since)
    for slug, day, solved, hint in problems.values_list(
        "topic__slug", "practised_on", "solved", "hint_used"
    ):
        if slug in evidence:
            evidence[slug].practice.append((day, solved, hint))
    _add_mock_scores(user, since, evidence)
    overdue = PlanItem.objects.filter(
        plan__user=user, plan__is_active=True, status=PlanItem.Status.PENDING, date__lt=today
    )
    for slug in overdue.filter(topic__isnull=False).values_list("topic__slug", flat=True):
        if slug in evidence:
            evidence[slug].overdue += 1
    named = Interview.improve_topics.through.objects.filter(
        interview__user=user, interview__reflected_at__date__gte=since
    ).values_list("topic__slug", "interview__reflected_at")
    for slug, when in named:
        if slug in evidence:
            evidence[slug].reflections.append(when.date())
    return weak_areas(list(evidence.values()), today)


def _add_mock_scores(user, since, evidence) -> None:
    """Each mock counts once, with its average rubric score, for interview communication and
    for every topic it covered (eight dimension scores are one mock, not eight)."""
    averages = (
        MockScore.objects.filter(mock__user=user, mock__held_on__gte=since)
        .values("mock_id", "mock__held_on")
        .annotate(average=Avg("score"))
        .values_list("mock_id", "mock__held_on", "average")
    )
    covered: dict[int, list[str]] = {}
    for mock_id, slug in MockInterview.topics.through.objects.filter(
        mockinterview__user=user, mockinterview__held_on__gte=since
    ).values_list("mockinterview_id", "topic__slug"):
        covered.setdefault(mock_id, []).append(slug)
    for mock_id, day, average in averages:
        for slug in {COMMUNICATION, *covered.get(mock_id, [])}:
            if slug in evidence:
                evidence[slug].mock_scores.append((day, float(average)))


def weakest_slugs(user, today: date, limit: int = 10) -> tuple[str, ...]:
    """Topic slugs for the plan's review-weak-areas days, weakest first."""
    return tuple(area.slug for area in weak_areas_for(user, today)[:limit])
