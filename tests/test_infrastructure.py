"""CI runs against the real services; locally these skip with the reason printed."""

import os

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require


@pytest.mark.django_db
def test_ci_runs_against_postgresql():
    require(
        connection.vendor == "postgresql",
        f"DATABASE_URL is not PostgreSQL (using {connection.vendor})",
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000


def test_ci_reaches_redis():
    require(bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set")
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
    assert client.ping() is True
