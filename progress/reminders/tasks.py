"""Thin tasks: beat runs the sweep; the sweep fans out one send task per ledger id, in
chunks, after commit. Retries are declared here; what "sent once" means is in services."""

import logging

from celery import current_app, shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.mail import RETRYABLE, retry_delay

from . import services

logger = logging.getLogger(__name__)
CHUNK = 500


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
    """Enqueue one send per id once the ledger rows are committed, CHUNK per connection."""
    transaction.on_commit(lambda: _publish(delivery_ids))


def _publish(delivery_ids: list[int]) -> None:
    for start in range(0, len(delivery_ids), CHUNK):
        with current_app.producer_or_acquire() as producer:
            for delivery_id in delivery_ids[start : start + CHUNK]:
                delivery_send.apply_async((delivery_id,), producer=producer)


@shared_task(bind=True, ignore_result=True, max_retries=None)
def delivery_send(self, delivery_id: int) -> None:
    try:
        services.delivery_send(delivery_id=delivery_id, now=timezone.now())
    except RETRYABLE as error:
        attempt = self.request.retries + 1
        # Run in-process (tests, eager mode) there is no broker to wait in: give up at once.
        if attempt > settings.MAIL_RETRY_MAX or self.request.is_eager:
            logger.warning("delivery %s failed after %d attempts: %s", delivery_id, attempt, error)
            services.delivery_fail(delivery_id=delivery_id, error=error)
            return
        raise self.retry(exc=error, countdown=retry_delay(attempt)) from error
    except Exception as error:
        # Not a mail-server problem (a template or data error): retrying would not help.
        logger.exception("delivery %s failed", delivery_id)
        services.delivery_fail(delivery_id=delivery_id, error=error)
