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

A chunk of sends (SendChunk) writes "sent" for the rows it sent together, instead of one
statement per e-mail: when the chunk ends, before an e-mail whose content reads the ledger,
and once the oldest waiting is SENT_WRITE_AFTER old. Each row is still claimed on its own
before SMTP, so nothing is ever sent twice. A worker that dies leaves the rows it sent
since in "sending", like the one it was sending: given up as failed, never resent (the
ledger then says failed for e-mails that went out, a few seconds' worth at most).
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from django.db import connection as database
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
SENT_WRITE_AFTER = timedelta(seconds=2)  # a chunk normally ends well within it


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
    """pending/retrying -> sending, if nobody else has it. True when this caller owns it.
    Every e-mail sends this one statement, so it is written out once instead of built by the
    ORM each time (that was a sixth of an e-mail's cost in the worker)."""
    claimed_at = Delivery._meta.get_field("claimed_at").get_db_prep_save(now, database)
    with database.cursor() as cursor:
        cursor.execute(
            _claim_sql(), [Status.SENDING, claimed_at, delivery_id, Status.PENDING, Status.RETRYING]
        )
        return cursor.rowcount == 1


@cache
def _claim_sql() -> str:
    table = database.ops.quote_name(Delivery._meta.db_table)
    return (
        f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1"
        " WHERE id = %s AND status IN (%s, %s)"
    )


@dataclass
class SendChunk:
    """A chunk of sends (tasks.deliveries_send): the reads they share, and the rows sent
    whose "sent" is not written yet (id -> when), for chunk_write_sent."""

    reads: selectors.SendBatch
    sent: dict[int, datetime] = field(default_factory=dict)


def delivery_chunk(*, delivery_ids: list[int]) -> SendChunk:
    return SendChunk(selectors.SendBatch(delivery_ids))


def delivery_send(
    *,
    delivery_id: int,
    now: datetime,
    connection=None,
    chunk: SendChunk | None = None,
) -> bool:
    """Send one ledger row if this caller can claim it. True when an e-mail went out.
    SMTP errors propagate with the row back in "retrying": the task decides to retry or
    to give up (delivery_fail). A chunk of sends shares `connection`, an open mail
    connection (one SMTP session), and `chunk`, the reads they have in common; its sent
    rows are marked so by chunk_write_sent (alone, a row is marked at once)."""
    if not delivery_claim(delivery_id=delivery_id, now=now):
        return False
    batch = chunk.reads if chunk is not None else selectors.SendBatch([delivery_id])
    delivery = batch.delivery(delivery_id)
    unwanted = batch.still_wanted(delivery)
    if unwanted:
        _finish(delivery_id, Status.SKIPPED, reason=unwanted)
        return False
    if chunk is not None and delivery.kind not in content.LEDGER_FREE:
        chunk_write_sent(chunk=chunk)  # what it says may depend on what was sent before
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
    if chunk is None:
        _finish(delivery_id, Status.SENT, sent_at=now)
        return True
    chunk.sent[delivery_id] = now
    if now - next(iter(chunk.sent.values())) >= SENT_WRITE_AFTER:
        chunk_write_sent(chunk=chunk)
    return True


def chunk_write_sent(*, chunk: SendChunk) -> None:
    """sending -> sent for the chunk's rows that went out, in one statement. Each is sent at
    its claim's time, as a row sent alone is (delivery_send stamps both with its `now`)."""
    if not chunk.sent:
        return
    sent, chunk.sent = list(chunk.sent), {}
    Delivery.objects.filter(pk__in=sent, status=Status.SENDING).update(
        status=Status.SENT, sent_at=F("claimed_at")
    )


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
