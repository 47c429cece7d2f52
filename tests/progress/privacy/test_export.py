"""The export: everything of the user's and nothing of anyone else's, in the documented
shape, streamed in a fixed number of queries whatever the account's size."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator

from curriculum.models import Concept, Topic
from progress.feeds.services import feed_rotate
from progress.interviews.services import interview_reflect
from progress.mentoring import services as mentoring
from progress.privacy.export import SCHEMA_PATH, SECTIONS
from progress.privacy.schema import schema_text
from progress.reminders import services as reminders
from progress.review.services import card_rate
from tests.conftest import PINNED_NOW
from tests.factories import (
    InterviewFactory,
    MockInterviewFactory,
    PracticeProblemFactory,
    StoryFactory,
    UserFactory,
    onboard,
)
from tests.progress.mentoring.helpers import linked

from .registry import paths_to_the_user

pytestmark = pytest.mark.django_db
TODAY = PINNED_NOW.date()
# Models that refer to a user but are not exported, and why.
NOT_EXPORTED = {
    "account.EmailConfirmation": "a one-time secret key for confirming an address",
}


def exported(client, user) -> tuple[dict, int]:
    """The user's export, parsed, and the queries it cost."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("privacy:export"))
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="interview-prep-export-'
    )
    return json.loads(body), len(queries)


def full_account(user, weeks: int = 4, records: int = 1) -> None:
    """A learner with something in every section of the export."""
    rating = {Topic.objects.get(slug="system-design").pk: 2}
    plan = onboard(user, TODAY, ratings=rating, interview_date=TODAY + timedelta(weeks=weeks))
    item = plan.items.first()
    item.note = "Revise generators."
    item.save()
    mentor = UserFactory(display_name="Maria")
    linked(user, mentor)
    mentoring.comment_add(author=mentor, learner_id=user.pk, about="item", about_id=item.pk,
                          body="Good plan.")  # fmt: skip
    for n in range(records):
        past = InterviewFactory(user=user, scheduled_at=PINNED_NOW - timedelta(days=1 + n))
        interview_reflect(
            interview=past,
            went_well="Clear answers.",
            to_improve="Concurrency.",
            topic_ids=[Topic.objects.get(slug="concurrency-async").pk],
            outcome="pending",
            today=TODAY,
        )
        PracticeProblemFactory(user=user)
        StoryFactory(user=user)
        mock = MockInterviewFactory(user=user)
        mock.topics.add(Topic.objects.get(slug="system-design"))
    reminders.reminder_settings_update(
        user=user, digest_hour=8, daily_cap=3, kinds_on={"digest"}, unsubscribed_all=False
    )
    reminders.reminders_sweep(now=PINNED_NOW.replace(hour=8, minute=5))
    LogEntry.objects.create(user=user, action_flag=ADDITION, object_repr="a lesson")
    feed_rotate(user=user)
    concept = Concept.objects.filter(retired=False).first()
    card_rate(user=user, concept_id=concept.pk, rating=3, submission=None, now=PINNED_NOW)
    user.groups.add(Group.objects.get_or_create(name="Reviewers")[0])
    user.user_permissions.add(Permission.objects.get(codename="view_topic"))


def test_every_model_that_refers_to_a_user_is_in_the_export():
    referring = {model._meta.label for model in paths_to_the_user()}
    missing = referring - {s.model._meta.label for s in SECTIONS}

    assert missing == set(NOT_EXPORTED)


def test_the_export_holds_every_section_in_the_documented_shape(client, learner, curriculum):
    full_account(learner)

    document, _ = exported(client, learner)

    schema = json.loads(SCHEMA_PATH.read_text())
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(document)]
    assert errors == []
    assert [s.key for s in SECTIONS if not document[s.key]] == []  # none validated empty
    assert document["schema_version"] == 1
    assert document["profile"]["email"] == "alice@example.com"
    assert "password" not in document["profile"]
    assert "Revise generators." in {i["note"] for i in document["plan_items"]}
    assert all("nonce" not in link for link in document["mentor_links"])


def test_the_schema_file_is_the_one_the_models_describe():
    assert SCHEMA_PATH.read_text() == schema_text()


def test_another_users_data_never_appears(client, learner, other_learner, curriculum):
    full_account(learner)
    onboard(other_learner, TODAY)
    StoryFactory(user=other_learner, title="BOB-SECRET-STORY")
    PracticeProblemFactory(user=other_learner, title="BOB-SECRET-PROBLEM")
    InterviewFactory(user=other_learner, company="BOB-SECRET-COMPANY")
    EmailAddress.objects.create(user=other_learner, email="bob-second@example.com")

    document, _ = exported(client, learner)
    text = json.dumps(document)

    assert "BOB-SECRET" not in text and "bob" not in text.lower()
    owners = {row["user_id"] for key in ("plans", "interviews", "stories", "practice_problems")
              for row in document[key]}  # fmt: skip
    assert owners == {learner.pk}


def test_an_export_costs_the_same_queries_for_a_small_and_a_large_account(
    client, learner, other_learner, curriculum
):
    full_account(learner, weeks=4, records=1)
    full_account(other_learner, weeks=26, records=30)

    small, small_queries = exported(client, learner)
    large, large_queries = exported(client, other_learner)

    assert len(large["plan_items"]) > 3 * len(small["plan_items"])
    assert len(large["stories"]) == 30
    assert small_queries == large_queries


def test_signing_in_is_needed(client):
    response = client.get(reverse("privacy:export"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
