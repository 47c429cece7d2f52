"""A page listing the e-mails the local run has sent (DEBUG only, never routed otherwise).

The e-mails hold password-reset and sign-in links for every account, so the page answers only
a browser on the machine itself: a local run started on 0.0.0.0 (to try it from a phone) must
not hand those links to the rest of the network."""

import email
import ipaddress
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


def is_loopback(address: str) -> bool:
    """Whether a connection's address is the machine itself (IPv4, IPv6, or IPv4 in IPv6)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


@require_safe
def outbox_view(request):
    # REMOTE_ADDR is the connection's own address; forwarded headers are anyone's to write.
    if not settings.DEBUG or not is_loopback(request.META.get("REMOTE_ADDR", "")):
        raise Http404
    folder = Path(settings.LOCAL_OUTBOX_DIR)
    files = sorted(folder.glob("*.eml"), reverse=True)[:OUTBOX_LIMIT] if folder.exists() else []
    return render(request, "dev/outbox.html", {"messages_sent": [_read(p) for p in files]})
