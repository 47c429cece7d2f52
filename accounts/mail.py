"""The one e-mail builder. Every e-mail the product sends (reminders, account e-mails) is
three templates under templates/emails/: `<name>-subject.txt`, `<name>-body.txt` and
`<name>-body.html`. The HTML part extends emails/base.html; its stylesheet is inlined here,
because mail clients drop <style> blocks, and it refers to nothing remote (no images, no
fonts), so it renders the same offline and leaks nothing when opened."""

import random
import smtplib
from functools import cache
from urllib.parse import urljoin

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


@cache
def _inliner() -> css_inline.CSSInliner:
    # No remote stylesheets: everything the layout needs is in its own <style> block.
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


def absolute(path: str) -> str:
    """A path of this site as the full URL an e-mail needs (SITE_URL in the settings)."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def absolute_url(name: str, *args) -> str:
    return absolute(reverse(name, args=args))


def build_message(
    *,
    template: str,
    to: str,
    context: dict,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """Render `template` for `to` as a text and an HTML part, with the site's name and look."""
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": absolute("/"),
        "settings_url": absolute("/settings/"),
        **context,
    }
    subject = " ".join(render_to_string(f"emails/{template}-subject.txt", context).split())
    text = render_to_string(f"emails/{template}-body.txt", context).strip() + "\n"
    html = _inliner().inline(render_to_string(f"emails/{template}-body.html", context))
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


# What is worth retrying: the mail server refused or was unreachable (OSError covers
# refused connections, timeouts and TLS failures such as a refused STARTTLS).
RETRYABLE = (smtplib.SMTPException, OSError)


def retry_delay(attempt: int) -> float:
    """Seconds before retry number `attempt` (1, 2, ...): doubling from
    MAIL_RETRY_BASE_SECONDS up to MAIL_RETRY_CAP_SECONDS, plus up to as much again at
    random, so that many failed sends do not hit a recovering server at the same instant."""
    delay = min(
        settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1), settings.MAIL_RETRY_CAP_SECONDS
    )
    return delay * (1 + random.random())
