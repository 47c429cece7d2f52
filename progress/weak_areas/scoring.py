"""Weak areas: a score per topic from everything the learner has shown us. Pure function.

Inputs, per topic (`TopicEvidence`):
- `rating`: the learner's self-rating 1-5, or None.
- `practice`: (day, solved, hint_used) for each logged problem.
- `mock_scores`: (day, average rubric score 1-4) for each mock that covered the topic;
  every mock counts for the interview-communication topic.
- `overdue`: how many of the topic's plan items are past due and not done.
- `reflections`: the days of interview reflections that named the topic to improve.

Each piece of evidence has a *weakness value* between 0 (strong) and 1 (weak) and a weight:

| evidence | value | weight |
|---|---|---|
| self-rating r | (5 - r) / 4 | 1.0 |
| problem solved unaided / with a hint / unsolved | 0 / 0.4 / 1 | 1.0, decayed |
| a mock's average rubric score s | (4 - s) / 3 | 1.0, decayed |
| overdue item (at most 5 counted) | 1 | 0.5 |
| reflection naming the topic | 1 | 2.0, decayed |

Recency: dated evidence loses half its weight every HALF_LIFE_DAYS (14) days, so a problem
solved yesterday counts more than one failed a month ago. The score is the weighted mean of
the values together with a neutral prior (0.5 at weight 0.5): no evidence at all gives
exactly 0.5, and one weak signal cannot swing a topic to an extreme on its own.

Reasons are short phrases built from the same evidence, in the order of the table:
"confidence 2/5", "3 of 7 problems solved (2 with hints)", "mock scores average 2.5/4",
"2 overdue", "named in 1 reflection".
"""

from dataclasses import dataclass, field
from datetime import date

HALF_LIFE_DAYS = 14
PRIOR_VALUE = 0.5
PRIOR_WEIGHT = 0.5
RATING_WEIGHT = 1.0
PRACTICE_WEIGHT = 1.0
MOCK_WEIGHT = 1.0
OVERDUE_WEIGHT = 0.5
OVERDUE_COUNTED = 5
REFLECTION_WEIGHT = 2.0
HINT_VALUE = 0.4
WEAK_THRESHOLD = 0.55


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


@dataclass(frozen=True)
class WeakArea:
    slug: str
    title: str
    score: float  # 0 strong .. 1 weak; 0.5 when nothing is known
    reasons: tuple[str, ...]

    @property
    def is_weak(self) -> bool:
        return self.score >= WEAK_THRESHOLD

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def recency(day: date, today: date) -> float:
    age = max(0, (today - day).days)
    return 0.5 ** (age / HALF_LIFE_DAYS)


def score_topic(evidence: TopicEvidence, today: date) -> WeakArea:
    weighted = [(PRIOR_VALUE, PRIOR_WEIGHT)]
    reasons = []
    if evidence.rating is not None:
        weighted.append(((5 - evidence.rating) / 4, RATING_WEIGHT))
        reasons.append(f"confidence {evidence.rating}/5")
    if evidence.practice:
        for day, solved, hint in evidence.practice:
            value = (HINT_VALUE if hint else 0.0) if solved else 1.0
            weighted.append((value, PRACTICE_WEIGHT * recency(day, today)))
        solved = sum(1 for _, ok, _ in evidence.practice if ok)
        hints = sum(1 for _, ok, hint in evidence.practice if ok and hint)
        tried = len(evidence.practice)
        phrase = f"{solved} of {tried} problem{'s' * (tried != 1)} solved"
        reasons.append(phrase + (f" ({hints} with hints)" if hints else ""))
    if evidence.mock_scores:
        for day, score in evidence.mock_scores:
            weighted.append(((4 - score) / 3, MOCK_WEIGHT * recency(day, today)))
        average = sum(s for _, s in evidence.mock_scores) / len(evidence.mock_scores)
        by_mentor = ""
        if evidence.mentor_mocks:
            by_mentor = f" ({evidence.mentor_mocks} scored by a mentor)"
        reasons.append(f"mock scores average {average:.1f}/4{by_mentor}")
    if evidence.overdue:
        weighted += [(1.0, OVERDUE_WEIGHT)] * min(evidence.overdue, OVERDUE_COUNTED)
        reasons.append(f"{evidence.overdue} overdue")
    if evidence.reflections:
        weighted += [(1.0, REFLECTION_WEIGHT * recency(day, today)) for day in evidence.reflections]
        count = len(evidence.reflections)
        reasons.append(f"named in {count} reflection{'s' * (count != 1)}")
    total = sum(weight for _, weight in weighted)
    score = sum(value * weight for value, weight in weighted) / total
    return WeakArea(evidence.slug, evidence.title, round(score, 4), tuple(reasons))


def weak_areas(evidence: list[TopicEvidence], today: date) -> list[WeakArea]:
    """Every topic scored, weakest first (ties keep the order given)."""
    scored = [score_topic(e, today) for e in evidence]
    return sorted(scored, key=lambda area: -area.score)
