"""Rules for the practice log and mock interviews. Pure (no database, no clock).

- a practice problem or a mock is dated from EARLIEST (2000) to tomorrow (a learner ahead
  of the server's date is not refused);
- a problem takes 1 to 600 minutes; a rubric score is 1 to 4.
"""

from datetime import date, timedelta

EARLIEST = date(2000, 1, 1)
MIN_MINUTES, MAX_MINUTES = 1, 600
MIN_SCORE, MAX_SCORE = 1, 4


def day_problem(day: date, today: date, *, future: str) -> str | None:
    if day < EARLIEST:
        return f"Pick a date from {EARLIEST.year} on."
    if day > today + timedelta(days=1):
        return future
    return None


def minutes_problem(minutes: int) -> str | None:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        return f"Between {MIN_MINUTES} and {MAX_MINUTES} minutes."
    return None


def scores_problem(scores: dict[int, int]) -> str | None:
    if not scores:
        return "Score at least one rubric dimension."
    if any(not MIN_SCORE <= s <= MAX_SCORE for s in scores.values()):
        return f"Scores run from {MIN_SCORE} to {MAX_SCORE}."
    return None
