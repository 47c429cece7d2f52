"""Rating a card: scheduled by the fsrs package itself, stored in UTC with the parameters'
version, and rated once however often the same form is submitted."""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, Rating, Scheduler, State

from curriculum.models import Concept
from progress.review import rules, services
from progress.review.models import ReviewCard, ReviewLog
from tests.conftest import PINNED_NOW

from .helpers import deck

pytestmark = pytest.mark.django_db


def test_the_same_submission_rates_a_card_once(learner, curriculum):
    concept = deck()[0]
    submission = uuid.uuid4()

    first = services.card_rate(
        user=learner, concept_id=concept.pk, rating=3, submission=submission, now=PINNED_NOW
    )
    again = services.card_rate(
        user=learner,
        concept_id=concept.pk,
        rating=3,
        submission=submission,
        now=PINNED_NOW + timedelta(seconds=2),  # a double click, a moment later
    )

    assert (first.created, again.created) == (True, False)
    assert again.log.pk == first.log.pk
    assert ReviewLog.objects.filter(card__user=learner).count() == 1
    assert again.card.due == first.card.due == PINNED_NOW + timedelta(minutes=10)


def test_a_new_submission_rates_the_card_again(learner, curriculum):
    concept = deck()[0]
    for minutes in (0, 10):
        services.card_rate(
            user=learner,
            concept_id=concept.pk,
            rating=3,
            submission=uuid.uuid4(),
            now=PINNED_NOW + timedelta(minutes=minutes),
        )

    assert ReviewLog.objects.filter(card__user=learner).count() == 2


def test_the_next_due_date_is_the_one_the_fsrs_scheduler_gives(learner, curriculum):
    """Each rating, at its time, moves the card exactly as the package does on its own."""
    concept = deck()[0]
    scheduler = Scheduler(enable_fuzzing=False)
    expected = Card(card_id=concept.pk, due=PINNED_NOW)
    now = PINNED_NOW
    dues = []
    for rating in (Rating.Good, Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Easy):
        rated = services.card_rate(
            user=learner, concept_id=concept.pk, rating=rating, submission=None, now=now
        )
        expected, _ = scheduler.review_card(expected, rating, review_datetime=now)
        assert rated.card.due == expected.due
        assert rated.card.state["stability"] == pytest.approx(expected.stability)
        assert rated.card.state["difficulty"] == pytest.approx(expected.difficulty)
        dues.append(rated.card.due - now)
        now = expected.due  # the learner comes back when the card is due

    # Not a formality: learning steps of minutes, then days, a lapse, and a longer reach.
    assert dues[0] == timedelta(minutes=10) and dues[1] >= timedelta(days=1)
    assert dues[3] == timedelta(minutes=10)  # "Again" relearns in ten minutes
    assert dues[5] > dues[4] > timedelta(days=1)
    card = ReviewCard.objects.get(user=learner, concept=concept)
    assert rules.card_of(card.state).state == State.Review
    assert [log.rating for log in card.logs.all()] == [3, 3, 3, 1, 3, 4]


def test_times_are_stored_in_utc_with_the_parameters_version(learner, curriculum):
    concept = deck()[0]
    paris = PINNED_NOW.astimezone(ZoneInfo("Europe/Paris"))  # the same instant, another zone

    rated = services.card_rate(
        user=learner, concept_id=concept.pk, rating=4, submission=None, now=paris
    )

    card = ReviewCard.objects.get(pk=rated.card.pk)
    assert card.state["last_review"] == PINNED_NOW.isoformat()  # "+00:00"
    assert card.state["due"].endswith("+00:00")
    assert datetime.fromisoformat(card.state["due"]) == card.due
    assert card.due.utcoffset() == timedelta(0)
    assert rated.log.reviewed_at == PINNED_NOW
    assert card.parameters_version == rated.log.parameters_version == rules.PARAMETERS_VERSION
    assert rules.PARAMETERS_VERSION.startswith("fsrs6-")


def test_a_retired_or_unknown_concept_cannot_be_rated(learner, curriculum):
    retired = deck()[0]
    Concept.objects.filter(pk=retired.pk).update(retired=True)

    for concept_id in (retired.pk, 10**9):
        with pytest.raises(Concept.DoesNotExist):
            services.card_rate(
                user=learner, concept_id=concept_id, rating=3, submission=None, now=PINNED_NOW
            )
    assert not ReviewCard.objects.filter(user=learner).exists()


def test_a_rating_outside_one_to_four_is_refused(learner, curriculum):
    with pytest.raises(ValueError):
        services.card_rate(
            user=learner, concept_id=deck()[0].pk, rating=5, submission=None, now=PINNED_NOW
        )
    assert not ReviewCard.objects.exists()


def test_each_learner_has_their_own_card(learner, other_learner, curriculum):
    concept = deck()[0]
    services.card_rate(user=learner, concept_id=concept.pk, rating=1, submission=None,
                       now=PINNED_NOW)  # fmt: skip
    services.card_rate(user=other_learner, concept_id=concept.pk, rating=4, submission=None,
                       now=PINNED_NOW)  # fmt: skip

    dues = dict(ReviewCard.objects.values_list("user_id", "due"))
    assert dues[learner.pk] == PINNED_NOW + timedelta(minutes=1)  # Again: one minute
    assert dues[other_learner.pk] > PINNED_NOW + timedelta(days=1)
