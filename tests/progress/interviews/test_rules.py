"""The pure interview rules: due times (wall-clock arithmetic in the interview's zone, an
evening item at the learner's evening, stored in UTC), which interview times are accepted,
which checklist offsets fit a phase, due times as a person says them, and what a reflection
covers. No database, no clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from accounts.zones import local_to_utc
from progress.interviews.rules import (
    MAX_OFFSET_HOURS,
    MAX_YEARS,
    due_at,
    offset_of,
    offset_problem,
    reflection_covers,
    when_of,
    when_problem,
)

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
BERLIN = "Europe/Berlin"
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


# --- due_at for an evening item: the learner's evening, not a fixed offset ------------------


# Defect: "get a good night's sleep" (12 hours before) fell due at 02:30 for a 14:30 interview.
@pytest.mark.parametrize("start", [(8, 0), (14, 30), (23, 0)], ids=["08:00", "14:30", "23:00"])
def test_an_evening_before_item_is_due_at_21_the_day_before_whatever_time_the_interview_starts(
    start,
):
    interview = at(LONDON, 2025, 7, 10, *start)
    due = due_at(interview, -24, LONDON, evening_in=LONDON)
    assert wall_clock(due, LONDON) == datetime(2025, 7, 9, 21, 0)


def test_an_evening_item_two_days_before_is_due_at_21_two_days_before():
    interview = at(LONDON, 2025, 7, 10, 14, 30)
    due = due_at(interview, -48, LONDON, evening_in=LONDON)
    assert wall_clock(due, LONDON) == datetime(2025, 7, 8, 21, 0)


def test_an_evening_item_is_on_the_learners_clock_when_the_interview_is_in_another_zone():
    # 09:00 in New York is 15:00 in Berlin, where the learner sleeps: their evening before.
    interview = at(NEW_YORK, 2025, 7, 10, 9, 0)
    due = due_at(interview, -24, NEW_YORK, evening_in=BERLIN)
    assert wall_clock(due, BERLIN) == datetime(2025, 7, 9, 21, 0)


def test_an_evening_item_counts_the_day_on_the_learners_clock():
    # 20:00 on the 10th in New York is 02:00 on the 11th in Berlin: the evening before is
    # the 10th there.
    interview = at(NEW_YORK, 2025, 7, 10, 20, 0)
    due = due_at(interview, -24, NEW_YORK, evening_in=BERLIN)
    assert wall_clock(due, BERLIN) == datetime(2025, 7, 10, 21, 0)


def test_an_evening_item_keeps_21_across_the_october_change():
    interview = at(LONDON, 2025, 10, 27, 10, 0)  # clocks went back on the 26th at 02:00
    due = due_at(interview, -48, LONDON, evening_in=LONDON)
    assert (wall_clock(due, LONDON), due) == (
        datetime(2025, 10, 25, 21, 0),
        datetime(2025, 10, 25, 20, 0, tzinfo=UTC),
    )


# --- when_problem: which interview times are accepted ---------------------------------------

TOO_FAR = f"Pick a date within {MAX_YEARS} years of today."


# Defect: an interview already held could not be recorded, so its reflection could not be
# written; the past is accepted as far back as the future is.
@pytest.mark.parametrize(
    "scheduled_at",
    [
        NOW - FIVE_YEARS,
        NOW - timedelta(days=400),
        NOW - timedelta(minutes=1),
        NOW,
        NOW + timedelta(minutes=1),
        NOW + timedelta(days=30),
        NOW + FIVE_YEARS,
    ],
    ids=[
        "five-years-ago",
        "last-year",
        "a-minute-ago",
        "now",
        "a-minute-ahead",
        "a-month-ahead",
        "five-years-ahead",
    ],
)
def test_when_problem_accepts_a_time_within_five_years_either_side_of_now(scheduled_at):
    assert when_problem(scheduled_at, NOW) is None


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
def test_when_problem_refuses_a_time_more_than_five_years_from_now(scheduled_at):
    assert when_problem(scheduled_at, NOW) == TOO_FAR


# --- offset_problem: a checklist item's phase and offset agree ------------------------------

BEFORE_NEEDS_NEGATIVE = "A “before” item is due before the interview."
DURING_NEEDS_ZERO = "A “during” item is due at the interview."
AFTER_NEEDS_POSITIVE = "An “after” item is due after the interview."
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


@pytest.mark.parametrize("offset", [-24, -48, 24])
def test_offset_problem_accepts_an_evening_item_a_whole_number_of_days_away(offset):
    phase = "before" if offset < 0 else "after"
    assert offset_problem(phase, offset, evening=True) is None


@pytest.mark.parametrize(("phase", "offset"), [("before", -12), ("after", 30), ("during", 0)])
def test_offset_problem_refuses_an_evening_item_not_a_whole_number_of_days_away(phase, offset):
    assert offset_problem(phase, offset, evening=True) == (
        "An evening item is due a whole number of days before or after the interview."
    )


# --- offset_of and when_of: due times as a person says them ---------------------------------


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        (("before", 2, "hours"), ("before", -2, False)),
        (("before", 1, "days"), ("before", -24, False)),
        (("after", 3, "hours"), ("after", 3, False)),
        (("after", 7, "days"), ("after", 168, False)),
        (("evening", None, "hours"), ("before", -24, True)),
        (("during", None, "days"), ("during", 0, False)),
    ],
    ids=["2-hours-before", "1-day-before", "3-hours-after", "7-days-after", "evening", "during"],
)
def test_offset_of_reads_a_due_time_as_a_person_says_it(said, meant):
    assert offset_of(*said) == meant


@pytest.mark.parametrize(
    ("offset", "evening", "shown"),
    [
        (-2, False, {"when": "before", "amount": 2, "unit": "hours"}),
        (-48, False, {"when": "before", "amount": 2, "unit": "days"}),
        (-30, False, {"when": "before", "amount": 30, "unit": "hours"}),
        (6, False, {"when": "after", "amount": 6, "unit": "hours"}),
        (0, False, {"when": "during", "amount": None, "unit": "hours"}),
        (-24, True, {"when": "evening", "amount": None, "unit": "hours"}),
    ],
)
def test_when_of_gives_an_offset_back_in_whole_days_where_it_can(offset, evening, shown):
    assert when_of(offset, evening) == shown


@pytest.mark.parametrize("offset", [-1, -23, -24, -30, -MAX_OFFSET_HOURS, 1, 48, 0])
def test_when_of_then_offset_of_gives_the_same_offset(offset):
    phase = "before" if offset < 0 else "after" if offset > 0 else "during"
    assert offset_of(**when_of(offset, False)) == (phase, offset, False)


# --- reflection_covers: which checklist items a reflection does -----------------------------


@pytest.mark.parametrize(
    ("went_well", "to_improve", "names_topics", "covered"),
    [
        ("Clear answers", "", False, {"went-well"}),
        ("", "Pace", False, {"to-improve"}),
        ("", "", True, {"to-improve"}),
        ("Clear answers", "Pace", True, {"went-well", "to-improve"}),
        ("  ", "\n", False, set()),
    ],
    ids=["went-well", "to-improve", "topics-only", "all", "blank"],
)
def test_reflection_covers_the_parts_it_writes(went_well, to_improve, names_topics, covered):
    assert (
        reflection_covers(went_well=went_well, to_improve=to_improve, names_topics=names_topics)
        == covered
    )
