"""A chunk of sends shares its reads: what stops an e-mail and what it says are loaded once
for the chunk, and its sent rows are marked sent together, so each further e-mail costs
only its claim."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curriculum.models import Topic
from progress.interviews.models import InterviewChecklistItem
from progress.mentoring import kinds
from progress.mentoring.services import comment_add
from progress.reminders import rules, services, tasks
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, UserFactory, onboard
from tests.progress.mentoring.helpers import linked

pytestmark = pytest.mark.django_db
PER_EMAIL = 1  # the claim: everything else is read, and the sent rows written, once a chunk
Status = Delivery.Status


def learners_due(count: int, start: int = 0) -> list[int]:
    """Learners due a digest and a weekly nudge; two topics rated 1/5 are weak, so the
    nudge names them with next steps from the curriculum."""
    weak = Topic.objects.filter(kind=Topic.Kind.STUDY).values_list("pk", flat=True)[:2]
    for n in range(start, start + count):
        user = UserFactory(email=f"chunk{n}@example.com", timezone="UTC")
        onboard(user, PINNED_NOW.date(), ratings=dict.fromkeys(weak, 1))
    return services.reminders_sweep(now=PINNED_NOW).to_send


def chunk_queries(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        tasks.deliveries_send(ids)
    return len(queries)


def test_each_further_email_in_a_chunk_costs_only_its_claim(curriculum):
    small = learners_due(2)
    small_cost = chunk_queries(small)
    large = learners_due(10, start=2)
    large_cost = chunk_queries(large)

    assert Delivery.objects.filter(status=Status.SENT).count() == len(small + large)
    assert len(mail.outbox) == len(small + large) == 24  # a digest and a weekly nudge each
    assert all("- Lesson: " in m.body for m in mail.outbox if "weak area" in m.subject)
    assert large_cost - small_cost == PER_EMAIL * (len(large) - len(small))


def test_a_chunk_says_the_same_as_sending_each_email_alone(curriculum):
    ids = learners_due(3)
    tasks.deliveries_send(ids)
    together = {m.to[0] + m.subject: m.body for m in mail.outbox}
    Delivery.objects.filter(pk__in=ids).update(status=Status.PENDING)
    mail.outbox.clear()

    for delivery_id in ids:
        services.delivery_send(delivery_id=delivery_id, now=PINNED_NOW)

    assert {m.to[0] + m.subject: m.body for m in mail.outbox} == together
    assert len(together) == 6


def due_row(user, kind: str, period: str, about_id: int) -> int:
    """A ledger row due now about one thing (an interview, a comment): its id."""
    return Delivery.objects.create(
        user=user, kind=kind, period=period, local_date=PINNED_NOW.date(), why="Due now.",
        about_id=about_id, due_at=PINNED_NOW,
    ).pk  # fmt: skip


def interview_eves(count: int, start: int = 0) -> list[int]:
    """Interview-eve rows of learners with an interview tomorrow, one checklist item done."""
    ids = []
    for n in range(start, start + count):
        user = UserFactory(email=f"eve{n}@example.com", timezone="UTC")
        onboard(user, PINNED_NOW.date())
        interview = InterviewFactory(user=user, scheduled_at=PINNED_NOW + timedelta(hours=20))
        done = interview.checklist.filter(phase="before").order_by("due_at").first()
        done.done_at = PINNED_NOW
        done.save()
        ids.append(due_row(user, rules.INTERVIEW_EVE, f"interview-{interview.pk}", interview.pk))
    return ids


def test_interview_emails_in_a_chunk_read_their_interviews_and_checklists_once(curriculum):
    small_cost = chunk_queries(interview_eves(2))
    large = interview_eves(6, start=2)
    large_cost = chunk_queries(large)
    together = {m.to[0]: m.body for m in mail.outbox[2:]}
    Delivery.objects.filter(pk__in=large).update(status=Status.PENDING)
    mail.outbox.clear()
    for delivery_id in large:
        services.delivery_send(delivery_id=delivery_id, now=PINNED_NOW)

    assert large_cost - small_cost == PER_EMAIL * 4
    assert {m.to[0]: m.body for m in mail.outbox} == together
    assert all("Still open on your checklist:" in body for body in together.values())
    done = set(InterviewChecklistItem.objects.exclude(done_at=None).values_list("text", flat=True))
    assert done and not any(f"- {text} (by" in body for body in together.values() for text in done)


def test_the_rows_a_chunk_sent_are_marked_sent_together_each_with_its_own_time(curriculum):
    first, second, *_ = learners_due(2)
    chunk = services.delivery_chunk(delivery_ids=[first, second])
    later = PINNED_NOW + timedelta(seconds=1)

    services.delivery_send(delivery_id=first, now=PINNED_NOW, chunk=chunk)
    services.delivery_send(delivery_id=second, now=later, chunk=chunk)
    # Claimed before SMTP and sent, not yet marked: another send finds them taken.
    assert set(
        Delivery.objects.filter(pk__in=[first, second]).values_list("status", flat=True)
    ) == {Status.SENDING}
    assert not services.delivery_send(delivery_id=first, now=later)
    # The claim's time is written as the ORM writes it: lookups on it find it.
    assert Delivery.objects.filter(claimed_at__lte=PINNED_NOW, pk=first).exists()
    assert Delivery.objects.filter(claimed_at=later, pk=second).exists()

    services.chunk_write_sent(chunk=chunk)
    rows = Delivery.objects.in_bulk([first, second])
    assert (rows[first].status, rows[first].sent_at) == (Status.SENT, PINNED_NOW)
    assert (rows[second].status, rows[second].sent_at) == (Status.SENT, later)
    assert len(mail.outbox) == 2


def test_a_slow_chunk_marks_what_it_sent_every_few_seconds(curriculum):
    first, second, third, *_ = learners_due(2)
    chunk = services.delivery_chunk(delivery_ids=[first, second, third])

    services.delivery_send(delivery_id=first, now=PINNED_NOW, chunk=chunk)
    services.delivery_send(delivery_id=second, now=PINNED_NOW + timedelta(seconds=1), chunk=chunk)
    assert Delivery.objects.get(pk=first).status == Status.SENDING
    late = PINNED_NOW + services.SENT_WRITE_AFTER
    services.delivery_send(delivery_id=third, now=late, chunk=chunk)

    assert set(
        Delivery.objects.filter(pk__in=[first, second, third]).values_list("status", flat=True)
    ) == {Status.SENT}
    assert chunk.sent == {}


def test_a_chunk_cut_short_still_marks_the_emails_it_sent(curriculum, monkeypatch):
    ids = learners_due(2)
    send = tasks._send
    calls = []

    def send_two_then_stop(*args):
        calls.append(args)
        if len(calls) > 2:
            raise RuntimeError("the worker is shutting down")
        return send(*args)

    monkeypatch.setattr(tasks, "_send", send_two_then_stop)
    with pytest.raises(RuntimeError):
        tasks.deliveries_send(ids)

    statuses = dict(Delivery.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert [statuses[pk] for pk in ids] == [
        Status.SENT,
        Status.SENT,
        Status.PENDING,
        Status.PENDING,
    ]
    assert len(mail.outbox) == 2


def test_a_notice_that_reads_the_ledger_sees_the_earlier_notices_of_its_chunk_as_sent(
    due_learner,
):
    """The comment notice says the comments since the last notice that went out: two for
    one learner in a chunk (an enqueue lost and made again, say) say two different things."""
    mentor = UserFactory(display_name="Maria")
    linked(due_learner, mentor)
    interview = InterviewFactory(user=due_learner, scheduled_at=PINNED_NOW + timedelta(days=2))
    ids = []
    for body in ("Ask them about on-call.", "And about the team's size."):
        comment = comment_add(author=mentor, learner_id=due_learner.pk, about="interview",
                              about_id=interview.pk, body=body)  # fmt: skip
        ids.append(due_row(due_learner, kinds.COMMENTS, f"comment-{comment.pk}", comment.pk))

    tasks.deliveries_send(ids)

    first, second = (m.body for m in mail.outbox)
    assert "Ask them about on-call." in first
    assert "And about the team's size." in second
    assert "Ask them about on-call." not in second
