"""Loading a learner's weak-area evidence from the database: whose, which topics, how far
back, and at a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curriculum.models import RubricDimension, Topic
from progress.interviews.services import interview_reflect
from progress.models import MockScore, PlanItem
from progress.weak_areas.selectors import LOOKBACK_DAYS, weak_areas_for, weakest_slugs
from tests.factories import (
    InterviewFactory,
    MockInterviewFactory,
    PracticeProblemFactory,
    UserFactory,
    onboard,
)

pytestmark = pytest.mark.django_db

TOPIC = "system-design"


def topic(slug: str = TOPIC) -> Topic:
    return Topic.objects.get(slug=slug)


def scored_topics() -> list[str]:
    """Every live study and skills topic, in curriculum order."""
    return list(
        Topic.objects.filter(retired=False, kind__in=["study", "skills"]).values_list(
            "slug", flat=True
        )
    )


def reasons_by_slug(user) -> dict[str, tuple[str, ...]]:
    """The reasons of every topic that has any, for `user` today."""
    return {a.slug: a.reasons for a in weak_areas_for(user, user.today) if a.reasons}


# --- evidence of each kind, for any user ---------------------------------------------------


def rated_low(user) -> dict:
    onboard(user, user.today, ratings={topic().pk: 1})
    return {TOPIC: ("confidence 1/5",)}


def failed_problem(user) -> dict:
    PracticeProblemFactory(user=user, topic=topic(), solved=False)
    return {TOPIC: ("0 of 1 problem solved",)}


def poor_mock(user) -> dict:
    mock = MockInterviewFactory(user=user, scores=1)
    mock.topics.set([topic()])
    return {
        TOPIC: ("mock scores average 1.0/4",),
        "interview-communication": ("mock scores average 1.0/4",),
    }


def overdue_items(user) -> dict:
    """A plan started a week ago and never touched: its past items are overdue."""
    onboard(user, user.today - timedelta(days=7))
    overdue = PlanItem.objects.filter(
        plan__user=user, status="pending", date__lt=user.today, topic__isnull=False
    )
    counts: dict[str, int] = {}
    for slug in overdue.values_list("topic__slug", flat=True):
        counts[slug] = counts.get(slug, 0) + 1
    assert counts, "the week-old plan has no overdue items"
    return {slug: (f"{n} overdue",) for slug, n in counts.items() if slug in scored_topics()}


def named_in_reflection(user) -> dict:
    interview = InterviewFactory(user=user, scheduled_at=timezone.now() - timedelta(days=2))
    interview_reflect(
        interview=interview,
        went_well="",
        to_improve="Scaling questions",
        topic_ids=[topic().pk],
        outcome="pending",
        today=user.today,
    )
    return {TOPIC: ("named in 1 reflection",)}


EVIDENCE = {
    "rating": rated_low,
    "practice": failed_problem,
    "mock": poor_mock,
    "overdue": overdue_items,
    "reflection": named_in_reflection,
}


@pytest.mark.parametrize("kind", list(EVIDENCE))
def test_the_learners_own_evidence_gives_its_topics_their_reasons(curriculum, learner, kind):
    expected = EVIDENCE[kind](learner)
    assert expected and reasons_by_slug(learner) == expected


@pytest.mark.parametrize("kind", list(EVIDENCE))
def test_another_learners_evidence_never_counts_for_the_learner(
    curriculum, learner, other_learner, kind
):
    EVIDENCE[kind](other_learner)
    areas = weak_areas_for(learner, learner.today)
    assert len(areas) == len(scored_topics())
    assert {(a.score, a.reasons) for a in areas} == {(0.5, ())}


def test_another_learners_poor_practice_leaves_the_topic_neutral_for_the_learner(
    curriculum, learner, other_learner
):
    for _ in range(3):
        PracticeProblemFactory(user=other_learner, topic=topic(), solved=False)
    area = next(a for a in weak_areas_for(learner, learner.today) if a.slug == TOPIC)
    assert (area.score, area.reasons, area.is_weak) == (0.5, (), False)


def test_another_learners_poor_practice_does_not_reach_the_learners_weakest_slugs(
    curriculum, learner, other_learner
):
    PracticeProblemFactory(user=other_learner, topic=topic(), solved=False)
    assert weakest_slugs(learner, learner.today, limit=3) == tuple(scored_topics()[:3])


# --- which topics ----------------------------------------------------------------------------


def test_with_no_evidence_every_study_and_skills_topic_scores_one_half_in_curriculum_order(
    curriculum, learner
):
    areas = weak_areas_for(learner, learner.today)
    assert [a.slug for a in areas] == scored_topics()
    assert len(areas) == 11 and {a.score for a in areas} == {0.5}


def test_a_retired_topic_is_not_scored(curriculum, learner):
    Topic.objects.filter(slug=TOPIC).update(retired=True)
    slugs = [a.slug for a in weak_areas_for(learner, learner.today)]
    assert len(slugs) == 10 and TOPIC not in slugs


def test_a_mock_without_topics_counts_only_for_interview_communication(curriculum, learner):
    MockInterviewFactory(user=learner, scores=2)
    assert reasons_by_slug(learner) == {"interview-communication": ("mock scores average 2.0/4",)}


def test_a_mock_counts_once_with_the_average_of_its_dimension_scores(curriculum, learner):
    mock = MockInterviewFactory(user=learner, scores=0)
    first, second = RubricDimension.objects.order_by("order")[:2]
    MockScore.objects.bulk_create(
        [
            MockScore(mock=mock, dimension=first, score=1),
            MockScore(mock=mock, dimension=second, score=4),
        ]
    )
    assert reasons_by_slug(learner) == {"interview-communication": ("mock scores average 2.5/4",)}


def test_failed_practice_makes_its_topic_the_weakest(curriculum, learner):
    failed_problem(learner)
    assert weakest_slugs(learner, learner.today, limit=3) == (
        TOPIC,
        *scored_topics()[:2],
    )


# --- how far back ----------------------------------------------------------------------------


def test_practice_from_the_first_day_of_the_lookback_still_counts(curriculum, learner):
    day = learner.today - timedelta(days=LOOKBACK_DAYS)
    PracticeProblemFactory(user=learner, topic=topic(), solved=False, practised_on=day)
    assert reasons_by_slug(learner) == {TOPIC: ("0 of 1 problem solved",)}


def test_practice_from_before_the_lookback_is_left_out(curriculum, learner):
    day = learner.today - timedelta(days=LOOKBACK_DAYS + 1)
    PracticeProblemFactory(user=learner, topic=topic(), solved=False, practised_on=day)
    assert reasons_by_slug(learner) == {}


def test_a_mock_from_before_the_lookback_is_left_out(curriculum, learner):
    day = learner.today - timedelta(days=LOOKBACK_DAYS + 1)
    MockInterviewFactory(user=learner, held_on=day, scores=1).topics.set([topic()])
    assert reasons_by_slug(learner) == {}


# --- cost ------------------------------------------------------------------------------------


def add_evidence(user, count: int) -> None:
    topics = list(Topic.objects.filter(kind__in=["study", "skills"]))
    for n in range(count):
        PracticeProblemFactory(user=user, topic=topics[n % len(topics)], solved=n % 2 == 0)
        MockInterviewFactory(user=user, scores=1 + n % 4).topics.set(topics[n % 5 : n % 5 + 2])
        interview = InterviewFactory(user=user, scheduled_at=timezone.now() - timedelta(days=n + 1))
        interview_reflect(
            interview=interview,
            went_well="",
            to_improve="",
            topic_ids=[topics[n % len(topics)].pk],
            outcome="pending",
            today=user.today,
        )


def queries_for(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        weak_areas_for(user, user.today)
    return len(captured)


def test_loading_weak_areas_runs_the_same_queries_for_2_and_for_20_records(curriculum):
    small, large = UserFactory(), UserFactory()
    onboard(small, small.today - timedelta(days=7))
    onboard(large, large.today - timedelta(days=7))
    add_evidence(small, 2)
    add_evidence(large, 20)
    assert queries_for(small) == queries_for(large) == 8  # seven kinds of evidence, and recall
