"""The cast of users, the curriculum loaded once, a pinned clock, and the rule that CI
never passes by skipping."""

import os
from datetime import UTC, datetime

import pytest

from tests.factories import UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"
# Every database test runs at this instant unless it moves the clock itself: a Wednesday
# morning in UTC, the plan-building tests' usual "today".
PINNED_NOW = datetime(2025, 3, 5, 10, 0, tzinfo=UTC)
# Browser journeys need a clock the browser agrees with (cookie expiry is checked against
# the real date), so they start at a fixed instant after today's date and let it run.
BROWSER_NOW = datetime(2031, 3, 5, 10, 0, tzinfo=UTC)


def require(condition: bool, reason: str) -> None:
    """Skip locally with the reason printed; fail in CI, where everything must be present."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real curriculum once per test session; each test rolls back over it."""
    from curriculum.services import curriculum_load

    with django_db_blocker.unblock():
        curriculum_load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test leaves cached figures keyed by
    ids the next test may get again (SQLite reuses them)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _pinned_clock(request, time_machine):
    uses_db = {"db", "transactional_db", "django_db_reset_sequences"} & set(
        request.fixturenames
    ) or request.node.get_closest_marker("django_db")
    if "live_server" in request.fixturenames:
        time_machine.move_to(BROWSER_NOW, tick=True)
    elif uses_db:
        time_machine.move_to(PINNED_NOW, tick=False)


@pytest.fixture
def curriculum(db):
    """The real curriculum. Loaded once per session; reloaded only after a test that
    empties the database (a transactional test)."""
    from curriculum.models import Topic
    from curriculum.services import curriculum_load

    if not Topic.objects.exists():
        curriculum_load()


# The cast: a learner, another learner, a user without a plan, staff. (Mentors arrive with
# mentoring: until then a "mentor" is just another user without a plan.)
@pytest.fixture
def learner(db):
    return UserFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def other_learner(db):
    return UserFactory(email="bob@example.com", display_name="Bob")


@pytest.fixture
def planless_user(db):
    return UserFactory(email="nina@example.com", display_name="Nina")


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture(scope="module")
def real_worker():
    """A real Celery worker (in a thread, solo pool) on the Redis broker, for the tests of
    background behaviour. Tasks stop running in-process while it is up."""
    require(bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set: no Redis for a real worker")
    import celery.contrib.testing.tasks  # noqa: F401  (registers the ping the worker check uses)
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def smtp_server(settings):
    """The app sends through a real SMTP server on 127.0.0.1; retries are quick here."""
    from tests.smtp import SmtpServer

    server = SmtpServer()
    server.start()
    settings.MAILERS = server.mailers
    settings.MAIL_RETRY_BASE_SECONDS = 0.1
    settings.MAIL_RETRY_CAP_SECONDS = 0.4
    try:
        yield server
    finally:
        server.stop()
