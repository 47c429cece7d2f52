"""/healthz/: what a load balancer polls to know the process is alive."""

import importlib
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "testserver",
    "SITE_URL": "https://testserver",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "localhost",
}


@pytest.mark.django_db
def test_liveness_answers_without_the_database_or_a_session(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert len(queries) == 0
    # Polled every few seconds: nothing to store, nothing a cache may keep.
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_liveness_is_not_redirected_to_https(client, settings, monkeypatch):
    """A load balancer polls over plain HTTP inside the network; the production settings
    redirect everything else to HTTPS."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    production = importlib.import_module("config.settings.production")
    settings.SECURE_SSL_REDIRECT = production.SECURE_SSL_REDIRECT
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT
    assert client.get("/healthz/").status_code == 200
    assert client.get("/accounts/login/").status_code == 301


@pytest.mark.django_db
def test_liveness_refuses_writes(client):
    assert client.post("/healthz/").status_code == 405
