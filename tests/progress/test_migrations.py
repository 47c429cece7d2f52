"""Migrations keep every learner's data: the move of the time zone from the plan's profile
to the user."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0001_initial"),
    ("progress", "0002_interview_interviewchecklistitem_mockinterview_and_more"),
]
AFTER = [("progress", "0003_schedule")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_profile_time_zone_moves_to_the_user_and_back():
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Profile = old.get_model("progress", "Profile")
    user = User.objects.create(email="kenji@example.com", password="x")
    Profile.objects.create(
        user=user,
        timezone="Asia/Tokyo",
        start_date=datetime.date(2025, 3, 3),
        study_days="012",
        minutes_per_day=45,
    )

    new = _migrate(AFTER)
    migrated = new.get_model("accounts", "User").objects.get(email="kenji@example.com")
    schedule = new.get_model("progress", "Schedule").objects.get(user=migrated)
    assert migrated.timezone == "Asia/Tokyo"
    assert (schedule.study_days, schedule.minutes_per_day) == ("012", 45)

    back = _migrate(BEFORE)
    profile = back.get_model("progress", "Profile").objects.get(user__email="kenji@example.com")
    assert profile.timezone == "Asia/Tokyo"

    _migrate(_migrate_latest_targets())


def _migrate_latest_targets():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
