import logging

from celery import shared_task
from django.utils import timezone

# Tasks of the domains (Celery discovers only <app>.tasks): importing registers them.
from progress.reminders import tasks as reminders_tasks  # noqa: F401

logger = logging.getLogger(__name__)


@shared_task(ignore_result=False)
def heartbeat() -> str:
    """Beat sends this every minute so an operator can see worker and beat are alive."""
    now = timezone.now().isoformat(timespec="seconds")
    logger.info("heartbeat at %s", now)
    return now
