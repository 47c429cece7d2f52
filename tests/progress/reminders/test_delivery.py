"""Exactly once, with real parts: a real Celery worker on Redis sends through a real SMTP
server on 127.0.0.1. Sweeps race, the server refuses, the server is down, and every case
ends with the number of e-mails a learner would count in their inbox."""

import threading
import time

import pytest
from django.db import connection

from progress.reminders import rules, services, tasks
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW
from tests.progress.reminders.conftest import digest_only

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

Status = Delivery.Status
FINAL = {Status.SENT, Status.FAILED, Status.SKIPPED}


@pytest.fixture(autouse=True)
def _running_clock(time_machine):
    # The worker waits for retry times on the clock: let it run from the pinned instant.
    time_machine.move_to(PINNED_NOW, tick=True)


def wait_until_settled(timeout: float = 20.0) -> list[Delivery]:
    """The ledger once every row has reached a final state (or the timeout passed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = list(Delivery.objects.order_by("pk"))
        if rows and all(row.status in FINAL for row in rows):
            return rows
        time.sleep(0.1)
    return list(Delivery.objects.order_by("pk"))


def sweep_and_send() -> services.SweepResult:
    result = services.reminders_sweep(now=PINNED_NOW)
    tasks.send_later(result.to_send)
    return result


def digests(server) -> list:
    return [m for m in server.inbox.messages() if m["Subject"].startswith("Today's study")]


def test_two_sweeps_at_once_send_one_digest(real_worker, smtp_server, due_learner):
    start = threading.Barrier(2)
    enqueued = []

    def sweep():
        try:
            start.wait()
            enqueued.append(len(sweep_and_send().to_send))
        finally:
            connection.close()

    racers = [threading.Thread(target=sweep) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    rows = wait_until_settled()

    assert len(digests(smtp_server)) == 1
    assert sorted(enqueued) == [0, 2]  # the digest and the weekly nudge, enqueued once
    assert sorted((r.kind, r.status) for r in rows) == [
        (rules.DIGEST, Status.SENT),
        (rules.WEAK_AREAS, Status.SENT),
    ]


def test_a_second_sweep_later_sends_nothing_more(real_worker, smtp_server, due_learner):
    sweep_and_send()
    wait_until_settled()

    again = sweep_and_send()
    time.sleep(1)

    assert again.to_send == []
    assert len(smtp_server.inbox.received) == 2


def test_two_smtp_refusals_then_success_deliver_exactly_one_email(
    real_worker, smtp_server, due_learner
):
    digest_only(due_learner)
    smtp_server.inbox.refuse_next = 2

    sweep_and_send()
    rows = wait_until_settled()
    digest = next(r for r in rows if r.kind == rules.DIGEST)

    assert len(digests(smtp_server)) == 1
    assert (digest.status, digest.attempts) == (Status.SENT, 3)


def test_a_mail_server_down_for_the_whole_retry_window_leaves_a_failed_row_and_no_email(
    real_worker, smtp_server, due_learner, settings
):
    settings.MAIL_RETRY_MAX = 2
    digest_only(due_learner)
    smtp_server.stop()

    sweep_and_send()
    rows = wait_until_settled()
    digest = next(r for r in rows if r.kind == rules.DIGEST)

    assert smtp_server.inbox.received == []
    assert (digest.status, digest.attempts) == (Status.FAILED, 3)
    assert "ConnectionRefusedError" in digest.reason


def test_a_duplicated_send_task_finds_the_row_claimed_and_sends_nothing(
    real_worker, smtp_server, due_learner
):
    result = services.reminders_sweep(now=PINNED_NOW)
    # The broker delivers every message twice (a redelivery after a lost ack, say).
    tasks.send_later(result.to_send + result.to_send)
    wait_until_settled()
    time.sleep(1)  # the duplicates run after the originals

    assert len(smtp_server.inbox.received) == len(result.to_send) == 2
