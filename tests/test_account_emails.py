"""Account e-mails (verification, password reset) go through the product's e-mail builder
and leave the request: a mail server that is down or refuses STARTTLS never turns sign-up
into an error page, and the e-mail arrives once the server is back."""

import time

import pytest
from django.urls import reverse

from accounts.models import User
from tests.conftest import PINNED_NOW

PASSWORD = "a-long-Passphrase-42"


def sign_up(client, email: str):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_sign_up_with_the_mail_server_down_works_and_the_email_arrives_when_it_is_back(
    real_worker, smtp_server, client, settings, time_machine
):
    time_machine.move_to(PINNED_NOW, tick=True)  # the worker waits for retry times
    settings.MAIL_RETRY_BASE_SECONDS = 0.5
    smtp_server.stop()

    response = sign_up(client, "late@example.com")

    assert response.status_code == 302
    assert User.objects.filter(email="late@example.com").exists()
    time.sleep(0.5)
    smtp_server.start()
    deadline = time.monotonic() + 20
    while not smtp_server.inbox.received and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # nothing more follows
    [message] = smtp_server.inbox.messages()
    assert message["To"] == "late@example.com"
    assert message["Subject"] == "[Interview Prep] Confirm your e-mail address"


@pytest.mark.django_db
def test_sign_up_answers_normally_when_the_mail_server_refuses_starttls(
    client, smtp_server, settings, django_capture_on_commit_callbacks
):
    # The local server offers no STARTTLS: every attempt fails, is retried, and gives up.
    settings.MAILERS["default"]["OPTIONS"]["use_tls"] = True
    settings.MAIL_RETRY_MAX = 2

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "tls@example.com")

    assert response.status_code == 302
    assert User.objects.filter(email="tls@example.com").exists()
    assert smtp_server.inbox.received == []


@pytest.mark.django_db
def test_the_verification_email_has_the_products_name_and_look_in_both_parts(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "new@example.com")

    [message] = mailoutbox
    html = message.alternatives[0].content
    assert message.subject == "[Interview Prep] Confirm your e-mail address"
    assert "Hello from" not in message.body
    assert "Interview Prep" in message.body
    assert "/accounts/confirm-email/" in message.body
    assert "/accounts/confirm-email/" in html
    assert 'style="' in html and "<style" not in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_a_password_reset_email_goes_through_the_same_builder(
    client, learner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": learner.email})

    [message] = mailoutbox
    assert message.subject == "[Interview Prep] Reset your password"
    assert "/accounts/password/reset/key/" in message.body
    assert message.alternatives[0].mimetype == "text/html"
