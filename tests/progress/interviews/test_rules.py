"""The pure interview rules: due times (wall-clock arithmetic in the interview's zone,
stored in UTC), which interview times are accepted, and which checklist offsets fit a
phase. No database, no clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from accounts.zones import local_to_utc
from progress.interviews.rules import (
    MAX_OFFSET_HOURS,
    MAX_YEARS,
    due_at,
    offset_problem,
    when_problem,
)

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
NOW = datetime(2025, 3, 5, 10, 0, tzinfo=UTC)
FIVE_YEARS = timedelta(days=365 * MAX_YEARS)


def at(zone: str, *fields) -> datetime:
    """A wall-clock time in `zone`, as the database hands it back: in UTC."""
    return datetime(*fields, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def wall_clock(moment: datetime, zone: str) -> datetime:
    """What a clock on the wall in `zone` shows at `moment` (naive)."""
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


# --- due_at: hours counted on the interview zone's clock ------------------------------------


def test_a_day_before_item_keeps_its_wall_clock_time_across_the_october_change_in_london():
    # Clocks go back at 02:00 on Sunday 26 October 2025; the interview is that morning.
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    assert wall_clock(due_at(interview, -24, LONDON), LONDON) == datetime(2025, 10, 25, 10, 0)


def test_a_day_before_item_across_the_october_change_is_25_real_hours_before():
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    assert interview - due_at(interview, -24, LONDON) == timedelta(hours=25)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-24, datetime(2025, 10, 26, 10, 0)),
        (-48, datetime(2025, 10, 25, 10, 0)),
        (-72, datetime(2025, 10, 24, 10, 0)),
    ],
)
def test_items_before_an_interview_the_day_after_the_october_change_fall_at_10_local(
    offset, expected
):
    interview = at(LONDON, 2025, 10, 27, 10, 0)
    assert wall_clock(due_at(interview, offset, LONDON), LONDON) == expected


def test_a_day_before_item_keeps_its_wall_clock_time_across_the_march_change_in_new_york():
    # Clocks go forward at 02:00 on Sunday 8 March 2026; the interview is that morning.
    interview = at(NEW_YORK, 2026, 3, 8, 10, 0)
    assert wall_clock(due_at(interview, -24, NEW_YORK), NEW_YORK) == datetime(2026, 3, 7, 10, 0)


def test_a_day_before_item_across_the_march_change_is_23_real_hours_before():
    interview = at(NEW_YORK, 2026, 3, 8, 10, 0)
    assert interview - due_at(interview, -24, NEW_YORK) == timedelta(hours=23)


def test_a_day_after_item_keeps_its_wall_clock_time_across_the_march_change_in_new_york():
    interview = at(NEW_YORK, 2026, 3, 7, 15, 30)
    assert wall_clock(due_at(interview, 24, NEW_YORK), NEW_YORK) == datetime(2026, 3, 8, 15, 30)


def test_an_item_due_during_the_interview_is_due_at_the_interview_time():
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    assert due_at(interview, 0, LONDON) == interview


def test_due_at_is_returned_in_utc():
    due = due_at(at(NEW_YORK, 2026, 3, 8, 10, 0), -24, NEW_YORK)
    assert due.tzinfo is UTC


def test_due_at_gives_the_same_instant_whatever_zone_the_interview_time_arrives_in():
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    in_tokyo = interview.astimezone(ZoneInfo("Asia/Tokyo"))
    assert due_at(in_tokyo, -24, LONDON) == due_at(interview, -24, LONDON)


def test_a_due_time_in_the_skipped_spring_hour_resolves_like_zoneinfo_fold_zero():
    # 02:30 on 8 March 2026 does not exist in New York; fold=0 reads it with the EST offset.
    interview = at(NEW_YORK, 2026, 3, 9, 2, 30)
    assert due_at(interview, -24, NEW_YORK) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_local_to_utc_reads_a_summer_time_typed_in_london_as_an_hour_earlier_in_utc():
    assert local_to_utc(datetime(2025, 7, 1, 10, 0), LONDON) == datetime(
        2025, 7, 1, 9, 0, tzinfo=UTC
    )


def test_local_to_utc_reads_a_winter_time_typed_in_london_as_the_same_time_in_utc():
    assert local_to_utc(datetime(2025, 12, 1, 10, 0), LONDON) == datetime(
        2025, 12, 1, 10, 0, tzinfo=UTC
    )


# --- when_problem: which interview times are accepted ---------------------------------------

TOO_FAR = f"Pick a date within {MAX_YEARS} years of today."
IN_THE_PAST = "This date and time are in the past."


@pytest.mark.parametrize(
    "scheduled_at",
    [NOW, NOW + timedelta(minutes=1), NOW + timedelta(days=30), NOW + FIVE_YEARS],
    ids=["now", "a-minute-ahead", "a-month-ahead", "five-years-ahead"],
)
def test_when_problem_accepts_a_time_from_now_to_five_years_ahead(scheduled_at):
    assert when_problem(scheduled_at, NOW, allow_past=False) is None


def test_when_problem_refuses_a_past_time_when_the_past_is_not_allowed():
    assert when_problem(NOW - timedelta(minutes=1), NOW, allow_past=False) == IN_THE_PAST


@pytest.mark.parametrize(
    "scheduled_at",
    [NOW - timedelta(minutes=1), NOW - timedelta(days=400), NOW - FIVE_YEARS],
    ids=["a-minute-ago", "last-year", "five-years-ago"],
)
def test_when_problem_accepts_a_past_time_within_five_years_when_the_past_is_allowed(
    scheduled_at,
):
    assert when_problem(scheduled_at, NOW, allow_past=True) is None


@pytest.mark.parametrize("allow_past", [True, False])
@pytest.mark.parametrize(
    "scheduled_at",
    [
        NOW + FIVE_YEARS + timedelta(seconds=1),
        NOW - FIVE_YEARS - timedelta(seconds=1),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    ],
    ids=["just-over-five-years-ahead", "just-over-five-years-ago", "year-1", "year-9999"],
)
def test_when_problem_refuses_a_time_more_than_five_years_from_now(scheduled_at, allow_past):
    assert when_problem(scheduled_at, NOW, allow_past=allow_past) == TOO_FAR


# --- offset_problem: a checklist item's phase and offset agree ------------------------------

BEFORE_NEEDS_NEGATIVE = (
    "A “before” item is due before the interview: use a negative number of hours."
)
DURING_NEEDS_ZERO = "A “during” item is due at the interview: use 0."
AFTER_NEEDS_POSITIVE = "An “after” item is due after the interview: use a positive number of hours."
TOO_MANY_HOURS = "Keep it within 60 days of the interview."


@pytest.mark.parametrize(
    ("phase", "offset"),
    [
        ("before", -1),
        ("before", -24),
        ("before", -MAX_OFFSET_HOURS),
        ("during", 0),
        ("after", 1),
        ("after", MAX_OFFSET_HOURS),
    ],
)
def test_offset_problem_accepts_an_offset_on_the_side_of_its_phase(phase, offset):
    assert offset_problem(phase, offset) is None


@pytest.mark.parametrize(
    ("phase", "offset", "message"),
    [
        ("before", 5, BEFORE_NEEDS_NEGATIVE),
        ("before", 0, BEFORE_NEEDS_NEGATIVE),
        ("during", 2, DURING_NEEDS_ZERO),
        ("during", -2, DURING_NEEDS_ZERO),
        ("after", -3, AFTER_NEEDS_POSITIVE),
        ("after", 0, AFTER_NEEDS_POSITIVE),
    ],
)
def test_offset_problem_refuses_an_offset_on_the_wrong_side_of_its_phase(phase, offset, message):
    assert offset_problem(phase, offset) == message


@pytest.mark.parametrize(
    ("phase", "offset"),
    [("before", -MAX_OFFSET_HOURS - 1), ("after", MAX_OFFSET_HOURS + 1), ("during", 10**6)],
)
def test_offset_problem_refuses_an_offset_more_than_sixty_days_away(phase, offset):
    assert offset_problem(phase, offset) == TOO_MANY_HOURS
