"""Everything of one user's, as one JSON document: what `/settings/export.json` streams.

The document is a fixed set of sections (see SECTIONS), each a list of rows read with one
query, whatever the account's size, and streamed row by row: a large account never sits in
memory and the request never waits for the whole document. Its shape is documented by the
JSON Schema next to this file (export.schema.json), bumped with SCHEMA_VERSION.

A section holds every column of its model (a field added later is exported without a
change here), except secrets: the password hash, the invitation nonce, the feed's token hash.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from progress.feeds.models import CalendarFeed
from progress.interviews.models import Interview, InterviewChecklistItem
from progress.journal.models import MockInterview, MockScore, PracticeProblem, Story
from progress.mentoring.models import Comment, Mentorship
from progress.plans.models import Plan, PlanItem, Schedule, TopicRating
from progress.reminders.models import Delivery, ReminderSettings
from progress.review.models import ReviewCard, ReviewLog

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("export.schema.json")
PROFILE_FIELDS = ("id", "email", "display_name", "timezone", "date_joined", "last_login")
SECRETS = {"password", "nonce", "token_hash"}
CHUNK = 2000  # rows fetched at a time from the database cursor


@dataclass(frozen=True)
class Section:
    key: str
    model: type
    rows: Callable  # user -> queryset of the user's rows


SECTIONS = (
    Section("email_addresses", EmailAddress, lambda u: EmailAddress.objects.filter(user=u)),
    Section("schedule", Schedule, lambda u: Schedule.objects.filter(user=u)),
    Section("topic_ratings", TopicRating, lambda u: TopicRating.objects.filter(user=u)),
    Section("plans", Plan, lambda u: Plan.objects.filter(user=u)),
    Section("plan_items", PlanItem, lambda u: PlanItem.objects.filter(plan__user=u)),
    Section("interviews", Interview, lambda u: Interview.objects.filter(user=u)),
    Section(
        "interview_checklist_items",
        InterviewChecklistItem,
        lambda u: InterviewChecklistItem.objects.filter(interview__user=u),
    ),
    Section(
        "interview_improve_topics",
        Interview.improve_topics.through,
        lambda u: Interview.improve_topics.through.objects.filter(interview__user=u),
    ),
    Section("practice_problems", PracticeProblem, lambda u: PracticeProblem.objects.filter(user=u)),
    Section("stories", Story, lambda u: Story.objects.filter(user=u)),
    Section("mock_interviews", MockInterview, lambda u: MockInterview.objects.filter(user=u)),
    Section("mock_scores", MockScore, lambda u: MockScore.objects.filter(mock__user=u)),
    Section(
        "mock_topics",
        MockInterview.topics.through,
        lambda u: MockInterview.topics.through.objects.filter(mockinterview__user=u),
    ),
    Section(
        "reminder_settings", ReminderSettings, lambda u: ReminderSettings.objects.filter(user=u)
    ),
    Section("reminder_deliveries", Delivery, lambda u: Delivery.objects.filter(user=u)),
    Section(
        "mentor_links",
        Mentorship,
        lambda u: Mentorship.objects.filter(Q(mentor=u) | Q(mentee=u)),
    ),
    Section("comments", Comment, lambda u: Comment.objects.filter(Q(author=u) | Q(learner=u))),
    Section("review_cards", ReviewCard, lambda u: ReviewCard.objects.filter(user=u)),
    Section("review_logs", ReviewLog, lambda u: ReviewLog.objects.filter(card__user=u)),
    Section("calendar_feed", CalendarFeed, lambda u: CalendarFeed.objects.filter(user=u)),
    Section("admin_actions", LogEntry, lambda u: LogEntry.objects.filter(user=u)),
    Section("groups", User.groups.through, lambda u: User.groups.through.objects.filter(user=u)),
    Section(
        "permissions",
        User.user_permissions.through,
        lambda u: User.user_permissions.through.objects.filter(user=u),
    ),
)


def columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.name not in SECRETS]


def _json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def export_of(user) -> Iterator[str]:
    """The user's export as chunks of one JSON document: one query per section."""
    profile = {field: getattr(user, field) for field in PROFILE_FIELDS}
    yield "{"
    yield f'"schema_version": {SCHEMA_VERSION}, '
    yield f'"exported_at": {_json(timezone.now())}, '
    yield f'"profile": {_json(profile)}'
    for section in SECTIONS:
        yield f', "{section.key}": ['
        rows = section.rows(user).order_by("pk").values(*columns(section.model))
        for n, row in enumerate(rows.iterator(chunk_size=CHUNK)):
            yield ("," if n else "") + _json(row)
        yield "]"
    yield "}"


def export_filename(day) -> str:
    return f"interview-prep-export-{day:%Y-%m-%d}.json"
