"""The e-mails mentoring adds to the reminders registry: plain rules, like the reminders'
own (progress.reminders.rules), so the same sweep, ledger and exactly-once rule carry them.

- Comment notice (to the learner): once a mentor's comments have settled for COMMENT_SETTLE
  (a burst of comments is one e-mail), within COMMENT_FRESH of the newest; period =
  "comment-<newest id>", so each new batch is one e-mail. Not at the learner's chosen hour,
  so quiet hours apply.
- Mentor digest (to the mentor): weekly, from the mentor's digest hour on the first day a
  sweep finds the window open in that ISO week (normally Monday); period = the ISO week.
  What it says is read when it is sent, from active links only: an ended link is never in it.
"""

from datetime import datetime, timedelta

from progress.reminders.rules import (
    LEARNER,
    MENTOR,
    Due,
    Kind,
    LearnerFacts,
    MentorFacts,
    daily_window,
    local_now,
    register,
)

COMMENTS, MENTOR_DIGEST = "mentor-comments", "mentor-digest"
COMMENT_SETTLE = timedelta(minutes=15)
COMMENT_FRESH = timedelta(days=1)


def comments_due(facts: LearnerFacts, now: datetime) -> list[Due]:
    comment = facts.new_comment
    if comment is None:
        return []
    opens, closes = comment.at + COMMENT_SETTLE, comment.at + COMMENT_FRESH
    if not opens <= now < closes:
        return []
    why = "You get an e-mail when a mentor you invited comments on your work."
    return [Due(COMMENTS, f"comment-{comment.id}", opens, closes, why, about_id=comment.id)]


def mentor_digest_due(facts: MentorFacts, now: datetime) -> list[Due]:
    today = local_now(now, facts.zone).date()
    for day in (today, today - timedelta(days=1)):  # a late hour's window runs past midnight
        opens, closes = daily_window(day, facts.digest_hour, facts.zone)
        if opens <= now < closes:
            year, week, _ = day.isocalendar()
            why = (
                "You mentor people here: a weekly summary comes on the first day of the week "
                f"at {facts.digest_hour:02d}:00."
            )
            return [Due(MENTOR_DIGEST, f"{year}-W{week:02d}", opens, closes, why, chosen_hour=True)]
    return []


register(Kind(COMMENTS, "A mentor commented on my work", 35, True, comments_due, audience=LEARNER))
register(
    Kind(
        MENTOR_DIGEST,
        "Weekly digest of the people I mentor",
        25,
        True,
        mentor_digest_due,
        audience=MENTOR,
    )
)
