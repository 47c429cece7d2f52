"""The builder's e-mails as the mail server gets them (accounts.mail.Email): written with
the email package's compat32 classes, they say what Django's own MIME form says, parsed
with Python's `email` package the way a mail client reads them."""

import email.policy
import re
from email import message_from_bytes
from email.message import EmailMessage

import pytest
from django.core.mail import EmailMultiAlternatives

from accounts.mail import build_message

UNSUBSCRIBE = "<https://prep.example.com/reminders/unsubscribe/" + "WzEsImRpZ2VzdCJd" * 5 + "/>"
HEADERS = {
    "List-Unsubscribe": f"{UNSUBSCRIBE}, <mailto:unsubscribe@prep.example.com?subject=x>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "Auto-Submitted": "auto-generated",
}
NOT_COMPARED = {"Date", "Message-ID", "Content-Type"}  # new each time; the boundary is random


def an_email(subject="Your study plan is ready", to="dana@example.com", headers=HEADERS):
    text = "Hello Dana,\n\nYour plan is at https://prep.example.com/plan/ " + "and more " * 20
    return build_message(
        template="account", to=to, context={"subject": subject, "text": text}, headers=headers
    )


def raw(message, django_way=False, policy=email.policy.SMTP) -> bytes:
    mime = EmailMultiAlternatives.message if django_way else type(message).message
    return mime(message, policy=policy).as_bytes()


def read(data: bytes):
    parsed = message_from_bytes(data, policy=email.policy.default)
    headers = {name: str(value) for name, value in parsed.items() if name not in NOT_COMPARED}
    parts = [(p.get_content_type(), p.get_content_charset(), p.get_content()) for p in parsed.walk()
             if not p.is_multipart()]  # fmt: skip
    return parsed, headers, [parsed.get_content_type(), *parts]


def test_it_says_what_djangos_own_mime_form_says():
    message = an_email()
    ours, headers, parts = read(raw(message))
    django, django_headers, django_parts = read(raw(message, django_way=True))

    assert not isinstance(message.message(), EmailMessage)  # compat32's, not Django's
    assert headers == django_headers
    assert parts == django_parts
    assert [parts[0], parts[1][0], parts[2][0]] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]
    assert ours["Date"].datetime.utcoffset() is not None
    assert ours["Date"].datetime.utcoffset().total_seconds() == 0
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", ours["Message-ID"])
    assert ours["Message-ID"] != django["Message-ID"]


def test_the_html_part_carries_its_styles_inline():
    _, _, parts = read(raw(an_email()))
    html = parts[2][2]

    assert "<style" not in html
    assert 'style="' in html


def test_list_unsubscribe_is_one_line_a_mail_client_reads_without_decoding():
    data = raw(an_email())

    assert f"\r\nList-Unsubscribe: {HEADERS['List-Unsubscribe']}\r\n".encode() in data
    assert b"=?" not in data.split(b"\r\n\r\n", 1)[0]  # no encoded words in the headers


def test_lines_end_as_the_backend_asks():
    smtp = raw(an_email())
    plain = raw(an_email(), policy=email.policy.default)

    assert b"\n" not in smtp.replace(b"\r\n", b"")
    assert b"\r" not in plain


@pytest.mark.parametrize(
    ("subject", "to"),
    [("Entretien chez Zoë demain", "dana@example.com"), ("Your plan", "dana@exämple.com")],
)
def test_what_needs_encoding_is_left_to_django(subject, to):
    message = an_email(subject=subject, to=to)
    ours = read(raw(message))[0]

    assert isinstance(message.message(), EmailMessage)  # the modern API's, as Django writes it
    assert ours["Subject"] == subject
    assert ours["To"] == ("dana@example.com" if to.isascii() else "dana@xn--exmple-cua.com")
    assert read(raw(message))[1:] == read(raw(message, django_way=True))[1:]


def test_a_line_break_in_a_header_is_refused_as_django_refuses_it():
    message = an_email(headers={**HEADERS, "X-Note": "one\nBcc: someone@example.com"})

    with pytest.raises(ValueError):
        message.message()
