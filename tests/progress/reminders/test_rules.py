"""When a reminder is due: the pure rules, fed plain facts and an explicit "now" (no
database). A few tests freeze the real clock to show the rules agree with it."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import time_machine

from progress.reminders import rules
from progress.reminders.rules import (
    CAP_REACHED,
    CATCH_UP,
    DIGEST,
    INTERVIEW_EVE,
    OPTED_OUT,
    POST_INTERVIEW,
    QUIET_HOURS,
    WEAK_AREAS,
    InterviewFacts,
    LearnerFacts,
    decide,
    missed_study_days,
    wall_to_utc,
)

WEEKDAYS = frozenset(range(5))
EVERY_DAY = frozenset(range(7))


def facts(**fields) -> LearnerFacts:
    """A Mon-Fri learner in UTC with a plan running all of 2025, unless told otherwise."""
    defaults = {
        "user_id": 1,
        "zone": "UTC",
        "study_days": WEEKDAYS,
        "plan_start": date(2025, 1, 6),
        "plan_end": date(2025, 12, 31),
    }
    return LearnerFacts(**(defaults | fields))


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def outcome(learner: LearnerFacts, now: datetime, kind: str | None = None):
    """(kind, period, skip reason) for each decision, optionally of one kind only."""
    return [
        (d.due.kind, d.due.period, d.skipped)
        for d in decide(learner, now)
        if kind is None or d.due.kind == kind
    ]


# --- zones and clock changes -----------------------------------------------------------------


def test_an_auckland_digest_at_seven_is_due_at_six_in_the_evening_utc_the_day_before():
    learner = facts(zone="Pacific/Auckland")

    assert outcome(learner, at(2025, 3, 4, 18, 0), DIGEST) == [(DIGEST, "2025-03-05", "")]


def test_an_auckland_digest_is_not_due_a_minute_before_seven_local():
    learner = facts(zone="Pacific/Auckland")

    assert outcome(learner, at(2025, 3, 4, 17, 59), DIGEST) == []


def test_an_auckland_digest_opens_at_the_utc_instant_of_seven_local():
    [decision] = [
        d
        for d in decide(facts(zone="Pacific/Auckland"), at(2025, 3, 4, 18))
        if d.due.kind == DIGEST
    ]

    assert (decision.due.due_at, decision.local_date) == (at(2025, 3, 4, 18), date(2025, 3, 5))


def test_an_auckland_digest_follows_the_end_of_daylight_saving_in_april():
    # NZDT ends on Sunday 6 April 2025: from then 07:00 local is 19:00 UTC, not 18:00.
    learner = facts(zone="Pacific/Auckland")

    assert outcome(learner, at(2025, 4, 6, 18, 0), DIGEST) == []
    assert outcome(learner, at(2025, 4, 6, 19, 0), DIGEST) == [(DIGEST, "2025-04-07", "")]


def test_an_auckland_digest_follows_the_start_of_daylight_saving_in_september():
    # NZDT starts on Sunday 28 September 2025: 07:00 local on Monday is 18:00 UTC on Sunday.
    assert wall_to_utc(date(2025, 9, 29), time(7), "Pacific/Auckland") == at(2025, 9, 28, 18)


def test_auckland_wall_time_in_the_september_gap_resolves_to_three_in_the_morning_nzdt():
    assert wall_to_utc(date(2025, 9, 28), time(2, 30), "Pacific/Auckland") == at(2025, 9, 27, 14)


def test_auckland_wall_time_repeated_in_april_resolves_to_its_first_occurrence():
    assert wall_to_utc(date(2025, 4, 6), time(2, 30), "Pacific/Auckland") == at(2025, 4, 5, 13, 30)


def test_an_auckland_digest_agrees_with_a_frozen_real_clock():
    learner = facts(zone="Pacific/Auckland")

    with time_machine.travel(at(2025, 3, 4, 18, 0), tick=False):
        assert outcome(learner, datetime.now(UTC), DIGEST) == [(DIGEST, "2025-03-05", "")]


def test_a_new_york_digest_at_an_hour_skipped_in_march_is_due_at_three_edt():
    learner = facts(zone="America/New_York", study_days=EVERY_DAY, digest_hour=2)

    assert outcome(learner, at(2025, 3, 9, 7, 0), DIGEST) == [(DIGEST, "2025-03-09", "")]


def test_a_new_york_digest_at_an_hour_skipped_in_march_is_not_due_before_the_change():
    learner = facts(zone="America/New_York", study_days=EVERY_DAY, digest_hour=2)

    assert outcome(learner, at(2025, 3, 9, 6, 59), DIGEST) == []


def test_a_new_york_digest_at_a_skipped_hour_agrees_with_a_frozen_real_clock():
    learner = facts(zone="America/New_York", study_days=EVERY_DAY, digest_hour=2)

    with time_machine.travel(at(2025, 3, 9, 6, 59), tick=False) as traveller:
        assert outcome(learner, datetime.now(UTC), DIGEST) == []
        traveller.shift(timedelta(minutes=1))
        assert outcome(learner, datetime.now(UTC), DIGEST) == [(DIGEST, "2025-03-09", "")]


def test_a_wall_time_in_the_march_gap_resolves_to_the_first_minute_after_it():
    assert wall_to_utc(date(2025, 3, 9), time(2, 30), "America/New_York") == at(2025, 3, 9, 7)


def test_a_new_york_digest_at_an_hour_repeated_in_november_is_due_at_its_first_occurrence():
    learner = facts(zone="America/New_York", study_days=EVERY_DAY, digest_hour=1)

    assert outcome(learner, at(2025, 11, 2, 4, 59), DIGEST) == []
    assert outcome(learner, at(2025, 11, 2, 5, 0), DIGEST) == [(DIGEST, "2025-11-02", "")]


def test_a_new_york_digest_at_a_repeated_hour_is_not_sent_again_at_the_second_occurrence():
    learner = facts(
        zone="America/New_York",
        study_days=EVERY_DAY,
        digest_hour=1,
        recorded=frozenset({(DIGEST, "2025-11-02")}),
    )

    assert outcome(learner, at(2025, 11, 2, 6, 0), DIGEST) == []


def test_a_new_york_digest_at_a_repeated_hour_is_sent_once_by_a_frozen_real_clock():
    learner = facts(zone="America/New_York", study_days=EVERY_DAY, digest_hour=1)

    with time_machine.travel(at(2025, 11, 2, 5, 0), tick=False) as traveller:
        first = outcome(learner, datetime.now(UTC), DIGEST)
        recorded = frozenset((kind, period) for kind, period, _ in first)
        traveller.shift(timedelta(hours=1))
        second = outcome(replace(learner, recorded=recorded), datetime.now(UTC), DIGEST)

    assert (first, second) == ([(DIGEST, "2025-11-02", "")], [])


def test_a_wall_time_repeated_in_november_resolves_to_its_first_occurrence():
    assert wall_to_utc(date(2025, 11, 2), time(1, 30), "America/New_York") == at(2025, 11, 2, 5, 30)


def test_a_kolkata_digest_at_seven_is_due_at_half_past_one_utc():
    learner = facts(zone="Asia/Kolkata")

    assert outcome(learner, at(2025, 3, 5, 1, 29), DIGEST) == []
    assert outcome(learner, at(2025, 3, 5, 1, 30), DIGEST) == [(DIGEST, "2025-03-05", "")]


# --- study days and the send window ----------------------------------------------------------


def test_no_digest_on_a_day_that_is_not_a_study_day():
    assert outcome(facts(), at(2025, 3, 8, 7, 0)) == []


def test_no_digest_before_the_plan_starts():
    learner = facts(plan_start=date(2025, 3, 5))

    assert outcome(learner, at(2025, 3, 4, 7, 0), DIGEST) == []


def test_a_digest_on_the_first_day_of_the_plan():
    learner = facts(plan_start=date(2025, 3, 5))

    assert outcome(learner, at(2025, 3, 5, 7, 0), DIGEST) == [(DIGEST, "2025-03-05", "")]


def test_no_digest_after_the_plan_ends():
    learner = facts(plan_end=date(2025, 3, 7))

    assert outcome(learner, at(2025, 3, 10, 7, 0), DIGEST) == []


def test_the_digest_window_is_still_open_a_minute_before_it_closes():
    last_minute = at(2025, 3, 5, 7, 0) + rules.SEND_WINDOW - timedelta(minutes=1)

    assert outcome(facts(), last_minute, DIGEST) == [(DIGEST, "2025-03-05", "")]


def test_the_digest_window_closes_send_window_after_the_chosen_hour():
    closing = at(2025, 3, 5, 7, 0) + rules.SEND_WINDOW

    assert outcome(facts(), closing, DIGEST) == []


def test_a_late_digest_hour_keeps_its_window_open_past_local_midnight():
    # The docstring gives the digest SEND_WINDOW hours from the chosen hour, and the Due it
    # builds closes at 02:00: a sweep at 00:30 must still find Wednesday's digest.
    learner = facts(digest_hour=22)

    assert outcome(learner, at(2025, 3, 6, 0, 30), DIGEST) == [(DIGEST, "2025-03-05", "")]


# --- quiet hours -----------------------------------------------------------------------------

# Friday 7 March 2025 at 20:00 in Berlin (CET, UTC+1): the follow-up opens at 23:00 local.
EVENING_INTERVIEW = InterviewFacts(7, at(2025, 3, 7, 19, 0))


def test_a_follow_up_falling_at_eleven_at_night_waits_for_the_morning():
    learner = facts(zone="Europe/Berlin", interviews=(EVENING_INTERVIEW,))

    assert outcome(learner, at(2025, 3, 7, 22, 0)) == []


def test_a_follow_up_waiting_out_the_quiet_hours_is_not_sent_before_seven():
    learner = facts(zone="Europe/Berlin", interviews=(EVENING_INTERVIEW,))

    assert outcome(learner, at(2025, 3, 8, 5, 59)) == []


def test_a_follow_up_that_waited_out_the_quiet_hours_is_sent_at_seven():
    learner = facts(zone="Europe/Berlin", interviews=(EVENING_INTERVIEW,))

    assert outcome(learner, at(2025, 3, 8, 6, 0)) == [(POST_INTERVIEW, "interview-7", "")]


def test_an_interview_eve_whose_window_closes_within_the_quiet_hours_is_skipped():
    # Saturday 07:30 CET: the eve window closes at 06:30, before the quiet hours end.
    learner = facts(zone="Europe/Berlin", interviews=(InterviewFacts(8, at(2025, 3, 8, 6, 30)),))

    assert outcome(learner, at(2025, 3, 7, 22, 0)) == [(INTERVIEW_EVE, "interview-8", QUIET_HOURS)]


def test_a_digest_at_an_hour_the_learner_chose_inside_the_quiet_hours_still_goes():
    learner = facts(zone="Europe/Berlin", digest_hour=23)

    assert outcome(learner, at(2025, 3, 5, 22, 0), DIGEST) == [(DIGEST, "2025-03-05", "")]


# --- the daily cap ---------------------------------------------------------------------------

# Monday 10 March 2025, 07:00 UTC: the digest, the week's weak-area nudge and the eve of a
# 14:00 interview are all due at once. Active on Friday, so no catch-up.
CAP_MOMENT = at(2025, 3, 10, 7, 0)


def busy_monday(**fields) -> LearnerFacts:
    return facts(
        daily_cap=2,
        last_active_on=date(2025, 3, 7),
        interviews=(InterviewFacts(3, at(2025, 3, 10, 14, 0)),),
        **fields,
    )


def test_the_cap_sends_the_highest_priorities_and_skips_the_lowest():
    assert outcome(busy_monday(), CAP_MOMENT) == [
        (INTERVIEW_EVE, "interview-3", ""),
        (DIGEST, "2025-03-10", ""),
        (WEAK_AREAS, "2025-W11", CAP_REACHED),
    ]


def test_e_mails_already_sent_today_reduce_the_room_under_the_cap():
    assert outcome(busy_monday(sent_today=1), CAP_MOMENT) == [
        (INTERVIEW_EVE, "interview-3", ""),
        (DIGEST, "2025-03-10", CAP_REACHED),
        (WEAK_AREAS, "2025-W11", CAP_REACHED),
    ]


def test_opted_out_kinds_are_recorded_as_skipped_and_leave_the_cap_to_the_rest():
    learner = busy_monday(choices={INTERVIEW_EVE: False})

    assert outcome(learner, CAP_MOMENT) == [
        (INTERVIEW_EVE, "interview-3", OPTED_OUT),
        (DIGEST, "2025-03-10", ""),
        (WEAK_AREAS, "2025-W11", ""),
    ]


# --- catch-up --------------------------------------------------------------------------------


def test_catch_up_is_due_after_two_study_days_without_activity():
    learner = facts(last_active_on=date(2025, 3, 3))

    assert outcome(learner, at(2025, 3, 6, 7, 0), CATCH_UP) == [(CATCH_UP, "since-2025-03-03", "")]


def test_catch_up_is_not_due_after_one_study_day_without_activity():
    learner = facts(last_active_on=date(2025, 3, 3))

    assert outcome(learner, at(2025, 3, 5, 7, 0), CATCH_UP) == []


def test_catch_up_is_not_sent_twice_for_the_same_quiet_spell():
    learner = facts(
        last_active_on=date(2025, 3, 3), recorded=frozenset({(CATCH_UP, "since-2025-03-03")})
    )

    assert outcome(learner, at(2025, 3, 7, 7, 0), CATCH_UP) == []


def test_catch_up_is_not_due_on_a_day_that_is_not_a_study_day():
    learner = facts(last_active_on=date(2025, 3, 3))

    assert outcome(learner, at(2025, 3, 8, 7, 0)) == []


def test_catch_up_stops_once_the_quiet_spell_is_no_longer_fresh():
    # Active Monday 3 March: Tue-Fri is four missed days, the next Tuesday a fifth.
    learner = facts(last_active_on=date(2025, 3, 3))

    assert outcome(learner, at(2025, 3, 10, 7, 0), CATCH_UP) == [(CATCH_UP, "since-2025-03-03", "")]
    assert outcome(learner, at(2025, 3, 11, 7, 0), CATCH_UP) == []


def test_a_weekend_does_not_count_as_missed_study_days():
    learner = facts(last_active_on=date(2025, 3, 6))

    assert missed_study_days(learner, date(2025, 3, 10)) == [date(2025, 3, 7)]


def test_catch_up_is_not_due_on_monday_after_a_quiet_friday_and_weekend():
    learner = facts(last_active_on=date(2025, 3, 6))

    assert outcome(learner, at(2025, 3, 10, 7, 0), CATCH_UP) == []


def test_catch_up_is_due_on_tuesday_after_a_quiet_friday_and_monday():
    learner = facts(last_active_on=date(2025, 3, 6))

    assert outcome(learner, at(2025, 3, 11, 7, 0), CATCH_UP) == [(CATCH_UP, "since-2025-03-06", "")]


# --- weekly weak-area nudge ------------------------------------------------------------------


def test_the_weak_area_nudge_comes_on_monday_for_the_iso_week():
    assert outcome(facts(), at(2025, 3, 3, 7, 0), WEAK_AREAS) == [(WEAK_AREAS, "2025-W10", "")]


def test_the_weak_area_nudge_waits_for_the_first_study_day_of_the_week():
    learner = facts(study_days=frozenset({2, 3, 4}))

    assert outcome(learner, at(2025, 3, 3, 7, 0), WEAK_AREAS) == []
    assert outcome(learner, at(2025, 3, 5, 7, 0), WEAK_AREAS) == [(WEAK_AREAS, "2025-W10", "")]


def test_a_weak_area_nudge_not_sent_on_monday_goes_on_the_next_study_day_of_that_week():
    # Nothing recorded for week 10 (no sweep ran on Monday): Tuesday's window sends it.
    assert outcome(facts(), at(2025, 3, 4, 7, 0), WEAK_AREAS) == [(WEAK_AREAS, "2025-W10", "")]


def test_the_weak_area_nudge_is_sent_once_a_week():
    learner = facts(recorded=frozenset({(WEAK_AREAS, "2025-W10")}))

    assert outcome(learner, at(2025, 3, 4, 7, 0), WEAK_AREAS) == []


def test_the_weak_area_nudge_names_the_iso_year_at_the_turn_of_the_year():
    assert outcome(facts(plan_end=date(2026, 6, 30)), at(2025, 12, 29, 7, 0), WEAK_AREAS) == [
        (WEAK_AREAS, "2026-W01", "")
    ]


# --- interview eve and follow-up -------------------------------------------------------------

# Saturday 8 March 2025 at 10:00 in Berlin (09:00 UTC): no study-day reminders around it.
MORNING_INTERVIEW = InterviewFacts(5, at(2025, 3, 8, 9, 0))


def berlin_interviewee(**fields) -> LearnerFacts:
    return facts(zone="Europe/Berlin", interviews=(MORNING_INTERVIEW,), **fields)


def test_the_interview_eve_is_not_due_before_six_in_the_evening_the_day_before():
    assert outcome(berlin_interviewee(), at(2025, 3, 7, 16, 59)) == []


def test_the_interview_eve_opens_at_six_in_the_evening_the_day_before():
    assert outcome(berlin_interviewee(), at(2025, 3, 7, 17, 0)) == [
        (INTERVIEW_EVE, "interview-5", "")
    ]


def test_the_interview_eve_is_still_due_just_before_the_hour_before_the_start():
    assert outcome(berlin_interviewee(), at(2025, 3, 8, 7, 59)) == [
        (INTERVIEW_EVE, "interview-5", "")
    ]


def test_the_interview_eve_closes_an_hour_before_the_start():
    assert outcome(berlin_interviewee(), at(2025, 3, 8, 8, 0)) == []


def test_the_interview_eve_agrees_with_a_frozen_real_clock():
    with time_machine.travel(at(2025, 3, 7, 17, 0), tick=False):
        assert outcome(berlin_interviewee(), datetime.now(UTC)) == [
            (INTERVIEW_EVE, "interview-5", "")
        ]


def test_the_follow_up_is_not_due_before_three_hours_after_the_start():
    assert outcome(berlin_interviewee(), at(2025, 3, 8, 11, 59)) == []


def test_the_follow_up_opens_three_hours_after_the_start():
    assert outcome(berlin_interviewee(), at(2025, 3, 8, 12, 0)) == [
        (POST_INTERVIEW, "interview-5", "")
    ]


def test_the_follow_up_is_not_due_once_the_learner_has_reflected():
    learner = facts(zone="Europe/Berlin", interviews=(InterviewFacts(5, at(2025, 3, 8, 9), True),))

    assert outcome(learner, at(2025, 3, 8, 12, 0)) == []


def test_the_follow_up_closes_after_its_window():
    # Opens Saturday 12:00 UTC and stays open FOLLOW_UP_WINDOW (45 h): until Monday 09:00 UTC.
    learner = berlin_interviewee(study_days=frozenset())

    assert outcome(learner, at(2025, 3, 10, 8, 59)) == [(POST_INTERVIEW, "interview-5", "")]
    assert outcome(learner, at(2025, 3, 10, 9, 0)) == []


# --- why the learner got it ------------------------------------------------------------------


def test_the_digest_says_it_comes_at_the_chosen_hour_on_the_study_days():
    [decision] = [d for d in decide(facts(), at(2025, 3, 5, 7, 0)) if d.due.kind == DIGEST]

    assert decision.due.why == (
        "You asked for a daily digest at 07:00 on Mon, Tue, Wed, Thu, Fri (your study days)."
    )
