"""The rules a schedule must satisfy, as plain data in and messages out. Pure: the form
shows these messages next to its fields, and the services refuse the same cases whoever
calls them.

- at least one study day; between MIN and MAX minutes a day;
- the start within a year of today (either side);
- an interview date, when given, not before today, not before the start, and at most a
  year after it (plans span at most one year).
"""

from datetime import date, timedelta

MIN_MINUTES_PER_DAY = 15
MAX_MINUTES_PER_DAY = 480
MAX_PLAN_DAYS = 366
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def schedule_problems(
    *,
    today: date,
    start_date: date,
    interview_date: date | None,
    study_days: frozenset[int],
    minutes_per_day: int,
) -> dict[str, str]:
    """Field name -> message for every rule the schedule breaks (empty when it is fine)."""
    problems: dict[str, str] = {}
    if not study_days or not study_days <= set(range(7)):
        problems["study_days"] = "Choose at least one study day."
    if minutes_per_day < MIN_MINUTES_PER_DAY:
        problems["minutes_per_day"] = f"Give at least {MIN_MINUTES_PER_DAY} minutes a day."
    elif minutes_per_day > MAX_MINUTES_PER_DAY:
        problems["minutes_per_day"] = f"At most {MAX_MINUTES_PER_DAY} minutes (8 hours) a day."
    if start_date > today + timedelta(days=MAX_PLAN_DAYS):
        problems["start_date"] = "Start within the next year."
    elif start_date < today - timedelta(days=MAX_PLAN_DAYS):
        problems["start_date"] = "Start no more than a year ago."
    if interview_date is not None:
        if interview_date < today:
            problems["interview_date"] = "The interview date is in the past."
        elif interview_date < start_date:
            problems["start_date"] = "The start date is after the interview."
        elif (interview_date - start_date).days > MAX_PLAN_DAYS:
            problems["interview_date"] = "Plans can span at most one year."
    return problems


def study_days_text(days: frozenset[int]) -> str:
    """How a set of weekdays is stored: "01234" is Monday to Friday."""
    return "".join(str(d) for d in sorted(days))
