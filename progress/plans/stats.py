"""Progress arithmetic over plain data: streaks and completion. No database, no clock."""

from dataclasses import dataclass
from datetime import date, timedelta


def streak(today: date, study_days: frozenset[int], active_dates: set[date]) -> int:
    """Consecutive study days with work done, counting back from today.

    Days off never break a streak (work done on one still counts), and today only breaks it
    once it is over: a study day with nothing done *yet* is not a miss.
    """
    count = 0
    day = today
    if day not in active_dates:
        day -= timedelta(days=1)
    # A streak cannot be older than the activity it counts; this bounds the walk.
    oldest = min(active_dates, default=today)
    while day >= oldest:
        if day in active_dates:
            count += 1
        elif day.weekday() in study_days:
            break
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class Completion:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class PlanWeek:
    number: int
    start: date
    end: date


def plan_week(plan_start: date, day: date) -> PlanWeek:
    """The week of the plan a day falls in. "This week" means this everywhere: weeks of the
    plan, the first starting on its first day (a plan begun on a Wednesday has weeks from
    Wednesday to Tuesday). A day before the plan falls in its first week."""
    number = max(0, (day - plan_start).days) // 7 + 1
    start = plan_start + timedelta(weeks=number - 1)
    return PlanWeek(number, start, start + timedelta(days=6))


def days_until(today: date, interview: date | None) -> int | None:
    return None if interview is None else (interview - today).days
