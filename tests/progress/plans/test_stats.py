"""Streaks and completion, as the learner sees them on the today view."""

from datetime import date, timedelta

import pytest

from progress.plans.stats import Completion, days_until, streak

WEEKDAYS = frozenset(range(5))  # Monday to Friday
MONDAY = date(2025, 3, 10)


def days(*offsets: int) -> set[date]:
    return {MONDAY + timedelta(days=n) for n in offsets}


def test_every_study_day_done_counts_each_day():
    thursday = MONDAY + timedelta(days=3)

    assert streak(thursday, WEEKDAYS, days(0, 1, 2, 3)) == 4


def test_a_weekend_off_never_breaks_the_streak():
    next_monday = MONDAY + timedelta(days=7)
    # Thursday and Friday of the week before, nothing on Saturday and Sunday, then Monday.
    active = {MONDAY + timedelta(days=n) for n in (3, 4, 7)}

    assert streak(next_monday, WEEKDAYS, active) == 3


def test_work_done_on_a_day_off_counts_towards_the_streak():
    sunday = MONDAY + timedelta(days=6)

    assert streak(sunday, WEEKDAYS, days(3, 4, 6)) == 3


def test_today_with_nothing_done_yet_does_not_break_the_streak():
    wednesday = MONDAY + timedelta(days=2)

    assert streak(wednesday, WEEKDAYS, days(0, 1)) == 2


def test_a_missed_study_day_breaks_the_streak():
    thursday = MONDAY + timedelta(days=3)
    # Monday and Tuesday done, Wednesday missed, Thursday done.

    assert streak(thursday, WEEKDAYS, days(0, 1, 3)) == 1


def test_yesterday_missed_and_nothing_yet_today_means_no_streak():
    thursday = MONDAY + timedelta(days=3)

    assert streak(thursday, WEEKDAYS, days(0, 1)) == 0


def test_no_activity_at_all_is_a_streak_of_zero():
    assert streak(MONDAY, WEEKDAYS, set()) == 0


@pytest.mark.parametrize(("done", "total", "percent"), [(1, 3, 33), (2, 3, 67), (4, 4, 100)])
def test_completion_percent_is_done_over_total_rounded(done, total, percent):
    assert Completion(done=done, total=total).percent == percent


def test_completion_of_an_empty_plan_is_zero_percent_not_an_error():
    assert Completion(done=0, total=0).percent == 0


@pytest.mark.parametrize(("offset", "days"), [(10, 10), (0, 0), (-3, -3)])
def test_days_until_the_interview_counts_calendar_days(offset, days):
    assert days_until(MONDAY, MONDAY + timedelta(days=offset)) == days


def test_days_until_the_interview_is_none_without_a_date():
    assert days_until(MONDAY, None) is None
