"""Account e-mails (verification, password reset, e-mail change) leave the request: the
page answers at once, and a mail server that is down or refuses STARTTLS is retried with
back-off instead of turning sign-up into an error page."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from .mail import RETRYABLE, retry_delay

logger = logging.getLogger(__name__)


@shared_task(bind=True, ignore_result=True, max_retries=None)
def account_email_send(self, *, to: str, subject: str, text: str, html: str, headers: dict) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except RETRYABLE as error:
        attempt = self.request.retries + 1
        # Run in-process (tests, eager mode) there is no broker to wait in: give up at once.
        if attempt > settings.MAIL_RETRY_MAX or self.request.is_eager:
            logger.error("account e-mail %r to %s not sent: %s", subject, to, error)
            return
        raise self.retry(exc=error, countdown=retry_delay(attempt)) from error
