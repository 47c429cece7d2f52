"""Scheduling the key-concept cards with FSRS (the `fsrs` package), in plain Python.

A card's memory state is the package's own Card, kept as its JSON-ready dict (`to_dict`), so
the package reads back exactly what it wrote. Times given to the package are aware UTC
datetimes (it refuses any other zone).

One scheduler for everybody: the package's default parameters, 90% desired retention, its
default learning steps (1 and 10 minutes) and relearning step (10 minutes). Fuzzing (a random
day or two added to long intervals) is off, so a card's next due date is the one its stored
state gives: reproducible, and the same as calling the package directly. PARAMETERS_VERSION
names this configuration; every card stores the version it was last scheduled with, so a
change of parameters (a package update, an optimised set) can tell old cards from new.

Forecast: the package's retrievability (the chance of recalling a card) at a future moment,
assuming no more reviews until then. A card never reviewed has none: it counts as 0.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

SCHEDULER = Scheduler(enable_fuzzing=False)
PARAMETERS_VERSION = (
    "fsrs6-"
    + hashlib.sha256(json.dumps(SCHEDULER.to_dict(), sort_keys=True).encode()).hexdigest()[:12]
)
NEW_PER_DAY = 20  # concepts a learner meets for the first time in one of their days

RATINGS = {
    Rating.Again: "Again",
    Rating.Hard: "Hard",
    Rating.Good: "Good",
    Rating.Easy: "Easy",
}
RECALLED = frozenset({Rating.Hard, Rating.Good, Rating.Easy})  # "Again" is a lapse


def utc(moment: datetime) -> datetime:
    """The same instant with the UTC tzinfo the package insists on."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(UTC)


def new_state(card_id: int, now: datetime) -> dict:
    """The state of a card nobody has reviewed yet, due at once."""
    return Card(card_id=card_id, due=utc(now)).to_dict()


def card_of(state: dict) -> Card:
    return Card.from_dict(state)


def reviewed(state: dict, rating: int, now: datetime) -> dict:
    """The card's state after a rating at `now`: the package's review, stored as its dict."""
    card, _log = SCHEDULER.review_card(card_of(state), Rating(rating), review_datetime=utc(now))
    return card.to_dict()


def due_of(state: dict) -> datetime:
    return utc(card_of(state).due)


def retention_at(state: dict | None, moment: datetime) -> float:
    """The chance, 0 to 1, of recalling the card at `moment` with no review before it."""
    if state is None:
        return 0.0
    return float(SCHEDULER.get_card_retrievability(card_of(state), utc(moment)))


@dataclass(frozen=True)
class Forecast:
    """How much the learner would still recall at `moment` if they stopped reviewing now."""

    moment: datetime
    expected: float  # expected number of concepts recalled (a never-reviewed one counts 0)
    studied: int  # concepts reviewed at least once
    total: int  # every concept in the review deck

    @property
    def percent(self) -> int:
        return round(100 * self.expected / self.total) if self.total else 0

    @property
    def studied_percent(self) -> int:
        """The average over the studied cards only."""
        return round(100 * self.expected / self.studied) if self.studied else 0


def forecast(states: list[dict], total: int, moment: datetime) -> Forecast:
    return Forecast(
        moment=moment,
        expected=sum(retention_at(s, moment) for s in states),
        studied=len(states),
        total=total,
    )


def review_order(due: list[tuple[object, dict]], moment: datetime) -> list[object]:
    """Cards due now, weakest at `moment` first: the lowest forecast retention on the
    interview day (or now, when there is none) leads; the longest-overdue breaks a tie.
    `due` holds (anything, state) pairs; the anythings come back in order."""
    return [
        key
        for key, _state in sorted(
            due, key=lambda pair: (retention_at(pair[1], moment), due_of(pair[1]))
        )
    ]


def new_left_today(started_today: int) -> int:
    """How many more new concepts the learner may start today."""
    return max(0, NEW_PER_DAY - started_today)
