"""Thin tasks: beat runs the sweep; the sweep fans out the ledger ids it wrote, CHUNK ids per
task, after commit. A chunk shares one SMTP session; a send that fails is retried on its own
with back-off. Retries are declared here; what "sent once" means is in services."""

import logging
from contextlib import suppress

from celery import shared_task
from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.utils import timezone

from accounts.mail import RETRYABLE, retry_delay

from . import services

logger = logging.getLogger(__name__)
CHUNK = 100


@shared_task(ignore_result=True)
def reminders_sweep() -> None:
    result = services.reminders_sweep(now=timezone.now())
    logger.info(
        "reminders sweep: %d decided, %d to send, %d skipped, %d given up",
        len(result.decided),
        len(result.to_send),
        len(result.skipped),
        result.recovered,
    )
    send_later(result.to_send)


def send_later(delivery_ids: list[int]) -> None:
    """Enqueue the sends once the ledger rows are committed, CHUNK ids per task."""
    transaction.on_commit(lambda: _publish(delivery_ids))


def _publish(delivery_ids: list[int]) -> None:
    for start in range(0, len(delivery_ids), CHUNK):
        deliveries_send.delay(delivery_ids[start : start + CHUNK])


@shared_task(ignore_result=True)
def deliveries_send(delivery_ids: list[int]) -> None:
    connection = mailers.default  # a backend of its own: one SMTP session for the chunk
    # The chunk's shared reads, and its sent rows written together (services.SendChunk).
    chunk = services.delivery_chunk(delivery_ids=delivery_ids)
    try:
        for delivery_id in delivery_ids:
            # Opening is a no-op while the session is open; if it fails, the send below
            # meets the same error and schedules its retry.
            with suppress(RETRYABLE):
                connection.open()
            if not _send(delivery_id, connection, chunk):
                # The session may be broken: the next send opens a fresh one.
                connection.close()
    finally:
        try:
            services.chunk_write_sent(chunk=chunk)
        finally:
            connection.close()


@shared_task(ignore_result=True)
def delivery_send(delivery_id: int) -> None:
    """One send on its own (a retry)."""
    _send(delivery_id, None, None)


def _send(delivery_id: int, connection, chunk) -> bool:
    """Send one row; on a mail-server error schedule its retry or give up. False when the
    mail connection should not be reused."""
    try:
        services.delivery_send(
            delivery_id=delivery_id, now=timezone.now(), connection=connection, chunk=chunk
        )
    except RETRYABLE as error:
        attempts = services.delivery_attempts(delivery_id=delivery_id)
        # Run in-process (tests, eager mode) there is no broker to wait in: give up at once.
        if attempts > settings.MAIL_RETRY_MAX or delivery_send.app.conf.task_always_eager:
            logger.warning("delivery %s failed after %d attempts: %s", delivery_id, attempts, error)
            services.delivery_fail(delivery_id=delivery_id, error=error)
        else:
            delivery_send.apply_async((delivery_id,), countdown=retry_delay(attempts))
        return False
    except Exception as error:
        # Not a mail-server problem (a template or data error): retrying would not help.
        logger.exception("delivery %s failed", delivery_id)
        services.delivery_fail(delivery_id=delivery_id, error=error)
    return True
