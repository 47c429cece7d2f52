"""Local e-mail: printed to the console and kept as .eml files for the DEBUG outbox page."""

import itertools
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend

_sequence = itertools.count()


class LocalOutboxBackend(ConsoleBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.LOCAL_OUTBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{time.time_ns()}-{next(_sequence)}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        return super().send_messages(email_messages)
