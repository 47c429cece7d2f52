"""Mentoring's e-mails as reminder kinds: when the comment notice and the mentor digest are
due. Plain data in, decisions out (no database)."""

from datetime import UTC, date, datetime, timedelta

from progress.mentoring import kinds
from progress.reminders import rules

WEDNESDAY = datetime(2025, 3, 5, 10, 0, tzinfo=UTC)


def learner(**facts) -> rules.LearnerFacts:
    defaults = {
        "user_id": 1,
        "zone": "UTC",
        "study_days": frozenset(),  # no study day: only the comment notice can be due
        "plan_start": date(2025, 3, 1),
        "plan_end": date(2025, 4, 1),
    }
    return rules.LearnerFacts(**{**defaults, **facts})


def mentor(**facts) -> rules.MentorFacts:
    return rules.MentorFacts(**{"user_id": 2, "zone": "UTC", **facts})


def kinds_decided(facts, now) -> list[tuple[str, str, str]]:
    return [(d.due.kind, d.due.period, d.skipped) for d in rules.decide(facts, now)]


def test_a_comment_notice_waits_for_a_burst_of_comments_to_settle():
    comment = rules.CommentFacts(id=7, at=WEDNESDAY)
    facts = learner(new_comment=comment)

    assert kinds_decided(facts, WEDNESDAY + timedelta(minutes=5)) == []
    assert kinds_decided(facts, WEDNESDAY + kinds.COMMENT_SETTLE) == [
        (kinds.COMMENTS, "comment-7", "")
    ]


def test_a_newer_comment_is_a_new_period_and_an_old_one_goes_stale():
    newer = learner(new_comment=rules.CommentFacts(id=8, at=WEDNESDAY))
    recorded = learner(
        new_comment=rules.CommentFacts(id=8, at=WEDNESDAY),
        recorded=frozenset({(kinds.COMMENTS, "comment-7")}),
    )
    later = WEDNESDAY + timedelta(hours=1)

    assert kinds_decided(newer, later) == [(kinds.COMMENTS, "comment-8", "")]
    assert kinds_decided(recorded, later) == [(kinds.COMMENTS, "comment-8", "")]
    assert kinds_decided(newer, WEDNESDAY + kinds.COMMENT_FRESH) == []


def test_a_comment_notice_waits_out_the_quiet_hours_and_respects_opting_out():
    late = datetime(2025, 3, 5, 21, 50, tzinfo=UTC)
    facts = learner(new_comment=rules.CommentFacts(id=3, at=late))

    assert kinds_decided(facts, late + timedelta(minutes=20)) == []  # 22:10: wait
    assert kinds_decided(facts, datetime(2025, 3, 6, 7, 0, tzinfo=UTC)) == [
        (kinds.COMMENTS, "comment-3", "")
    ]
    off = learner(new_comment=facts.new_comment, choices={kinds.COMMENTS: False})
    assert kinds_decided(off, datetime(2025, 3, 6, 7, 0, tzinfo=UTC)) == [
        (kinds.COMMENTS, "comment-3", rules.OPTED_OUT)
    ]


def test_the_mentor_digest_is_weekly_from_the_mentors_hour_in_their_zone():
    # 08:00 in New York on Monday 10 March 2025 (after the DST change) is 12:00 UTC.
    facts = mentor(zone="America/New_York", digest_hour=8)
    monday_8am = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)

    assert kinds_decided(facts, monday_8am - timedelta(minutes=1)) == []
    assert kinds_decided(facts, monday_8am) == [(kinds.MENTOR_DIGEST, "2025-W11", "")]
    sent = mentor(
        zone="America/New_York",
        digest_hour=8,
        recorded=frozenset({(kinds.MENTOR_DIGEST, "2025-W11")}),
    )
    tuesday_8am = monday_8am + timedelta(days=1)
    assert kinds_decided(sent, tuesday_8am) == []  # once a week
    assert kinds_decided(sent, monday_8am + timedelta(days=7)) == [
        (kinds.MENTOR_DIGEST, "2025-W12", "")
    ]


def test_learner_kinds_never_go_to_a_mentor_and_mentor_kinds_never_to_a_learner():
    learner_facts = learner(
        study_days=frozenset(range(7)), new_comment=rules.CommentFacts(id=1, at=WEDNESDAY)
    )
    mentor_facts = mentor()  # digest at 07:00 UTC: the window runs until 11:00
    now = WEDNESDAY + timedelta(minutes=30)

    assert kinds.MENTOR_DIGEST not in {k for k, _, _ in kinds_decided(learner_facts, now)}
    assert {k for k, _, _ in kinds_decided(mentor_facts, now)} == {kinds.MENTOR_DIGEST}
    assert rules.may_be_due(mentor_facts, now)
    assert not rules.may_be_due(mentor_facts, now + timedelta(hours=6))
