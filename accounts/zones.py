"""Time zones, once for the whole project: the zones we offer, "today" in a zone, and a
wall-clock time typed in a zone as UTC. Plain Python (no Django), so pure rules may use it."""

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

DEFAULT_ZONE = "UTC"
ZONE_MAX_LENGTH = 64


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone a learner may pick, sorted; built once per process."""
    return tuple(sorted(available_timezones() - {"localtime", "Factory"}))


def is_known_zone(name: str | None) -> bool:
    return bool(name) and len(name) <= ZONE_MAX_LENGTH and name in _zone_set()


@cache
def _zone_set() -> frozenset[str]:
    return frozenset(zone_names())


@cache
def zone_info(name: str) -> ZoneInfo:
    """The ZoneInfo for a zone name, kept for the process: zoneinfo itself keeps only a few
    zones warm, and a sweep over every learner meets hundreds of them, many times each."""
    return ZoneInfo(name)


def today_in(zone: str) -> date:
    """The calendar date it is now in `zone` (an unknown zone counts as UTC)."""
    return datetime.now(zone_info(zone if is_known_zone(zone) else DEFAULT_ZONE)).date()


def local_to_utc(wall: datetime, zone: str) -> datetime:
    """A naive wall-clock time in `zone` (as typed in a form) as an aware UTC datetime.

    A wall-clock time that does not exist (the hour skipped in spring) resolves the way
    zoneinfo does with fold=0.
    """
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
