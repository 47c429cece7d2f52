"""Rules for interviews and their checklists: pure, over plain data (no database, no clock).

When an item is due: a whole number of hours before or after the interview, counted on the
clock of the zone the interview was entered in. "24 hours before a 10:00 interview" is
10:00 the day before even across a daylight-saving change (an absolute 24 h would give
09:00 or 11:00). A wall-clock time that does not exist (the hour skipped in spring)
resolves the way zoneinfo does with fold=0; the result is always in UTC.

What is accepted:
- an interview within MAX_YEARS of now (either side): far-off dates are typing mistakes,
  and due-time arithmetic near year 1 or 9999 would overflow;
- a checklist item's offset matches its phase: a "before" item is due before the
  interview (offset < 0), a "during" item at it (0), an "after" item after it (> 0), and
  no more than MAX_OFFSET_HOURS away.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from accounts.zones import local_to_utc

MAX_YEARS = 5
MAX_OFFSET_HOURS = 24 * 60
FAR_OFF = f"Pick a date within {MAX_YEARS} years of today."


def due_at(interview_at: datetime, offset_hours: int, zone: str) -> datetime:
    local = interview_at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return local_to_utc(local + timedelta(hours=offset_hours), zone)


def when_problem(scheduled_at: datetime, now: datetime, *, allow_past: bool) -> str | None:
    """Why this interview time cannot be accepted, or None."""
    window = timedelta(days=365 * MAX_YEARS)
    if not now - window <= scheduled_at <= now + window:
        return FAR_OFF
    if not allow_past and scheduled_at < now:
        return "This date and time are in the past."
    return None


def offset_problem(phase: str, offset_hours: int) -> str | None:
    """Why a checklist item cannot be due `offset_hours` from the interview, or None."""
    if abs(offset_hours) > MAX_OFFSET_HOURS:
        return f"Keep it within {MAX_OFFSET_HOURS // 24} days of the interview."
    if phase == "before" and offset_hours >= 0:
        return "A “before” item is due before the interview: use a negative number of hours."
    if phase == "during" and offset_hours != 0:
        return "A “during” item is due at the interview: use 0."
    if phase == "after" and offset_hours <= 0:
        return "An “after” item is due after the interview: use a positive number of hours."
    return None
