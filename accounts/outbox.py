"""A page listing the e-mails the local run has sent (DEBUG only, never routed otherwise)."""

import email
from email import policy
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

OUTBOX_LIMIT = 50


def _read(path: Path) -> dict:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    text = message.get_body(preferencelist=("plain",))
    return {
        "subject": message["Subject"],
        "to": message["To"],
        "date": message["Date"],
        "text": text.get_content() if text else "",
    }


@require_safe
def outbox_view(request):
    if not settings.DEBUG:
        raise Http404
    folder = Path(settings.LOCAL_OUTBOX_DIR)
    files = sorted(folder.glob("*.eml"), reverse=True)[:OUTBOX_LIMIT] if folder.exists() else []
    return render(request, "dev/outbox.html", {"messages_sent": [_read(p) for p in files]})
