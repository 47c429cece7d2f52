"""The sweep: what it writes to the ledger, and its cost, which must not grow with the
number of learners."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from progress.mentoring.models import Comment, Mentorship
from progress.plans.models import Plan, PlanItem, Schedule
from progress.reminders import rules, services
from progress.reminders.models import Delivery, ReminderSettings
from tests.conftest import PINNED_NOW

pytestmark = pytest.mark.django_db

Status = Delivery.Status


def due_learners(count: int, start: int = 0) -> list[User]:
    """`count` learners due for their digest at the pinned instant, made in bulk."""
    today = PINNED_NOW.date()
    users = User.objects.bulk_create(
        User(email=f"learner{n}@sweep.example", timezone="UTC") for n in range(start, start + count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    Schedule.objects.bulk_create(
        Schedule(user=u, study_days="0123456", start_date=today, onboarded_at=PINNED_NOW)
        for u in users
    )
    Plan.objects.bulk_create(
        Plan(user=u, start_date=today, end_date=today + timedelta(days=30)) for u in users
    )
    return users


def mentoring_each_other(users: list[User]) -> None:
    """Each learner mentors the next one and has left them a comment that settled half an
    hour ago: everyone is also due a comment notice, and as a mentor the weekly digest."""
    pairs = list(zip(users, users[1:] + users[:1], strict=True))
    Mentorship.objects.bulk_create(
        Mentorship(
            mentor=mentor, mentee=mentee, invited_by="mentee", email=mentor.email,
            status="active", expires_at=PINNED_NOW,
        )
        for mentor, mentee in pairs
    )  # fmt: skip
    plans = {plan.user_id: plan for plan in Plan.objects.filter(user__in=users)}
    items = PlanItem.objects.bulk_create(
        PlanItem(plan=plans[mentee.pk], date=PINNED_NOW.date(), key="read", title="Read",
                 activity="lesson", minutes=30)
        for _, mentee in pairs
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(author=mentor, learner=mentee, item=item, body="Good.")
        for (mentor, mentee), item in zip(pairs, items, strict=True)
    )
    Comment.objects.filter(learner__in=users).update(created_at=PINNED_NOW - timedelta(minutes=30))


def sweep_queries() -> tuple[int, services.SweepResult]:
    with CaptureQueriesContext(connection) as queries:
        result = services.reminders_sweep(now=PINNED_NOW)
    return len(queries), result


def test_one_sweep_costs_the_same_queries_for_10_and_1000_due_learners_and_mentors():
    mentoring_each_other(due_learners(10))
    small, small_result = sweep_queries()
    Delivery.objects.all().delete()
    mentoring_each_other(due_learners(990, start=10))
    large, large_result = sweep_queries()

    # Per person: the digest, the weekly nudge, a comment notice, and the mentor digest.
    assert (len(small_result.to_send), len(large_result.to_send)) == (40, 4000)
    assert small == large <= 12  # ten reads and writes, and the savepoint around them


def test_the_sweep_writes_one_row_per_learner_kind_and_period_and_enqueues_only_its_own():
    [user] = due_learners(1)

    first = services.reminders_sweep(now=PINNED_NOW)
    second = services.reminders_sweep(now=PINNED_NOW + timedelta(minutes=5))

    rows = Delivery.objects.filter(user=user)
    assert sorted(rows.values_list("kind", "period", "status")) == [
        (rules.DIGEST, "2025-03-05", Status.PENDING),
        (rules.WEAK_AREAS, "2025-W10", Status.PENDING),
    ]
    assert sorted(first.to_send) == sorted(rows.values_list("pk", flat=True))
    assert second.to_send == []


def test_a_dry_run_decides_but_writes_nothing():
    due_learners(3)

    result = services.reminders_sweep(now=PINNED_NOW, dry_run=True)

    assert len(result.decided) == 6
    assert Delivery.objects.count() == 0


def test_the_cap_and_opt_outs_are_recorded_with_their_reason():
    [user] = due_learners(1)
    ReminderSettings.objects.create(
        user=user, daily_cap=1, choices={rules.WEAK_AREAS: False}, digest_hour=7
    )
    Delivery.objects.create(
        user=user, kind=rules.POST_INTERVIEW, period="interview-1", local_date=PINNED_NOW.date(),
        status=Status.SENT, due_at=PINNED_NOW,
    )  # fmt: skip

    services.reminders_sweep(now=PINNED_NOW)

    assert sorted(Delivery.objects.filter(user=user).values_list("kind", "status", "reason")) == [
        (rules.DIGEST, Status.SKIPPED, rules.CAP_REACHED),
        (rules.POST_INTERVIEW, Status.SENT, ""),
        (rules.WEAK_AREAS, Status.SKIPPED, rules.OPTED_OUT),
    ]


@pytest.mark.parametrize(
    "who",
    ["unverified", "inactive", "unsubscribed from all", "no active plan", "not onboarded"],
)
def test_nobody_who_cannot_or_would_not_receive_it_is_swept(who):
    [user] = due_learners(1)
    if who == "unverified":
        EmailAddress.objects.filter(user=user).update(verified=False)
    elif who == "inactive":
        User.objects.filter(pk=user.pk).update(is_active=False)
    elif who == "unsubscribed from all":
        ReminderSettings.objects.create(user=user, unsubscribed_all=True)
    elif who == "no active plan":
        Plan.objects.filter(user=user).update(is_active=False)
    else:
        Schedule.objects.filter(user=user).update(onboarded_at=None)

    assert services.reminders_sweep(now=PINNED_NOW).decided == []


def test_a_row_left_sending_by_a_dead_worker_is_given_up_not_resent():
    [user] = due_learners(1)
    services.reminders_sweep(now=PINNED_NOW)
    row = Delivery.objects.get(user=user, kind=rules.DIGEST)
    assert services.delivery_claim(delivery_id=row.pk, now=timezone.now())
    Delivery.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - services.STUCK_SENDING - timedelta(seconds=1)
    )

    result = services.reminders_sweep(now=PINNED_NOW)

    row.refresh_from_db()
    assert (result.recovered, row.status) == (1, Status.FAILED)
    assert row.pk not in result.to_send
    assert not services.delivery_claim(delivery_id=row.pk, now=timezone.now())


def test_a_pending_row_whose_enqueue_was_lost_is_enqueued_again():
    [user] = due_learners(1)
    services.reminders_sweep(now=PINNED_NOW)
    Delivery.objects.filter(user=user).update(
        created_at=timezone.now() - services.LOST_PENDING - timedelta(seconds=1)
    )

    result = services.reminders_sweep(now=PINNED_NOW)

    assert sorted(result.to_send) == sorted(
        Delivery.objects.filter(user=user).values_list("pk", flat=True)
    )
