"""Building review cards for tests: through the real service, or with a given fsrs state."""

import uuid
from datetime import datetime

from fsrs import Card, State

from curriculum.selectors import review_cards
from progress.review import rules, services
from progress.review.models import ReviewCard


def deck() -> list:
    """The concepts of the review deck, in queue order."""
    return list(review_cards())


def rate(user, concept, rating: int, now: datetime):
    return services.card_rate(
        user=user, concept_id=concept.pk, rating=rating, submission=uuid.uuid4(), now=now
    )


def studied(user, concept, *, stability: float, last_review: datetime, due: datetime):
    """A card in the Review state with a chosen memory, as the scheduler would have left it."""
    state = Card(
        card_id=concept.pk,
        state=State.Review,
        stability=stability,
        difficulty=5.0,
        due=due,
        last_review=last_review,
    ).to_dict()
    return ReviewCard.objects.create(
        user=user,
        concept=concept,
        state=state,
        due=due,
        parameters_version=rules.PARAMETERS_VERSION,
        created_at=last_review,
    )
