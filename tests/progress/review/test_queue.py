"""The queue: due cards first, the ones most likely forgotten by the interview day leading,
then up to NEW_PER_DAY new concepts a day; the forecast; how many are due for the today view."""

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Scheduler

from curriculum.models import Concept
from progress.access import own_access
from progress.review import rules, selectors
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory, onboard

from .helpers import deck, rate, studied

pytestmark = pytest.mark.django_db
INTERVIEW_DAY = PINNED_NOW.date() + timedelta(days=30)
# 09:00 on the interview day in the learner's zone (UTC here): what the forecast looks at.
INTERVIEW_MORNING = datetime.combine(INTERVIEW_DAY, selectors.INTERVIEW_MORNING, tzinfo=UTC)


def queue(user, now=PINNED_NOW):
    return selectors.queue_of(own_access(user), now)


def test_a_first_visit_offers_the_days_new_concepts_in_curriculum_order(learner, curriculum):
    concepts = deck()
    assert len(concepts) > rules.NEW_PER_DAY  # the allowance really limits

    found = queue(learner)

    assert [c.concept for c in found.cards] == concepts[: rules.NEW_PER_DAY]
    assert all(c.card is None for c in found.cards)
    assert (found.due, found.new) == (0, rules.NEW_PER_DAY)
    assert selectors.due_count(own_access(learner)) == rules.NEW_PER_DAY


def test_rated_cards_come_back_when_due_and_new_ones_keep_to_the_allowance(learner, curriculum):
    concepts = deck()
    for concept in concepts[:3]:
        rate(learner, concept, 3, PINNED_NOW)  # Good: back in ten minutes

    soon = queue(learner)
    later = queue(learner, PINNED_NOW + timedelta(minutes=10))

    assert (soon.due, soon.new) == (0, rules.NEW_PER_DAY - 3)
    assert [c.concept for c in soon.cards] == concepts[3 : rules.NEW_PER_DAY]
    assert (later.due, later.new) == (3, rules.NEW_PER_DAY - 3)
    assert {c.concept for c in later.cards[:3]} == set(concepts[:3])
    assert selectors.due_count(own_access(learner)) == rules.NEW_PER_DAY - 3
    assert (
        selectors.due_count(own_access(learner), PINNED_NOW + timedelta(minutes=10))
        == rules.NEW_PER_DAY
    )


def test_the_allowance_renews_at_midnight_in_the_learners_zone(curriculum):
    tokyo = UserFactory(email="kenji@example.com", timezone="Asia/Tokyo")
    for concept in deck()[: rules.NEW_PER_DAY]:
        rate(tokyo, concept, 4, PINNED_NOW)  # Easy: not due again for days

    spent = queue(tokyo)
    # PINNED_NOW is 19:00 in Tokyo: the next local midnight is 15:00 UTC on the same date.
    tokyo_midnight = datetime(2025, 3, 5, 15, 0, tzinfo=UTC)
    renewed = queue(tokyo, tokyo_midnight)

    assert spent.cards == [] and spent.next_due == tokyo_midnight
    assert selectors.due_count(own_access(tokyo)) == 0
    assert renewed.new == len(deck()) - rules.NEW_PER_DAY
    assert selectors.due_count(own_access(tokyo), tokyo_midnight) == renewed.new


def test_with_every_concept_started_the_empty_queue_names_the_next_due_card(learner, curriculum):
    from progress.review.models import ReviewCard

    concepts = deck()
    rate(learner, concepts[0], 3, PINNED_NOW)  # Good, new: back in ten minutes
    for concept in concepts[1:]:
        rate(learner, concept, 4, PINNED_NOW)  # Easy: days away

    found = queue(learner, PINNED_NOW + timedelta(minutes=5))

    assert found.cards == []
    assert found.next_due == PINNED_NOW + timedelta(minutes=10)
    assert found.next_due == min(ReviewCard.objects.values_list("due", flat=True))


def test_due_cards_most_likely_forgotten_by_the_interview_come_first(learner, curriculum):
    onboard(learner, PINNED_NOW.date(), interview_date=INTERVIEW_DAY)
    firm, shaky, middling = deck()[:3]
    # The firm card is the most overdue, but its memory lasts: it goes last.
    studied(learner, firm, stability=60, last_review=PINNED_NOW - timedelta(days=60),
            due=PINNED_NOW - timedelta(days=5))  # fmt: skip
    studied(learner, shaky, stability=2, last_review=PINNED_NOW - timedelta(days=3),
            due=PINNED_NOW - timedelta(days=1))  # fmt: skip
    studied(learner, middling, stability=12, last_review=PINNED_NOW - timedelta(days=13),
            due=PINNED_NOW - timedelta(days=2))  # fmt: skip

    found = queue(learner)

    reviews = [c for c in found.cards if c.card is not None]
    assert [c.concept for c in reviews] == [shaky, middling, firm]
    # The order is the package's own retrievability on the interview morning, lowest first.
    scheduler = Scheduler(enable_fuzzing=False)
    forecasts = [
        scheduler.get_card_retrievability(rules.card_of(c.card.state), INTERVIEW_MORNING)
        for c in reviews
    ]
    assert [c.retention for c in reviews] == pytest.approx(forecasts)
    assert forecasts == sorted(forecasts)
    assert [c.card for c in found.cards[3:]] == [None] * rules.NEW_PER_DAY  # new ones after


def test_without_an_interview_date_the_most_forgotten_today_come_first(learner, curriculum):
    firm, shaky = deck()[:2]
    studied(learner, firm, stability=60, last_review=PINNED_NOW - timedelta(days=60),
            due=PINNED_NOW - timedelta(days=5))  # fmt: skip
    studied(learner, shaky, stability=2, last_review=PINNED_NOW - timedelta(days=3),
            due=PINNED_NOW - timedelta(days=1))  # fmt: skip

    found = queue(learner)

    assert [c.concept for c in found.cards[:2]] == [shaky, firm]
    assert found.forecast is None


def test_the_forecast_is_the_expected_recall_on_the_interview_morning(learner, curriculum):
    onboard(learner, PINNED_NOW.date(), interview_date=INTERVIEW_DAY)
    concepts = deck()
    cards = [
        studied(learner, concepts[0], stability=40, last_review=PINNED_NOW,
                due=PINNED_NOW + timedelta(days=40)),
        studied(learner, concepts[1], stability=5, last_review=PINNED_NOW,
                due=PINNED_NOW + timedelta(days=5)),
    ]  # fmt: skip

    forecast = queue(learner).forecast

    scheduler = Scheduler(enable_fuzzing=False)
    expected = sum(
        scheduler.get_card_retrievability(rules.card_of(c.state), INTERVIEW_MORNING) for c in cards
    )
    assert forecast.expected == pytest.approx(expected)
    assert (forecast.studied, forecast.total) == (2, len(concepts))
    assert 0 < forecast.percent < forecast.studied_percent < 100


def test_reviewing_raises_the_forecast(learner, curriculum):
    onboard(learner, PINNED_NOW.date(), interview_date=INTERVIEW_DAY)
    before = queue(learner).forecast
    for concept in deck()[:5]:
        rate(learner, concept, 3, PINNED_NOW)

    after = queue(learner).forecast

    assert before.expected == 0 and before.studied == 0
    assert after.expected > 0 and after.studied == 5


def test_a_past_interview_date_gives_no_forecast(learner, curriculum):
    onboard(learner, PINNED_NOW.date(), interview_date=PINNED_NOW.date() + timedelta(days=3))

    found = queue(learner, PINNED_NOW + timedelta(days=4))

    assert found.forecast is None


def test_a_retired_concept_leaves_the_queue_and_the_count(learner, curriculum):
    concepts = deck()
    rate(learner, concepts[0], 3, PINNED_NOW)
    later = PINNED_NOW + timedelta(minutes=10)
    Concept.objects.filter(pk=concepts[0].pk).update(retired=True)

    found = queue(learner, later)

    assert concepts[0] not in [c.concept for c in found.cards]
    assert found.due == 0
    assert selectors.due_count(own_access(learner), later) == found.new


def test_due_count_takes_two_queries(learner, curriculum, django_assert_num_queries):
    for concept in deck()[:4]:
        rate(learner, concept, 1, PINNED_NOW)

    with django_assert_num_queries(2):
        count = selectors.due_count(own_access(learner), PINNED_NOW + timedelta(minutes=1))

    assert count == 4 + rules.NEW_PER_DAY - 4
