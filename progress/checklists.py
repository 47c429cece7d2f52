"""When a checklist item is due: pure arithmetic over wall-clock time.

An item is due a whole number of hours before or after the interview, counted on the clock
of the zone the interview was entered in. "24 hours before a 10:00 interview" is 10:00 the
day before even across a daylight-saving change (an absolute 24 h would give 09:00 or
11:00). A wall-clock time that does not exist (the hour skipped in spring) resolves the way
zoneinfo does with fold=0, and the result is always returned in UTC.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


def due_at(interview_at: datetime, offset_hours: int, zone: str) -> datetime:
    local = interview_at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    wall = local + timedelta(hours=offset_hours)
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local_to_utc(wall: datetime, zone: str) -> datetime:
    """A naive wall-clock time in `zone` (as typed in a form) as an aware UTC datetime."""
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
