"""Rating a key-concept card: the fsrs scheduler moves its due date, the rating is logged.

A resubmitted rating form (a double click, a reload, a retry) carries the same submission
key and rates once: the second submission finds the first one's log (progress.submissions).
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction

from curriculum.selectors import review_cards
from progress.submissions import create_once

from . import rules
from .models import ReviewCard, ReviewLog


@dataclass(frozen=True)
class Rated:
    log: ReviewLog
    card: ReviewCard
    created: bool  # False: this submission had already rated the card


@transaction.atomic
def card_rate(
    *, user, concept_id: int, rating: int, submission: UUID | None, now: datetime
) -> Rated:
    """Rate the user's card for a concept of the deck (its first rating starts the card).
    Concept.DoesNotExist for a concept not in the deck (unknown or retired)."""
    if rating not in rules.RATINGS:
        raise ValueError(f"rating {rating} is not one of 1-4")
    concept = review_cards().get(pk=concept_id)
    card, _ = ReviewCard.objects.get_or_create(
        user=user,
        concept=concept,
        defaults={
            "state": rules.new_state(concept.pk, now),
            "due": rules.utc(now),
            "parameters_version": rules.PARAMETERS_VERSION,
            "created_at": now,
        },
    )
    # Locked: two submissions for one card take turns, the second sees the first's log.
    card = ReviewCard.objects.select_for_update().get(pk=card.pk)

    def rate() -> ReviewLog:
        card.state = rules.reviewed(card.state, rating, now)
        card.due = rules.due_of(card.state)
        card.parameters_version = rules.PARAMETERS_VERSION
        card.save(update_fields=["state", "due", "parameters_version"])
        return ReviewLog.objects.create(
            card=card,
            rating=rating,
            reviewed_at=now,
            due_after=card.due,
            parameters_version=rules.PARAMETERS_VERSION,
            submission=submission,
        )

    log, created = create_once(ReviewLog, owner={"card": card}, submission=submission, create=rate)
    if not created:
        card.refresh_from_db()
    return Rated(log=log, card=card, created=created)
