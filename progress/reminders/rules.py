"""When is a reminder due? Plain data in, decisions out: no Django, no database, no clock.

The sweeper (services.reminders_sweep) loads `LearnerFacts` for every learner who can
receive e-mail and asks `decide(facts, now)`; whatever it returns becomes one ledger row per
(learner, kind, period). A period is computed in the learner's local calendar, so the unique
ledger row is what makes each e-mail exactly-once.

Kinds and their windows (all in the learner's zone):
- daily digest: on a study day of the active plan, from the chosen hour for
  SEND_WINDOW hours (a late hour's window runs past midnight); period = the study day.
- catch-up: on a study day, in the same window, once the learner has had no activity on
  CATCH_UP_AFTER study days in a row; period = the last active day, so one quiet spell
  brings one nudge, and only while it is fresh (at most CATCH_UP_FRESH missed days).
- weak-area nudge: a study day's window, once per ISO week; period = the ISO week
  ("2025-W10"). Normally that is the first study day of the week; a nudge the sweep could
  not send then (the learner had it switched off, or no sweep ran) goes on the next one.
- interview eve: from EVE_HOUR on the day before the interview until an hour before it
  starts; period = "interview-<id>".
- post-interview: from FOLLOW_UP_AFTER after the start for FOLLOW_UP_WINDOW, unless the
  learner has already reflected; period = "interview-<id>".

Clock changes: an hour that does not exist that day (spring forward) sends at the first
minute that does; an hour that occurs twice (autumn) sends at its first occurrence, and the
period (the local date) makes the second one a duplicate.

Quiet hours: nothing between QUIET_START and QUIET_END local time, except what goes at the
hour the learner chose themself (digest, catch-up and the weekly nudge all do). A reminder
whose window closes before the quiet hours end is skipped with that reason; otherwise it
waits for the morning.

The daily cap: at most `daily_cap` e-mails per local day across all kinds. When more are due
than the cap allows, the highest priority goes and the rest are skipped, lowest first.
A kind the learner switched off is recorded as skipped ("opted out"); it never counts
towards the cap.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar

from accounts.zones import zone_info

SEND_WINDOW = timedelta(hours=4)
CATCH_UP_AFTER = 2
CATCH_UP_FRESH = 4
EVE_HOUR = 18
EVE_STOP_BEFORE = timedelta(hours=1)
FOLLOW_UP_AFTER = timedelta(hours=3)
FOLLOW_UP_WINDOW = timedelta(hours=45)
QUIET_START, QUIET_END = 22, 7
DEFAULT_DIGEST_HOUR = 7
DEFAULT_DAILY_CAP = 3
MAX_DAILY_CAP = 10
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

DIGEST, CATCH_UP, WEAK_AREAS = "digest", "catch-up", "weak-areas"
INTERVIEW_EVE, POST_INTERVIEW = "interview-eve", "post-interview"
OPTED_OUT, CAP_REACHED, QUIET_HOURS = "opted out", "daily cap reached", "quiet hours"
ALL = "all"  # unsubscribe from every kind
LEARNER, MENTOR = "learner", "mentor"  # who a kind is sent to


@dataclass(frozen=True)
class InterviewFacts:
    id: int
    starts_at: datetime  # aware, UTC
    reflected: bool = False


@dataclass(frozen=True)
class CommentFacts:
    """The newest comment a mentor left lately (the notice covers every comment up to it)."""

    id: int
    at: datetime  # aware, UTC


@dataclass(frozen=True)
class LearnerFacts:
    audience: ClassVar[str] = LEARNER

    user_id: int
    zone: str
    study_days: frozenset[int]  # Monday = 0
    plan_start: date
    plan_end: date
    digest_hour: int = DEFAULT_DIGEST_HOUR
    daily_cap: int = DEFAULT_DAILY_CAP
    choices: Mapping[str, bool] = field(default_factory=dict)  # kind -> on/off, if chosen
    last_active_on: date | None = None  # local day of the last ticked item
    interviews: tuple[InterviewFacts, ...] = ()
    recorded: frozenset[tuple[str, str]] = frozenset()  # (kind, period) already in the ledger
    sent_today: int = 0  # e-mails already counted towards today's cap
    new_comment: CommentFacts | None = None


@dataclass(frozen=True)
class MentorFacts:
    """What the kinds sent to mentors decide on: the mentor's own zone and preferences."""

    audience: ClassVar[str] = MENTOR
    user_id: int
    zone: str
    digest_hour: int = DEFAULT_DIGEST_HOUR
    daily_cap: int = DEFAULT_DAILY_CAP
    choices: Mapping[str, bool] = field(default_factory=dict)
    recorded: frozenset[tuple[str, str]] = frozenset()
    sent_today: int = 0


@dataclass(frozen=True)
class Due:
    kind: str
    period: str
    due_at: datetime  # UTC: when the window opened
    closes_at: datetime  # UTC: when it stops being worth sending
    why: str  # told to the learner in the e-mail: why they got it
    about_id: int | None = None  # the interview it is about, for kinds that have one
    chosen_hour: bool = False  # at the hour the learner chose (quiet hours do not apply)


@dataclass(frozen=True)
class Decision:
    due: Due
    local_date: date
    skipped: str = ""  # empty: send it; else the reason it was not sent


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str  # as the settings page and the e-mail footer name it
    priority: int  # higher goes first when the cap bites
    default_on: bool
    rule: Callable  # (facts of its audience, now) -> list[Due]
    audience: str = LEARNER  # mentoring adds kinds sent to mentors


def wall_to_utc(day: date, at: time, zone: str) -> datetime:
    """`at` on `day` in `zone` as UTC. A wall time skipped by a clock change resolves to the
    first minute after the gap; a repeated one to its first occurrence."""
    tz = zone_info(zone)
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == naive:
        return first
    # In a gap, fold=0 reads the wall time with the offset from before the change (too late)
    # and fold=1 with the one after (too early); the change itself lies between them.
    low, high = sorted((first, naive.replace(tzinfo=tz, fold=1).astimezone(UTC)))
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= naive:
            high = middle
        else:
            low = middle
    return high.replace(second=0, microsecond=0)


def local_now(now: datetime, zone: str) -> datetime:
    return now.astimezone(zone_info(zone))


def _hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


def _days_label(days: frozenset[int]) -> str:
    if days == frozenset(range(7)):
        return "every day"
    return "on " + ", ".join(DAY_NAMES[d] for d in sorted(days))


def _study_window(facts: LearnerFacts, now: datetime) -> tuple[date, datetime, datetime] | None:
    """The study day whose send window (from the learner's hour, SEND_WINDOW long) holds
    `now`: today's, or yesterday's when a late hour's window runs past local midnight."""
    today = local_now(now, facts.zone).date()
    for day in (today, today - timedelta(days=1)):
        if day.weekday() not in facts.study_days or not facts.plan_start <= day <= facts.plan_end:
            continue
        opens, closes = daily_window(day, facts.digest_hour, facts.zone)
        if opens <= now < closes:
            return day, opens, closes
    return None


def digest_due(facts: LearnerFacts, now: datetime) -> list[Due]:
    window = _study_window(facts, now)
    if window is None:
        return []
    day, opens, closes = window
    why = (
        f"You asked for a daily digest at {_hour_label(facts.digest_hour)} "
        f"{_days_label(facts.study_days)} (your study days)."
    )
    return [Due(DIGEST, day.isoformat(), opens, closes, why, chosen_hour=True)]


def missed_study_days(facts: LearnerFacts, today: date) -> list[date]:
    """Study days of the plan since the last activity (or the plan's start), before today."""
    after = facts.last_active_on or facts.plan_start - timedelta(days=1)
    first = max(after + timedelta(days=1), facts.plan_start)
    days = (first + timedelta(days=n) for n in range((today - first).days))
    return [d for d in days if d.weekday() in facts.study_days]


def catch_up_due(facts: LearnerFacts, now: datetime) -> list[Due]:
    window = _study_window(facts, now)
    if window is None:
        return []
    day, opens, closes = window
    missed = missed_study_days(facts, day)
    if not CATCH_UP_AFTER <= len(missed) <= CATCH_UP_FRESH:
        return []
    since = facts.last_active_on or facts.plan_start
    named = " and ".join(d.strftime("%a %d %b") for d in missed[-CATCH_UP_AFTER:])
    why = f"Nothing was ticked off on your last {len(missed)} study days ({named})."
    return [Due(CATCH_UP, f"since-{since.isoformat()}", opens, closes, why, chosen_hour=True)]


def weak_areas_due(facts: LearnerFacts, now: datetime) -> list[Due]:
    window = _study_window(facts, now)
    if window is None:
        return []
    day, opens, closes = window
    year, week, _ = day.isocalendar()
    why = "You get a weekly note on your weakest topics on your first study day of the week."
    return [Due(WEAK_AREAS, f"{year}-W{week:02d}", opens, closes, why, chosen_hour=True)]


def interview_eve_due(facts: LearnerFacts, now: datetime) -> list[Due]:
    due = []
    for interview in facts.interviews:
        day = local_now(interview.starts_at, facts.zone).date()
        opens = wall_to_utc(day - timedelta(days=1), time(EVE_HOUR), facts.zone)
        closes = interview.starts_at - EVE_STOP_BEFORE
        if opens <= now < closes:
            when = local_now(interview.starts_at, facts.zone).strftime("%a %d %b at %H:%M")
            why = f"You have an interview on {when}."
            period = f"interview-{interview.id}"
            due.append(Due(INTERVIEW_EVE, period, opens, closes, why, about_id=interview.id))
    return due


def post_interview_due(facts: LearnerFacts, now: datetime) -> list[Due]:
    due = []
    for interview in facts.interviews:
        opens = interview.starts_at + FOLLOW_UP_AFTER
        closes = opens + FOLLOW_UP_WINDOW
        if not interview.reflected and opens <= now < closes:
            when = local_now(interview.starts_at, facts.zone).strftime("%a %d %b at %H:%M")
            why = f"You had an interview on {when}."
            period = f"interview-{interview.id}"
            due.append(Due(POST_INTERVIEW, period, opens, closes, why, about_id=interview.id))
    return due


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind to the registry (mentoring adds its own the same way)."""
    KINDS[kind.slug] = kind
    return kind


register(
    Kind(INTERVIEW_EVE, "Interview eve: the checklist still open", 50, True, interview_eve_due)
)
register(
    Kind(
        POST_INTERVIEW,
        "After an interview: thank-you note and reflection",
        40,
        True,
        post_interview_due,
    )
)
register(Kind(DIGEST, "Daily digest on study days", 30, True, digest_due))
register(Kind(CATCH_UP, "Catch-up nudge after two quiet study days", 20, True, catch_up_due))
register(Kind(WEAK_AREAS, "Weekly weak-area nudge", 10, True, weak_areas_due))


def may_be_due(facts: LearnerFacts | MentorFacts, now: datetime) -> bool:
    """A cheap first test for the sweep: every learner kind needs a study window open now,
    an interview nearby or a fresh comment, so a learner with none has nothing due. Mentors
    are few: their kinds' rules are simply asked."""
    if facts.audience == MENTOR:
        return any(k.rule(facts, now) for k in KINDS.values() if k.audience == MENTOR)
    return (
        bool(facts.interviews)
        or facts.new_comment is not None
        or _study_window(facts, now) is not None
    )


def daily_window(day: date, hour: int, zone: str) -> tuple[datetime, datetime]:
    """The send window that opens at `hour` on `day` in `zone`, in UTC."""
    opens = wall_to_utc(day, time(hour), zone)
    return opens, opens + SEND_WINDOW


def is_on(facts: LearnerFacts, kind: Kind) -> bool:
    return facts.choices.get(kind.slug, kind.default_on)


def in_quiet_hours(moment: datetime, zone: str) -> bool:
    hour = local_now(moment, zone).hour
    return hour >= QUIET_START or hour < QUIET_END


def quiet_hours_end(moment: datetime, zone: str) -> datetime:
    """The next QUIET_END local time after `moment` (which is in quiet hours)."""
    local = local_now(moment, zone)
    day = local.date() if local.hour < QUIET_END else local.date() + timedelta(days=1)
    return wall_to_utc(day, time(QUIET_END), zone)


def decide(facts: LearnerFacts | MentorFacts, now: datetime) -> list[Decision]:
    """Everything to record for this learner now: what to send and what to skip, and why.
    Kinds already in the ledger for their period and reminders waiting out the quiet
    hours are left out (a later sweep sees them again)."""
    today = local_now(now, facts.zone).date()
    ready: list[tuple[Kind, Due]] = []
    decisions: list[Decision] = []
    for kind in KINDS.values():
        if kind.audience != facts.audience:
            continue
        for due in kind.rule(facts, now):
            if (due.kind, due.period) in facts.recorded:
                continue
            if not is_on(facts, kind):
                decisions.append(Decision(due, today, skipped=OPTED_OUT))
            elif due.chosen_hour or not in_quiet_hours(now, facts.zone):
                ready.append((kind, due))
            elif due.closes_at <= quiet_hours_end(now, facts.zone):
                decisions.append(Decision(due, today, skipped=QUIET_HOURS))
    room = max(facts.daily_cap - facts.sent_today, 0)
    ready.sort(key=lambda pair: -pair[0].priority)
    for n, (_, due) in enumerate(ready):
        decisions.append(Decision(due, today, skipped="" if n < room else CAP_REACHED))
    return decisions
