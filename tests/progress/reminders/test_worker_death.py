"""A worker killed while it talks to the mail server: the broker redelivers its task to the
next worker, which finds the ledger row claimed and sends nothing more. The row stays
"sending" until the sweep gives it up (at most once: see progress.reminders.services).

Real processes: two `celery worker` processes on Redis with production settings, the test
database on PostgreSQL, and a real SMTP server that holds its reply to DATA."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app
from progress.reminders import rules, services, tasks
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW, require
from tests.progress.reminders.conftest import digest_only

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
Status = Delivery.Status


def _worker_env(smtp_port: int) -> dict:
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "worker-death-test-only-key-that-is-long-enough-0123456789",
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://prep.example.com",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        # Redeliver an unacknowledged task after 2 s instead of an hour.
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "CELERY_RESTORE_INTERVAL": "1",
    }


def _start_worker(name: str, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
               "--loglevel=WARNING", f"--hostname={name}@%h", "--without-mingle",
               "--without-gossip"]  # fmt: skip
    worker = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if app.control.ping(timeout=0.5):
            return worker
    worker.kill()
    pytest.fail(f"worker {name} did not answer a ping within 30 s")


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=20)


def _queue_is_drained(timeout: float) -> bool:
    """No message waiting and none held unacknowledged by a worker."""
    client = app.connection().default_channel.client
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.llen("celery") == 0 and client.hlen("unacked") == 0:
            return True
        time.sleep(0.2)
    return False


def test_a_task_redelivered_after_its_worker_is_killed_sends_nothing_more(
    smtp_server, due_learner, time_machine
):
    require(connection.vendor == "postgresql", "worker processes need the PostgreSQL test database")
    require(bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set: no Redis for real workers")
    time_machine.move_to(PINNED_NOW, tick=True)
    digest_only(due_learner)
    smtp_server.inbox.hold_seconds = 60  # the server keeps the message, then says nothing
    env = _worker_env(smtp_server.port)
    app.conf.task_always_eager = False
    app.control.purge()
    first = _start_worker("first", env)
    second = None
    try:
        result = services.reminders_sweep(now=PINNED_NOW)
        tasks._publish(result.to_send)
        assert smtp_server.inbox.got_data.wait(timeout=30), "the first worker never sent DATA"
        os.killpg(first.pid, signal.SIGKILL)  # mid-send: the server has the message, no reply
        first.wait(timeout=10)
        digest = Delivery.objects.get(user=due_learner, kind=rules.DIGEST)
        assert digest.status == Status.SENDING

        second = _start_worker("second", env)
        assert _queue_is_drained(timeout=60), "the task was never redelivered and handled"

        digest.refresh_from_db()
        assert len(smtp_server.inbox.received) == 1
        assert (digest.status, digest.attempts) == (Status.SENDING, 1)

        # The sweep gives up a row stuck in "sending": never resent, marked failed.
        # (The worker processes stamped the claim with the machine's real clock.)
        time_machine.move_to(digest.claimed_at + services.STUCK_SENDING + timedelta(minutes=1))
        again = services.reminders_sweep(now=PINNED_NOW)
        digest.refresh_from_db()
        assert (again.recovered, digest.status) == (1, Status.FAILED)
        assert "stopped while sending" in digest.reason
        assert len(smtp_server.inbox.received) == 1
    finally:
        _stop(first)
        if second is not None:
            _stop(second)
        app.control.purge()
        app.connection().default_channel.client.delete("unacked", "unacked_index")
        app.conf.task_always_eager = True
