"""Recall feeds the weak-area score: forgotten cards make a topic weaker, recalled ones
stronger, and the reason says how many of the topic's cards were recalled."""

import pytest

from curriculum.models import Concept
from progress.review.services import card_rate
from progress.weak_areas.selectors import weak_areas_for
from tests.conftest import PINNED_NOW

pytestmark = pytest.mark.django_db
AGAIN, GOOD = 1, 3


def area(user, slug):
    return {a.slug: a for a in weak_areas_for(user, PINNED_NOW.date())}[slug]


@pytest.mark.parametrize(("rating", "moves"), [(AGAIN, "weaker"), (GOOD, "stronger")])
def test_reviewing_a_topics_cards_moves_its_score_the_way_recall_went(
    learner, curriculum, rating, moves
):
    concepts = list(Concept.objects.filter(retired=False, topic__kind="study")[:40])
    topic = concepts[0].topic
    cards = [c for c in concepts if c.topic_id == topic.pk][:2]
    before = area(learner, topic.slug)

    for concept in cards:
        card_rate(user=learner, concept_id=concept.pk, rating=rating, submission=None,
                  now=PINNED_NOW)  # fmt: skip
    after = area(learner, topic.slug)

    recalled = len(cards) if rating == GOOD else 0
    assert len(cards) == 2
    assert (after.score > before.score) == (moves == "weaker")
    assert (after.score < before.score) == (moves == "stronger")
    reason = f"recalled {recalled} of 2 {topic.title} cards"
    assert reason in (after.weak_reasons if moves == "weaker" else after.strong_reasons)
