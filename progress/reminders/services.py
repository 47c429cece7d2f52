"""Writes for reminders: the sweep that records what is due, the send that delivers one
ledger row exactly once, the learner's preferences and unsubscribing.

Exactly once. The sweep inserts one row per (user, kind, period) under a unique constraint:
a second sweep at the same time inserts nothing. `delivery_send` claims the row with a
conditional update (pending or retrying -> sending) before it talks to SMTP: a redelivered
or duplicated task finds it claimed and sends nothing.

A worker that dies mid-send leaves the row in "sending". We cannot know whether the mail
server accepted the message, and we choose *at most once*: after STUCK_SENDING the sweep
marks such a row failed ("worker stopped while sending") and never sends it again. A
reminder missed is replaced by tomorrow's; a reminder sent twice teaches people to
unsubscribe.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from progress.plans.services import learner_changed

from . import content, rules, selectors
from .models import REASON_MAX_LENGTH, Delivery, ReminderSettings

Status = Delivery.Status
STUCK_SENDING = timedelta(minutes=10)  # well beyond the task's hard time limit (120 s)
LOST_PENDING = timedelta(minutes=10)  # enqueued after commit; older means the message was lost
LOST_RETRY = timedelta(hours=2)  # beyond the whole back-off schedule


@dataclass
class SweepResult:
    decided: list[tuple[int, rules.Decision]] = field(default_factory=list)
    to_send: list[int] = field(default_factory=list)  # ledger ids to enqueue
    recovered: int = 0  # rows given up after a worker died mid-send

    @property
    def skipped(self) -> list[tuple[int, rules.Decision]]:
        return [(u, d) for u, d in self.decided if d.skipped]


def reminders_sweep(*, now: datetime, dry_run: bool = False) -> SweepResult:
    """Record what is due now for every learner; return the ledger ids to send. The caller
    (the task) enqueues them after commit. A fixed number of queries, whatever the number
    of learners: see selectors.sweep_facts."""
    result = SweepResult()
    for facts in selectors.sweep_facts(now):
        result.decided.extend((facts.user_id, d) for d in rules.decide(facts, now))
    if dry_run:
        return result
    sweep = uuid.uuid4()
    # Housekeeping ages are real elapsed time, whatever instant the rules were asked about.
    clock = timezone.now()
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [_row(user_id, decision, sweep) for user_id, decision in result.decided],
            # One statement on PostgreSQL (Django inserts with UNNEST); SQLite splits by its
            # parameter limit.
            ignore_conflicts=True,
        )
        result.recovered = Delivery.objects.filter(
            status=Status.SENDING, claimed_at__lt=clock - STUCK_SENDING
        ).update(status=Status.FAILED, reason="The worker stopped while sending; not resent.")
        Delivery.objects.filter(status=Status.RETRYING, claimed_at__lt=clock - LOST_RETRY).update(
            status=Status.FAILED, reason="The retry was lost; not resent."
        )
        # Rows this sweep wrote, and rows whose enqueue was lost (broker down after commit).
        result.to_send = list(
            Delivery.objects.filter(status=Status.PENDING)
            .filter(Q(sweep=sweep) | Q(created_at__lt=clock - LOST_PENDING))
            .values_list("pk", flat=True)
        )
    return result


def _row(user_id: int, decision: rules.Decision, sweep: uuid.UUID) -> Delivery:
    due = decision.due
    return Delivery(
        user_id=user_id,
        kind=due.kind,
        period=due.period,
        local_date=decision.local_date,
        status=Status.SKIPPED if decision.skipped else Status.PENDING,
        reason=decision.skipped,
        why=due.why[:REASON_MAX_LENGTH],
        about_id=due.about_id,
        due_at=due.due_at,
        sweep=sweep,
    )


def delivery_claim(*, delivery_id: int, now: datetime) -> bool:
    """pending/retrying -> sending, if nobody else has it. True when this caller owns it."""
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=(Status.PENDING, Status.RETRYING)
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return claimed == 1


def delivery_send(
    *,
    delivery_id: int,
    now: datetime,
    connection=None,
    batch: selectors.SendBatch | None = None,
) -> bool:
    """Send one ledger row if this caller can claim it. True when an e-mail went out.
    SMTP errors propagate with the row back in "retrying": the task decides to retry or
    to give up (delivery_fail). A chunk of sends shares `connection`, an open mail
    connection (one SMTP session), and `batch`, the reads they have in common."""
    if not delivery_claim(delivery_id=delivery_id, now=now):
        return False
    batch = batch or selectors.SendBatch([delivery_id])
    delivery = batch.delivery(delivery_id)
    unwanted = batch.still_wanted(delivery)
    if unwanted:
        _finish(delivery_id, Status.SKIPPED, reason=unwanted)
        return False
    try:
        message = content.message_for(delivery, batch)
    except content.NothingToSay as nothing:
        _finish(delivery_id, Status.SKIPPED, reason=str(nothing)[:REASON_MAX_LENGTH])
        return False
    try:
        if connection is None:
            message.send()
        else:
            connection.send_messages([message])
    except Exception as error:
        _finish(delivery_id, Status.RETRYING, reason=_describe(error))
        raise
    _finish(delivery_id, Status.SENT, sent_at=now)
    return True


def delivery_batch(*, delivery_ids: list[int]) -> selectors.SendBatch:
    """The reads a chunk of sends shares (see selectors.SendBatch), for delivery_send."""
    return selectors.SendBatch(delivery_ids)


def delivery_attempts(*, delivery_id: int) -> int:
    return Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True).first() or 0


def delivery_fail(*, delivery_id: int, error: Exception) -> None:
    """Give up on a row after the last retry: it is marked failed with the reason."""
    Delivery.objects.filter(pk=delivery_id, status=Status.RETRYING).update(
        status=Status.FAILED, reason=_describe(error)
    )


def _finish(delivery_id: int, status: str, **fields) -> None:
    Delivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(status=status, **fields)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:REASON_MAX_LENGTH]


def reminder_settings_update(
    *, user, digest_hour: int, daily_cap: int, kinds_on: set[str], unsubscribed_all: bool
) -> ReminderSettings:
    """Save the user's preferences: the hour, the cap and which kinds they want."""
    choices = {slug: slug in kinds_on for slug in rules.KINDS}
    preferences, _ = ReminderSettings.objects.update_or_create(
        user=user,
        defaults={
            "digest_hour": digest_hour,
            "daily_cap": daily_cap,
            "choices": choices,
            "unsubscribed_all": unsubscribed_all,
        },
    )
    return preferences


@transaction.atomic
def reminders_unsubscribe(*, user, kind: str) -> ReminderSettings:
    """Stop one kind, or every e-mail (content.ALL). Harmless to repeat."""
    preferences, _ = ReminderSettings.objects.select_for_update().get_or_create(user=user)
    if kind == content.ALL:
        preferences.unsubscribed_all = True
    else:
        preferences.choices = {**preferences.choices, kind: False}
    preferences.save()
    # Not through the learner's own pages (no session): their settings page is stale.
    learner_changed(learner_id=user.pk)
    return preferences
