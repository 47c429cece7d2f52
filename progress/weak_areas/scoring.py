"""Weak areas: a score per topic from everything the learner has shown us. Pure function.

Inputs, per topic (`TopicEvidence`):
- `rating`: the learner's self-rating 1-5, or None.
- `practice`: (day, solved, hint_used) for each logged problem.
- `mock_scores`: (day, average rubric score 1-4) for each mock that covered the topic;
  every mock counts for the interview-communication topic. `mentor_mocks` says how many of
  them a mentor scored.
- `overdue`: how many of the topic's plan items are past due and not done.
- `reflections`: the days of interview reflections that named the topic to improve.
- `recall`: (recalled, reviewed) key-concept cards of the topic at their latest review in
  the last four weeks (progress.review).

The rule: each piece of evidence is judged on its own, against a fixed yardstick, never
against the rest of the evidence. It gets a *lean* between -1 (strong) and +1 (weak) and a
weight:

| evidence | lean | counts as weak when | weight |
|---|---|---|---|
| self-rating r | (3 - r) / 2 | r is below 3/5 | 1.0 |
| problem unsolved / with a hint / unaided | +1 / +0.5 / -1 | not solved unaided | 1.0, decayed |
| a mock's average rubric score s | (2.5 - s) / 1.5 | s is below 2.5/4 | 1.0, decayed |
| overdue item (at most 5 counted) | +1 | always | 0.5 |
| reflection naming the topic | +1 | always | 2.0, decayed |
| a key-concept card at its latest review | -1 recalled / +1 forgotten | forgotten | 0.5 |

The score is the logistic of the sum of weight x lean: 1 / (1 + e^-sum). No evidence gives
exactly 0.5; one piece alone keeps it between 0.27 and 0.88, and only a long record takes it
near 0 or 1.

Why a sum and not an average: an average pulls towards each new piece, so a mock of 2.2/4
(poor) after a 1/5 self-rating (poorer) would make the topic look *stronger*. A sum only
moves the way the piece leans, whatever came before it, so:
- poor evidence (a lean >= 0: a mock of 2.5/4 or less, an unsolved problem, a hint, an
  overdue item, a reflection) never lowers the score;
- good evidence (a lean <= 0: a mock of 2.5/4 or more, a problem solved unaided) never
  raises it;
- every change is explained by the reasons: each reason carries the sign of its evidence's
  part of the sum (counts as weak, counts as strong, no effect), and adding a piece always
  changes a reason's text (the counts are in it).
Opposite evidence cancels: 1 of 2 problems solved, on the same day, leaves the score where
the rest of the evidence put it.

Recency: dated evidence loses half its weight every HALF_LIFE_DAYS (14) days, so a problem
solved yesterday counts more than one failed a month ago. Rating and overdue items are
current facts and do not decay.

Reasons are short phrases built from the same evidence, in the order of the table:
"confidence 2/5", "3 of 7 problems solved (2 with hints)", "mock scores average 2.5/4"
("... over 3 mocks" when there are several, "(1 scored by a mentor)" when a mentor scored
any), "2 overdue", "named in 1 reflection", "recalled 2 of 5 Concurrency cards".
"""

import math
from dataclasses import dataclass, field
from datetime import date

HALF_LIFE_DAYS = 14
RATING_WEIGHT = 1.0
PRACTICE_WEIGHT = 1.0
MOCK_WEIGHT = 1.0
OVERDUE_WEIGHT = 0.5
OVERDUE_COUNTED = 5
REFLECTION_WEIGHT = 2.0
RECALL_WEIGHT = 0.5  # per card: a deck of ten counts like a few problems
RATING_MIDPOINT = 3  # of 1-5: a rating below it counts as weak
MOCK_MIDPOINT = 2.5  # of the 1-4 rubric: an average below it counts as weak
UNSOLVED_LEAN = 1.0
HINT_LEAN = 0.5  # solved, but not alone: weak, half as much as unsolved
SOLVED_LEAN = -1.0
WEAK_THRESHOLD = 0.55

# The sign of a reason: which way its evidence moved the score.
WEAK, STRONG, NEUTRAL = 1, -1, 0


@dataclass
class TopicEvidence:
    slug: str
    title: str
    rating: int | None = None
    practice: list[tuple[date, bool, bool]] = field(default_factory=list)
    mock_scores: list[tuple[date, float]] = field(default_factory=list)
    mentor_mocks: int = 0  # how many of those mocks a mentor scored (shown in the reason)
    overdue: int = 0
    reflections: list[date] = field(default_factory=list)
    recall: tuple[int, int] | None = None  # (recalled, reviewed) key-concept cards


@dataclass(frozen=True)
class WeakArea:
    slug: str
    title: str
    score: float  # 0 strong .. 1 weak; 0.5 when nothing is known
    reasons: tuple[str, ...]
    effects: tuple[int, ...] = ()  # WEAK, STRONG or NEUTRAL for each reason, in order

    @property
    def is_weak(self) -> bool:
        return self.score >= WEAK_THRESHOLD

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    def _with(self, effect: int) -> tuple[str, ...]:
        return tuple(r for r, e in zip(self.reasons, self.effects, strict=True) if e == effect)

    @property
    def weak_reasons(self) -> tuple[str, ...]:
        return self._with(WEAK)

    @property
    def strong_reasons(self) -> tuple[str, ...]:
        return self._with(STRONG)

    @property
    def neutral_reasons(self) -> tuple[str, ...]:
        return self._with(NEUTRAL)


def recency(day: date, today: date) -> float:
    age = max(0, (today - day).days)
    return 0.5 ** (age / HALF_LIFE_DAYS)


def practice_lean(solved: bool, hint: bool) -> float:
    if not solved:
        return UNSOLVED_LEAN
    return HINT_LEAN if hint else SOLVED_LEAN


def mock_lean(score: float) -> float:
    return (MOCK_MIDPOINT - score) / (MOCK_MIDPOINT - 1)


def _parts(evidence: TopicEvidence, today: date) -> list[tuple[str, list[float]]]:
    """(reason, the weight x lean of each piece behind it), one per kind of evidence held."""
    parts = []
    if evidence.rating is not None:
        lean = (RATING_MIDPOINT - evidence.rating) / (RATING_MIDPOINT - 1)
        parts.append((f"confidence {evidence.rating}/5", [RATING_WEIGHT * lean]))
    if evidence.practice:
        terms = [
            PRACTICE_WEIGHT * recency(day, today) * practice_lean(solved, hint)
            for day, solved, hint in evidence.practice
        ]
        solved = sum(1 for _, ok, _ in evidence.practice if ok)
        hints = sum(1 for _, ok, hint in evidence.practice if ok and hint)
        tried = len(evidence.practice)
        phrase = f"{solved} of {tried} problem{'s' * (tried != 1)} solved"
        parts.append((phrase + (f" ({hints} with hints)" if hints else ""), terms))
    if evidence.mock_scores:
        terms = [
            MOCK_WEIGHT * recency(day, today) * mock_lean(score)
            for day, score in evidence.mock_scores
        ]
        count = len(evidence.mock_scores)
        average = sum(s for _, s in evidence.mock_scores) / count
        phrase = f"mock scores average {average:.1f}/4"
        if count > 1:  # the count makes a new mock visible even when the average holds
            phrase += f" over {count} mocks"
        if evidence.mentor_mocks:
            phrase += f" ({evidence.mentor_mocks} scored by a mentor)"
        parts.append((phrase, terms))
    if evidence.overdue:
        terms = [OVERDUE_WEIGHT] * min(evidence.overdue, OVERDUE_COUNTED)
        parts.append((f"{evidence.overdue} overdue", terms))
    if evidence.reflections:
        terms = [REFLECTION_WEIGHT * recency(day, today) for day in evidence.reflections]
        count = len(evidence.reflections)
        parts.append((f"named in {count} reflection{'s' * (count != 1)}", terms))
    if evidence.recall and evidence.recall[1]:
        recalled, reviewed = evidence.recall
        terms = [-RECALL_WEIGHT] * recalled + [RECALL_WEIGHT] * (reviewed - recalled)
        phrase = f"recalled {recalled} of {reviewed} {evidence.title} card{'s' * (reviewed != 1)}"
        parts.append((phrase, terms))
    return parts


def _sign(total: float) -> int:
    return WEAK if total > 0 else STRONG if total < 0 else NEUTRAL


def _logistic(total: float) -> float:
    # Written for both signs so that exp never overflows on a long record.
    if total >= 0:
        return 1 / (1 + math.exp(-total))
    tail = math.exp(total)
    return tail / (1 + tail)


def score_topic(evidence: TopicEvidence, today: date) -> WeakArea:
    parts = _parts(evidence, today)
    # fsum is exactly rounded, so adding a term of a sign never moves the total the other
    # way, wherever the term lands in the list.
    total = math.fsum(term for _, terms in parts for term in terms)
    return WeakArea(
        evidence.slug,
        evidence.title,
        round(_logistic(total), 4),
        tuple(reason for reason, _ in parts),
        tuple(_sign(math.fsum(terms)) for _, terms in parts),
    )


def weak_areas(evidence: list[TopicEvidence], today: date) -> list[WeakArea]:
    """Every topic scored, weakest first (ties keep the order given)."""
    scored = [score_topic(e, today) for e in evidence]
    return sorted(scored, key=lambda area: -area.score)
