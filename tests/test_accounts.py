"""Accounts: the e-mail-keyed user, the demo accounts, rate limits and the local outbox."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User


@pytest.mark.django_db
def test_e_mail_addresses_are_unique_whatever_their_case():
    from django.db import IntegrityError, transaction

    User.objects.create_user(email="Ada@Example.com", password="x-long-password-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ADA@example.COM")


@pytest.mark.django_db
def test_login_needs_a_verified_address(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
        },
    )
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "new@example.com", "password": "a-long-Passphrase-42"}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 2  # sign-up and the reminder at login
    assert re.search(r"/accounts/confirm-email/\S+", mailoutbox[0].body)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_repeated_failed_logins_are_rate_limited(client, learner):
    for _ in range(3):
        client.post(reverse("account_login"), {"login": learner.email, "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": learner.email, "password": "wrong"})

    assert "Too many failed login attempts" in response.text


@pytest.mark.django_db
def test_seed_demo_creates_verified_accounts_and_is_harmless_twice(curriculum, capsys):
    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-456")

    out = capsys.readouterr().out
    learner = User.objects.get(email="learner@example.com")
    assert learner.check_password("demo-pass-456")
    assert EmailAddress.objects.get(user=learner).verified
    assert User.objects.filter(email="mentor@example.com").count() == 1
    assert learner.plans.filter(is_active=True).count() == 1
    assert learner.plans.get().items.filter(status="done").exists()
    overdue = learner.plans.get().items.filter(status="pending", date__lt=timezone.localdate())
    assert overdue.exists()
    assert learner.interviews.count() == 2
    assert (
        learner.practice_problems.exists() and learner.stories.exists() and learner.mocks.exists()
    )
    assert "learner@example.com / demo-pass-456" in out


@pytest.mark.django_db
def test_the_local_outbox_page_exists_only_with_debug(client, settings):
    assert settings.DEBUG is False
    assert client.get("/dev/outbox/").status_code == 404
