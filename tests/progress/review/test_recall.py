"""Recall per topic, the weak-area score's evidence from review: each card's latest rating in
the window, "recalled" unless it was Again."""

from datetime import timedelta

import pytest

from curriculum.models import Concept
from progress.review import selectors
from tests.conftest import PINNED_NOW

from .helpers import rate

pytestmark = pytest.mark.django_db
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
TODAY = PINNED_NOW.date()


def of_topic(slug: str) -> list[Concept]:
    return list(Concept.objects.filter(topic__slug=slug, retired=False))


def test_recalled_counts_each_cards_latest_rating(learner, other_learner, curriculum):
    fundamentals = of_topic("python-fundamentals")
    gil = of_topic("concurrency-async")[0]
    assert len(fundamentals) >= 5
    a, b, c, d, e = fundamentals[:5]
    rate(learner, a, GOOD, PINNED_NOW)
    rate(learner, b, HARD, PINNED_NOW)
    rate(learner, c, AGAIN, PINNED_NOW)
    rate(learner, d, AGAIN, PINNED_NOW)
    rate(learner, e, EASY, PINNED_NOW - timedelta(hours=1))
    rate(learner, e, AGAIN, PINNED_NOW)  # forgotten since: the latest rating counts
    rate(learner, c, GOOD, PINNED_NOW - timedelta(hours=1))  # earlier than its Again
    rate(learner, gil, AGAIN, PINNED_NOW - timedelta(hours=2))
    rate(learner, gil, GOOD, PINNED_NOW - timedelta(hours=1))  # relearned
    rate(other_learner, a, AGAIN, PINNED_NOW)

    recall = selectors.recall_by_topic([learner.pk, other_learner.pk], TODAY)

    assert recall == {
        learner.pk: {"python-fundamentals": (2, 5), "concurrency-async": (1, 1)},
        other_learner.pk: {"python-fundamentals": (0, 1)},
    }


def test_only_recent_ratings_count(learner, curriculum):
    old, recent = of_topic("python-fundamentals")[:2]
    window = timedelta(days=selectors.RECALL_WINDOW_DAYS)
    rate(learner, old, GOOD, PINNED_NOW - window - timedelta(days=1))
    rate(learner, recent, GOOD, PINNED_NOW - window + timedelta(hours=1))

    recall = selectors.recall_by_topic([learner.pk], TODAY)

    assert recall == {learner.pk: {"python-fundamentals": (1, 1)}}


def test_a_retired_concept_no_longer_counts(learner, curriculum):
    kept, retired = of_topic("python-fundamentals")[:2]
    rate(learner, kept, AGAIN, PINNED_NOW)
    rate(learner, retired, GOOD, PINNED_NOW)
    Concept.objects.filter(pk=retired.pk).update(retired=True)

    assert selectors.recall_by_topic([learner.pk], TODAY) == {
        learner.pk: {"python-fundamentals": (0, 1)}
    }


def test_a_learner_without_reviews_has_no_recall(learner, other_learner, curriculum):
    rate(other_learner, of_topic("python-fundamentals")[0], GOOD, PINNED_NOW)

    assert selectors.recall_by_topic([learner.pk], TODAY) == {learner.pk: {}}


def test_many_learners_take_one_query(learner, other_learner, curriculum,
                                      django_assert_num_queries):  # fmt: skip
    for user in (learner, other_learner):
        for concept in of_topic("python-fundamentals")[:3]:
            rate(user, concept, GOOD, PINNED_NOW)

    with django_assert_num_queries(1):
        recall = selectors.recall_by_topic([learner.pk, other_learner.pk], TODAY)

    assert recall[learner.pk] == recall[other_learner.pk] == {"python-fundamentals": (3, 3)}
