"""Behind a reverse proxy, rate limits count per client, not per proxy: the client's address
comes from what the proxy adds, as configured from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.checks import client_address_is_configured

ROOT = Path(__file__).resolve().parents[1]
PROXY = "10.0.0.2"  # every request reaches the app from the proxy
LIMIT = {"login_failed": "3/m/ip"}


def fail_login(client, email: str, **headers):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": "wrong"},
        REMOTE_ADDR=PROXY,
        **headers,
    )


def locked(response) -> bool:
    return "Too many failed login attempts" in response.text


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMIT)
def test_without_a_trusted_proxy_every_client_shares_the_proxys_limit(client, learner):
    # What the settings below fix: three failures by one person lock out another.
    for _ in range(3):
        fail_login(client, learner.email, HTTP_X_FORWARDED_FOR="203.0.113.7")

    other = fail_login(client, "bob@example.com", HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert locked(other)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMIT, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_with_one_trusted_proxy_each_client_has_its_own_limit(client, learner):
    for _ in range(3):
        fail_login(client, learner.email, HTTP_X_FORWARDED_FOR="203.0.113.7")

    same = fail_login(client, learner.email, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = fail_login(client, "bob@example.com", HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert locked(same)
    assert not locked(other)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMIT, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_client_cannot_slip_its_limit_by_writing_its_own_forwarded_for(client, learner):
    # The proxy appends the address it saw; what the client wrote before it is not trusted.
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        fail_login(client, learner.email, HTTP_X_FORWARDED_FOR=f"{spoofed}, 203.0.113.7")

    again = fail_login(client, learner.email, HTTP_X_FORWARDED_FOR="4.4.4.4, 203.0.113.7")

    assert locked(again)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMIT, ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_header_the_proxy_sets_can_name_the_client_instead(client, learner):
    for _ in range(3):
        fail_login(client, learner.email, HTTP_X_REAL_IP="203.0.113.7")

    other = fail_login(client, "bob@example.com", HTTP_X_REAL_IP="198.51.100.9")

    assert not locked(other)


@pytest.mark.parametrize(
    ("env", "count", "header"),
    [
        ({}, 0, None),
        ({"TRUSTED_PROXY_COUNT": "2"}, 2, None),
        ({"TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}, 0, "X-Real-IP"),
    ],
)
def test_production_reads_the_proxy_settings_from_the_environment(env, count, header):
    production = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.com",
        "SITE_URL": "https://example.com",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_HOST": "localhost",
    }
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TRUSTED_PROXY_COUNT", "TRUSTED_CLIENT_IP_HEADER")
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )

    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**environ, **production, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert out.split() == [str(count), str(header)]


def test_check_deploy_warns_behind_a_proxy_until_the_client_address_is_configured(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    assert [w.id for w in client_address_is_configured(None)] == ["accounts.W002"]

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_address_is_configured(None) == []
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_address_is_configured(None) == []
