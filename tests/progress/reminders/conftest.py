"""Learners who are due for a digest at the pinned instant."""

import pytest


@pytest.fixture
def due_learner(db, curriculum):
    """An onboarded learner in UTC with a verified address, studying every day from the
    pinned date: the 07:00 digest window is open at the pinned 10:00 UTC."""
    from tests.conftest import PINNED_NOW
    from tests.factories import UserFactory, onboard

    user = UserFactory(email="dana@example.com", display_name="Dana", timezone="UTC")
    onboard(user, PINNED_NOW.date())
    return user


def digest_only(user) -> None:
    """Keep the learner's reminders to the daily digest: one e-mail per sweep to count."""
    from progress.reminders import rules, services

    services.reminder_settings_update(
        user=user, digest_hour=7, daily_cap=3, kinds_on={rules.DIGEST}, unsubscribed_all=False
    )
