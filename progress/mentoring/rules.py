"""Mentoring rules as plain data in, messages or verdicts out.

Invitations: nobody invites themself; an address already linked (invited or active) is not
invited twice (re-inviting a pending address just sends the e-mail again); at most
MAX_PENDING invitations wait at once per person. An invitation is good for INVITATION_DAYS
and for one answer.

On track or behind: the plan can still be finished by its end if the minutes of the items
left (everything not done or skipped, overdue included) fit in the learner's daily minutes
on the study days from today to the end. `behind_by_total` says by how many items it falls
short (the excess minutes over the average item, rounded up); 0 means on track. The
dashboard shows this rule in words.

Inactive: no activity on INACTIVE_AFTER_STUDY_DAYS study days or more since the last ticked
item (today not counted). An interview within INTERVIEW_SOON_DAYS stands out too.
"""

from datetime import date, timedelta
from math import ceil

INVITATION_DAYS = 7
MAX_PENDING = 20
INACTIVE_AFTER_STUDY_DAYS = 3
INTERVIEW_SOON_DAYS = 7


def invitation_problem(
    *, inviter_email: str, email: str, linked: set[str], pending_count: int, pending: set[str]
) -> str:
    """Why this invitation cannot go out, or "" (all addresses compared case-insensitively)."""
    email = email.strip().lower()
    if email == inviter_email.lower():
        return "That is your own address: invite someone else."
    if email in linked:
        return "You are already linked with that address."
    if email not in pending and pending_count >= MAX_PENDING:
        return f"You have {MAX_PENDING} invitations waiting: wait for answers, or withdraw some."
    return ""


def study_days_between(first: date, last: date, study_days: frozenset[int]) -> int:
    if last < first:
        return 0
    total = (last - first).days + 1
    weeks, extra = divmod(total, 7)
    count = weeks * len(study_days)
    for n in range(extra):
        if (first + timedelta(days=weeks * 7 + n)).weekday() in study_days:
            count += 1
    return count


def behind_by_total(
    *,
    today: date,
    end: date,
    study_days: frozenset[int],
    minutes_per_day: int,
    items_left: int,
    minutes_left: int,
) -> int:
    """How many of the items left would not fit in the study time left (0: on track).
    Items count at their average length: the excess minutes over that average, rounded up."""
    capacity = study_days_between(today, end, study_days) * minutes_per_day
    if minutes_left <= capacity or items_left == 0:
        return 0
    average = minutes_left / items_left
    return min(items_left, ceil((minutes_left - capacity) / average))
