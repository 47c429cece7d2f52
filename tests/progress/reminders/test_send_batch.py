"""A chunk of sends shares its reads: what stops an e-mail and what it says are loaded once
for the chunk, so each further e-mail costs only its claim and its final state."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress.reminders import services, tasks
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory, onboard

pytestmark = pytest.mark.django_db
PER_EMAIL = 2  # the claim and the final state: everything else is read once per chunk


def learners_due(count: int, start: int = 0) -> list[int]:
    for n in range(start, start + count):
        onboard(UserFactory(email=f"chunk{n}@example.com", timezone="UTC"), PINNED_NOW.date())
    return services.reminders_sweep(now=PINNED_NOW).to_send


def chunk_queries(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        tasks.deliveries_send(ids)
    return len(queries)


def test_each_further_email_in_a_chunk_costs_only_its_claim_and_its_state(curriculum):
    small = learners_due(2)
    small_cost = chunk_queries(small)
    large = learners_due(10, start=2)
    large_cost = chunk_queries(large)

    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == len(small + large)
    assert len(mail.outbox) == len(small + large) == 24  # a digest and a weekly nudge each
    assert large_cost - small_cost == PER_EMAIL * (len(large) - len(small))


def test_a_chunk_says_the_same_as_sending_each_email_alone(curriculum):
    ids = learners_due(3)
    tasks.deliveries_send(ids)
    together = {m.to[0] + m.subject: m.body for m in mail.outbox}
    Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.PENDING)
    mail.outbox.clear()

    for delivery_id in ids:
        services.delivery_send(delivery_id=delivery_id, now=PINNED_NOW)

    assert {m.to[0] + m.subject: m.body for m in mail.outbox} == together
    assert len(together) == 6
