"""A real SMTP server on 127.0.0.1 (aiosmtpd) that tests can slow down, make refuse, or
stop."""

import asyncio
import email
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The server's handler: keeps every accepted message; can refuse the next few with a
    temporary error (451), or hold its reply to DATA for a while after keeping it."""

    def __init__(self):
        self.received: list[bytes] = []
        self.refuse_next = 0
        self.hold_seconds = 0.0
        self.got_data = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope.original_content or envelope.content)
        self.got_data.set()
        if self.hold_seconds:
            await asyncio.sleep(self.hold_seconds)
        return "250 OK"

    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(raw, policy=policy.default) for raw in self.received]


class SmtpServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def mailers(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }
