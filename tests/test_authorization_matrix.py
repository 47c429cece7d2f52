"""Every URL of the project against every kind of visitor: anonymous, the owner of the data,
another learner, the owner's active, former and invited (pending) mentors, a user without a
plan, and staff. The expected answers are declared once, in tests/authorization.py; a URL
without a declaration fails here."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Topic
from curriculum.services import curriculum_load
from progress.mentoring import services as mentoring
from progress.mentoring.models import Mentorship
from tests.authorization import ROLES, URLS, declared_ids, is_admin, url_keys
from tests.conftest import PINNED_NOW
from tests.factories import (
    InterviewFactory,
    UserFactory,
    onboard,
)
from tests.progress.mentoring.helpers import linked

pytestmark = pytest.mark.django_db
TODAY = PINNED_NOW.date()


@dataclass
class World:
    users: dict  # role -> user (None for anonymous)
    ids: dict[str, object] = field(default_factory=dict)

    def answer(self, role: str, method: str, path: str, data: dict) -> str:
        """What `role` gets for one request; the request's writes are rolled back, so each
        role meets the same world. A crash is recorded as its 500, not raised."""
        client = Client(raise_request_exception=False)
        with transaction.atomic():
            if self.users[role] is not None:
                client.force_login(self.users[role])
            response = getattr(client, method.lower())(path, data)
            transaction.set_rollback(True)
        if 300 <= response.status_code < 400:
            target = urlsplit(response["Location"])
            fragment = f"#{target.fragment}" if target.fragment else ""
            return f"{response.status_code} {target.path}{fragment}"
        return str(response.status_code)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world is built once for the module (building it per URL took a second each) in a
    transaction rolled back at the end; each request runs in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(PINNED_NOW, tick=False):
            built = _world()
        yield built
        transaction.set_rollback(True)


def _world() -> World:
    """The owner with one of everything, and the cast around them. Everyone but the planless
    user has a plan of their own, so a refusal on a plan page is the access rule speaking,
    not the missing plan."""
    if not Topic.objects.exists():  # emptied by a transactional test earlier in the session
        curriculum_load()
    owner = UserFactory(email="alice@example.com", display_name="Alice")
    other = UserFactory(email="bob@example.com", display_name="Bob")
    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    former = UserFactory(email="fred@example.com", display_name="Fred")
    pending = UserFactory(email="penny@example.com", display_name="Penny")
    planless = UserFactory(email="nina@example.com", display_name="Nina")
    staff = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    plan = onboard(owner, TODAY)
    for user in (other, mentor, former, pending, staff):
        onboard(user, TODAY)

    link = linked(owner, mentor)
    ended = linked(owner, former)
    mentoring.mentorship_end(user=owner, link_id=ended.pk)
    invitation = mentoring.mentorship_invite(
        inviter=owner, email=pending.email, inviter_side=Mentorship.Side.MENTEE
    )

    item = plan.items.filter(date=TODAY).order_by("position").first()
    # Held yesterday, so the reflection is open to its owner.
    interview = InterviewFactory(user=owner, scheduled_at=timezone.now() - timedelta(days=1))
    mentoring.comment_add(
        author=mentor, learner_id=owner.pk, about="item", about_id=item.pk, body="Start here."
    )
    users = {
        "anonymous": None,
        "owner": owner,
        "other": other,
        "mentor": mentor,
        "former": former,
        "pending": pending,
        "planless": planless,
        "staff": staff,
    }
    ids = declared_ids(
        owner=owner, item=item, interview=interview, link=link, invitation=invitation
    )
    return World(users=users, ids=ids)


def test_every_url_is_declared_and_every_declaration_is_a_url():
    keys = url_keys()
    missing = sorted(k for k in set(keys) if k not in URLS and not is_admin(k))
    unknown = sorted(k for k in URLS if k not in keys)
    # Two patterns under one name: reverse() reaches only one, so the other goes unchecked.
    shared = sorted(k for k, n in Counter(keys).items() if n > 1 and not is_admin(k))

    assert missing == [], f"URLs without a row in tests/authorization.py: {missing}"
    assert unknown == [], f"rows naming no URL of the resolver: {unknown}"
    assert shared == [], f"names given to more than one URL pattern: {shared}"


@pytest.mark.parametrize("key", sorted(URLS))
def test_each_role_gets_the_declared_answer(world, key):
    row = URLS[key]
    path = reverse(key, kwargs={k: v.format(**world.ids) for k, v in row.kwargs.items()})
    unexpected = []
    for role in ROLES:
        expected = row.expected[role].format(**world.ids)
        got = world.answer(role, row.method, path, row.data)
        if got != expected:
            unexpected.append((role, expected, got))

    assert unexpected == [], f"{row.method} {path}: (role, expected, got)"
