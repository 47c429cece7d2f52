"""The feed's iCalendar text, from plain data: no database, no clock (`now` is given).

Every event has a UID that stays the same from one fetch to the next (a calendar app updates
the event instead of adding a copy): "interview-<id>@<host>", "check-<id>@<host>",
"study-<plan id>-<date>@<host>". Timed events carry their zone (TZID, with the VTIMEZONE
definitions included), so they stay at the right local time across clock changes; study
days are all-day events.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from accounts.zones import zone_info

REFRESH = timedelta(hours=1)  # how often calendar apps are asked to fetch again
INTERVIEW_LENGTH = timedelta(hours=1)
CHECK_LENGTH = timedelta(minutes=15)


@dataclass(frozen=True)
class InterviewEvent:
    id: int
    title: str
    starts_at: datetime  # aware
    zone: str  # the zone the interview was given in
    url: str


@dataclass(frozen=True)
class CheckEvent:
    id: int
    title: str
    due_at: datetime  # aware
    url: str


@dataclass(frozen=True)
class StudyDay:
    plan_id: int
    day: date
    items: int
    minutes: int
    url: str


def feed_calendar(
    *,
    host: str,
    zone: str,
    now: datetime,
    interviews: list[InterviewEvent],
    checks: list[CheckEvent],
    days: list[StudyDay],
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{host}//Interview prep feed//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Interview prep")
    calendar.add("x-wr-timezone", zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for interview in interviews:
        starts = interview.starts_at.astimezone(zone_info(interview.zone))
        calendar.add_component(
            _event(f"interview-{interview.id}@{host}", interview.title, now, interview.url,
                   starts, starts + INTERVIEW_LENGTH)
        )  # fmt: skip
    for check in checks:
        due = check.due_at.astimezone(zone_info(zone))
        calendar.add_component(
            _event(f"check-{check.id}@{host}", check.title, now, check.url, due, due + CHECK_LENGTH)
        )
    for study in days:
        calendar.add_component(
            _event(
                f"study-{study.plan_id}-{study.day.isoformat()}@{host}",
                f"Study: {study.items} item{'s' * (study.items != 1)}, {study.minutes} min",
                now,
                study.url,
                study.day,
                study.day + timedelta(days=1),
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(uid: str, summary: str, now: datetime, url: str, start, end) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("url", url)
    event.add("description", url)
    return event
