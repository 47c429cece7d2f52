"""The one e-mail builder. Every e-mail the product sends (reminders, account e-mails) is
three templates under templates/emails/: `<name>-subject.txt`, `<name>-body.txt` and
`<name>-body.html`. The HTML part extends emails/base.html; its stylesheet is inlined here,
because mail clients drop <style> blocks, and it refers to nothing remote (no images, no
fonts), so it renders the same offline and leaks nothing when opened."""

import binascii
import email.policy
import random
import smtplib
import uuid
from datetime import UTC, datetime
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import format_datetime, make_msgid
from functools import cache
from urllib.parse import urljoin

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import get_current_timezone


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
    message = Email(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


class Email(EmailMultiAlternatives):
    """What build_message makes. Its MIME form is written with the email package's compat32
    classes, headers as given: a tenth of the cost of the modern API Django uses (which
    parses every header it is given and refolds each on output), and a long
    List-Unsubscribe stays one line instead of turned into encoded words, which RFC 2369
    readers do not decode. The same parts and headers; anything but the builder's own shape
    (ASCII headers, one HTML alternative, no attachments) is left to Django."""

    def message(self, *, policy=email.policy.default):
        if not self._own_shape():
            return super().message(policy=policy)
        layout = _AsGiven(linesep=policy.linesep)
        # "=_" never occurs in quoted-printable text: no need to search the parts for it.
        root = MIMEMultipart("alternative", boundary=f"=_{uuid.uuid4().hex}", policy=layout)
        for content, subtype in ((self.body, "plain"), (self.alternatives[0].content, "html")):
            part = MIMENonMultipart("text", subtype, policy=layout, charset="utf-8")
            del part["MIME-Version"]  # the root's says it for the whole message
            part["Content-Transfer-Encoding"] = "quoted-printable"
            # Ending in a line break, as the modern API writes a text part; binascii's
            # encoder is C, and decodes the same as the email package's.
            content = content if content.endswith("\n") else content + "\n"
            part.set_payload(binascii.b2a_qp(content.encode()).decode("ascii"))
            root.attach(part)
        root["Subject"] = str(self.subject)
        root["From"] = self.from_email
        root["To"] = ", ".join(self.to)
        zone = get_current_timezone() if settings.EMAIL_USE_LOCALTIME else UTC
        root["Date"] = format_datetime(datetime.now(zone))
        root["Message-ID"] = make_msgid(domain=DNS_NAME)
        for name, value in self.extra_headers.items():
            root[name] = str(value)
        return root

    def _own_shape(self) -> bool:
        values = [str(v) for v in (self.subject, *self.to, *self.extra_headers.values())]
        return (
            not (self.attachments or self.cc or self.reply_to)
            and [a.mimetype for a in self.alternatives] == ["text/html"]
            # Encoded words, and refusing a line break (ValueError), are Django's to do.
            and all(value.isascii() and "\n" not in value and "\r" not in value for value in values)
            and not {name.lower() for name in self.extra_headers} & _DJANGO_HEADERS
            and _plain_sender(self.from_email)
        )


class _AsGiven(email.policy.Compat32):
    """Each header on one line as given (ASCII: see Email._own_shape). RFC 5322 allows 998
    characters; folded at 78, a List-Unsubscribe, its URL longer, would start empty."""

    def fold(self, name, value):
        line = f"{name}: {value}"
        return line + self.linesep if len(line) <= 998 else super().fold(name, value)

    def fold_binary(self, name, value):
        return self.fold(name, value).encode("ascii")


@cache
def _plain_sender(address: str) -> bool:
    """The sender (a setting) as the modern API would write it: ASCII, written unchanged."""
    written = email.policy.SMTP.header_factory("From", address)
    return address.isascii() and str(written) == address


# Headers Django writes or takes from `headers` in its own way.
_DJANGO_HEADERS = {"from", "to", "cc", "reply-to", "bcc", "date", "message-id"}


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
