import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(ignore_result=False)
def heartbeat() -> str:
    """Beat sends this every minute so an operator can see worker and beat are alive."""
    now = timezone.now().isoformat(timespec="seconds")
    logger.info("heartbeat at %s", now)
    return now
