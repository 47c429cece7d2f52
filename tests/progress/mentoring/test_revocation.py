"""Ending a link takes effect on the mentor's very next request: the mentee's page, the
htmx partial a comment returns, the comment and mock forms, and the weekly digest already
decided for them."""

import pytest
from django.core import mail
from django.urls import reverse

from progress.mentoring import kinds, services
from progress.reminders import services as reminders
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, UserFactory, onboard

from .helpers import linked

pytestmark = pytest.mark.django_db


def test_everything_a_mentor_had_open_stops_working_on_the_next_request(client, curriculum):
    mentor = UserFactory(email="maria@example.com", display_name="Maria", timezone="UTC")
    mentee = UserFactory(email="dana@example.com", display_name="Dana", timezone="UTC")
    plan = onboard(mentee, PINNED_NOW.date())
    InterviewFactory(user=mentee)  # in three days: the digest would name Dana
    link = linked(mentee, mentor)
    item = plan.items.order_by("date", "position").first()
    page = reverse("mentoring:mentee", args=[mentee.pk])
    comment = reverse("mentoring:comment", args=[mentee.pk, "item", item.pk])
    mock = reverse("mentoring:mock_new", args=[mentee.pk])
    client.force_login(mentor)
    htmx = {"HTTP_HX_REQUEST": "true"}
    before = {
        "page": client.get(page).status_code,
        "htmx partial": client.post(comment, {"body": "Before."}, **htmx).status_code,
        "comment form": client.get(comment).status_code,
        "mock form": client.get(mock).status_code,
    }
    digest_ids = reminders.reminders_sweep(now=PINNED_NOW).to_send  # decided while linked

    services.mentorship_end(user=mentee, link_id=link.pk)

    after = {
        "page": client.get(page).status_code,
        "htmx partial": client.post(comment, {"body": "After."}, **htmx).status_code,
        "comment form": client.get(comment).status_code,
        "mock form": client.get(mock).status_code,
    }
    for delivery_id in digest_ids:
        reminders.delivery_send(delivery_id=delivery_id, now=PINNED_NOW)
    digest = Delivery.objects.get(user=mentor, kind=kinds.MENTOR_DIGEST)
    dashboard = client.get(reverse("mentoring:dashboard")).content.decode()

    assert before == {"page": 200, "htmx partial": 200, "comment form": 200, "mock form": 200}
    assert after == {"page": 404, "htmx partial": 404, "comment form": 404, "mock form": 404}
    assert (digest.status, digest.reason) == (Delivery.Status.SKIPPED, "no active mentee")
    assert not [m for m in mail.outbox if "maria@example.com" in m.to and "Dana" in m.body]
    assert "Dana" not in dashboard
    assert list(mentee.comments_received.values_list("body", flat=True)) == ["Before."]
