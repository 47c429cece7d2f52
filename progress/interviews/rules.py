"""Rules for interviews and their checklists: pure, over plain data (no database, no clock).

When an item is due: a whole number of hours before or after the interview, counted on the
clock of the zone the interview was entered in. "24 hours before a 10:00 interview" is
10:00 the day before even across a daylight-saving change (an absolute 24 h would give
09:00 or 11:00). A wall-clock time that does not exist (the hour skipped in spring)
resolves the way zoneinfo does with fold=0; the result is always in UTC.

An evening item ("get a good night's sleep") is due instead at the learner's evening
(curriculum.timing.EVENING) on the day its offset points to, on the learner's own clock:
it is their night, even for an interview entered in another zone.

What is accepted:
- an interview within MAX_YEARS of now, either side: one already held is recorded for its
  reflection; far-off dates are typing mistakes, and due-time arithmetic near year 1 or
  9999 would overflow;
- a checklist item's offset matches its phase: a "before" item is due before the
  interview (offset < 0), a "during" item at it (0), an "after" item after it (> 0), no
  more than MAX_OFFSET_HOURS away; an evening item a whole number of days away.

A person gives an item's due time as "2 hours before", "1 day after", "the evening before"
or "during the interview" (`offset_of`), and sees it back the same way (`when_of`).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from accounts.zones import local_to_utc
from curriculum.timing import EVENING, evening_problem

MAX_YEARS = 5
MAX_OFFSET_HOURS = 24 * 60
FAR_OFF = f"Pick a date within {MAX_YEARS} years of today."

# How a person says when an item is due, and what each says about the offset.
BEFORE, EVENING_BEFORE, DURING, AFTER = "before", "evening", "during", "after"
UNIT_HOURS = {"hours": 1, "days": 24}
# The parts of a reflection (ChecklistTemplateItem.ReflectionPart's values).
WENT_WELL, TO_IMPROVE = "went-well", "to-improve"


def due_at(
    interview_at: datetime, offset_hours: int, zone: str, *, evening_in: str | None = None
) -> datetime:
    """When an item falls due, in UTC. `evening_in`: the item is an evening item, and this
    is the learner's zone, whose evening it is."""
    if evening_in is not None:
        local_day = interview_at.astimezone(ZoneInfo(evening_in)).date()
        day = local_day + timedelta(days=offset_hours // 24)
        return local_to_utc(datetime.combine(day, EVENING), evening_in)
    local = interview_at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return local_to_utc(local + timedelta(hours=offset_hours), zone)


def when_problem(scheduled_at: datetime, now: datetime) -> str | None:
    """Why this interview time cannot be accepted, or None."""
    window = timedelta(days=365 * MAX_YEARS)
    if not now - window <= scheduled_at <= now + window:
        return FAR_OFF
    return None


def offset_problem(phase: str, offset_hours: int, evening: bool = False) -> str | None:
    """Why a checklist item cannot be due `offset_hours` from the interview, or None."""
    if abs(offset_hours) > MAX_OFFSET_HOURS:
        return f"Keep it within {MAX_OFFSET_HOURS // 24} days of the interview."
    if phase == "before" and offset_hours >= 0:
        return "A “before” item is due before the interview."
    if phase == "during" and offset_hours != 0:
        return "A “during” item is due at the interview."
    if phase == "after" and offset_hours <= 0:
        return "An “after” item is due after the interview."
    if evening:
        return evening_problem(offset_hours)
    return None


def offset_of(when: str, amount: int | None = None, unit: str = "hours") -> tuple[str, int, bool]:
    """(phase, offset in hours, evening) for "`amount` `unit` `when`" as a person says it;
    the amount counts only before or after."""
    if when == EVENING_BEFORE:
        return "before", -24, True
    if when == DURING:
        return "during", 0, False
    hours = (amount or 0) * UNIT_HOURS[unit]
    return (when, -hours, False) if when == BEFORE else (when, hours, False)


def when_of(offset_hours: int, evening: bool) -> dict:
    """The inverse of offset_of, as a form's initial values: whole days in days."""
    if evening:
        return {"when": EVENING_BEFORE, "amount": None, "unit": "hours"}
    if offset_hours == 0:
        return {"when": DURING, "amount": None, "unit": "hours"}
    when = BEFORE if offset_hours < 0 else AFTER
    hours = abs(offset_hours)
    if hours % 24 == 0:
        return {"when": when, "amount": hours // 24, "unit": "days"}
    return {"when": when, "amount": hours, "unit": "hours"}


def reflection_covers(*, went_well: str, to_improve: str, names_topics: bool) -> set[str]:
    """The parts a reflection writes: the checklist items asking for them are then done."""
    covered = set()
    if went_well.strip():
        covered.add(WENT_WELL)
    if to_improve.strip() or names_topics:
        covered.add(TO_IMPROVE)
    return covered
