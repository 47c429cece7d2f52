"""Loading the evidence for weak areas: a fixed number of queries, scoped to one learner
(reached through progress.access by the pages that show them)."""

from datetime import date, timedelta

from django.db.models import Avg

from curriculum.models import Topic
from progress.interviews.models import Interview
from progress.journal.models import MockInterview, MockScore, PracticeProblem
from progress.plans.models import PlanItem, TopicRating
from progress.review.selectors import recall_by_topic

from .scoring import HALF_LIFE_DAYS, TopicEvidence, WeakArea, weak_areas

# Evidence older than ten half-lives weighs under 0.1%: leave it in the database.
LOOKBACK_DAYS = 10 * HALF_LIFE_DAYS
COMMUNICATION = "interview-communication"


def weak_areas_for(user, today: date) -> list[WeakArea]:
    return weak_areas_for_many([user.pk], today)[user.pk]


def weak_areas_for_many(user_ids: list[int], today: date) -> dict[int, list[WeakArea]]:
    """Weak areas of several learners (a mentor's dashboard) in the same eight queries as
    for one."""
    since = today - timedelta(days=LOOKBACK_DAYS)
    topics = list(
        Topic.objects.filter(
            retired=False, kind__in=[Topic.Kind.STUDY, Topic.Kind.SKILLS]
        ).values_list("slug", "title")
    )
    evidence = {u: {slug: TopicEvidence(slug, title) for slug, title in topics} for u in user_ids}

    def of(user_id, slug):
        return evidence[user_id].get(slug)

    ratings = TopicRating.objects.filter(user_id__in=user_ids)
    for user_id, slug, rating in ratings.values_list("user_id", "topic__slug", "rating"):
        if found := of(user_id, slug):
            found.rating = rating
    problems = PracticeProblem.objects.filter(user_id__in=user_ids, practised_on__gte=since)
    for user_id, slug, day, solved, hint in problems.values_list(
        "user_id", "topic__slug", "practised_on", "solved", "hint_used"
    ):
        if found := of(user_id, slug):
            found.practice.append((day, solved, hint))
    _add_mock_scores(user_ids, since, of)
    overdue = PlanItem.objects.filter(
        plan__user_id__in=user_ids,
        plan__is_active=True,
        status=PlanItem.Status.PENDING,
        date__lt=today,
        topic__isnull=False,
    )
    for user_id, slug in overdue.values_list("plan__user_id", "topic__slug"):
        if found := of(user_id, slug):
            found.overdue += 1
    named = Interview.improve_topics.through.objects.filter(
        interview__user_id__in=user_ids, interview__reflected_at__date__gte=since
    ).values_list("interview__user_id", "topic__slug", "interview__reflected_at")
    for user_id, slug, when in named:
        if found := of(user_id, slug):
            found.reflections.append(when.date())
    for user_id, by_topic in recall_by_topic(user_ids, today).items():
        for slug, counts in by_topic.items():
            if found := of(user_id, slug):
                found.recall = counts
    return {u: weak_areas(list(evidence[u].values()), today) for u in user_ids}


def _add_mock_scores(user_ids, since, of) -> None:
    """Each mock counts once, with its average rubric score, for interview communication and
    for every topic it covered (eight dimension scores are one mock, not eight). A mock a
    mentor scored counts the same, and the reason says how many were the mentor's."""
    averages = (
        MockScore.objects.filter(mock__user_id__in=user_ids, mock__held_on__gte=since)
        .values("mock_id", "mock__held_on", "mock__user_id", "mock__scored_by_id")
        .annotate(average=Avg("score"))
        .values_list("mock_id", "mock__user_id", "mock__held_on", "average", "mock__scored_by_id")
    )
    covered: dict[int, list[str]] = {}
    for mock_id, slug in MockInterview.topics.through.objects.filter(
        mockinterview__user_id__in=user_ids, mockinterview__held_on__gte=since
    ).values_list("mockinterview_id", "topic__slug"):
        covered.setdefault(mock_id, []).append(slug)
    for mock_id, user_id, day, average, mentor_id in averages:
        for slug in {COMMUNICATION, *covered.get(mock_id, [])}:
            if found := of(user_id, slug):
                found.mock_scores.append((day, float(average)))
                found.mentor_mocks += mentor_id is not None


def weakest_slugs(user, today: date, limit: int = 10) -> tuple[str, ...]:
    """Topic slugs for the plan's review-weak-areas days, weakest first."""
    return tuple(area.slug for area in weak_areas_for(user, today)[:limit])
