"""Mentoring's e-mails through the reminders pipeline: the comment notice reaches the learner
once for a burst of comments, and the mentor's weekly digest names only the mentees who need
attention, from active links only. One journey runs on a real worker and SMTP server."""

import time
from datetime import timedelta

import pytest
from django.core import mail

from progress.mentoring import kinds, services
from progress.reminders import services as reminders
from progress.reminders import tasks
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, UserFactory, onboard

from .helpers import linked

Status = Delivery.Status
LATER = PINNED_NOW + kinds.COMMENT_SETTLE + timedelta(minutes=1)


def only(user, *wanted: str) -> None:
    """Keep the user's e-mails to the kinds under test."""
    reminders.reminder_settings_update(
        user=user, digest_hour=7, daily_cap=5, kinds_on=set(wanted), unsubscribed_all=False
    )


@pytest.fixture
def mentor(db):
    return UserFactory(email="maria@example.com", display_name="Maria", timezone="UTC")


@pytest.fixture
def mentee(db, curriculum):
    user = UserFactory(email="dana@example.com", display_name="Dana", timezone="UTC")
    onboard(user, PINNED_NOW.date())
    only(user, kinds.COMMENTS)
    return user


def comment(mentor, mentee, body: str):
    item = mentee.plans.get().items.order_by("date", "position").first()
    return services.comment_add(
        author=mentor, learner_id=mentee.pk, about="item", about_id=item.pk, body=body
    )


def send_due(now, kind: str = kinds.COMMENTS) -> list[Delivery]:
    """Sweep and send what is due at `now`; the ledger's rows of `kind` (others, such as
    the opted-out digest, are recorded as skipped beside them)."""
    for delivery_id in reminders.reminders_sweep(now=now).to_send:
        reminders.delivery_send(delivery_id=delivery_id, now=now)
    return list(Delivery.objects.filter(kind=kind).order_by("pk"))


@pytest.mark.django_db
def test_a_burst_of_comments_is_one_email_and_a_later_comment_another(mentor, mentee):
    linked(mentee, mentor)
    comment(mentor, mentee, "Start with the heap chapter.")
    comment(mentor, mentee, "And time yourself.")

    assert send_due(PINNED_NOW + timedelta(minutes=5)) == []  # still settling
    send_due(LATER)
    send_due(LATER + timedelta(minutes=5))  # a second sweep adds nothing
    [first] = mail.outbox
    comment(mentor, mentee, "Nice streak this week.")
    later = LATER + timedelta(hours=1)
    send_due(later)

    [_, second] = mail.outbox
    assert first.to == ["dana@example.com"]
    assert first.subject == "Maria commented on your work"
    assert "Start with the heap chapter." in first.body and "And time yourself." in first.body
    assert "Nice streak this week." in second.body
    assert "Start with the heap chapter." not in second.body
    assert "List-Unsubscribe" in first.extra_headers


@pytest.mark.django_db
def test_a_learner_who_turned_comment_emails_off_gets_none(mentor, mentee):
    linked(mentee, mentor)
    only(mentee)  # nothing
    comment(mentor, mentee, "Quiet please.")

    [row] = send_due(LATER)

    assert (row.kind, row.status, row.reason) == (kinds.COMMENTS, Status.SKIPPED, "opted out")
    assert mail.outbox == []


@pytest.fixture
def mentees(mentor, curriculum):
    """Three people the mentor follows: one with an interview in two days, one on track,
    and one whose link the learner ends (also with an interview soon)."""
    people = {}
    for name in ("Soon", "Steady", "Gone"):
        user = UserFactory(email=f"{name.lower()}@example.com", display_name=name, timezone="UTC")
        onboard(user, PINNED_NOW.date())
        people[name] = (user, linked(user, mentor))
    for name in ("Soon", "Gone"):
        InterviewFactory(user=people[name][0], scheduled_at=PINNED_NOW + timedelta(days=2))
    only(mentor, kinds.MENTOR_DIGEST)
    return people


@pytest.mark.django_db
def test_the_mentor_digest_names_who_needs_attention_and_nothing_of_ended_links(mentor, mentees):
    gone, gone_link = mentees["Gone"]
    services.mentorship_end(user=gone, link_id=gone_link.pk)

    rows = send_due(PINNED_NOW, kinds.MENTOR_DIGEST)

    [digest] = [m for m in mail.outbox if m.to == ["maria@example.com"]]
    assert [(r.user, r.kind, r.status) for r in rows if r.user == mentor] == [
        (mentor, kinds.MENTOR_DIGEST, Status.SENT)
    ]
    assert digest.subject == "1 of your 2 mentees needs attention"
    assert "Soon" in digest.body and "interview on" in digest.body
    assert "Steady" not in digest.body
    assert "Gone" not in digest.body and "gone@example.com" not in digest.body


@pytest.mark.django_db
def test_a_digest_decided_before_the_link_ended_says_nothing_of_that_mentee(mentor, mentees):
    for name in ("Soon", "Gone"):  # nobody left who needs attention once "Gone" leaves
        user, link = mentees[name]
        if name == "Soon":
            services.mentorship_end(user=user, link_id=link.pk)
    decided = reminders.reminders_sweep(now=PINNED_NOW).to_send
    gone, gone_link = mentees["Gone"]

    services.mentorship_end(user=gone, link_id=gone_link.pk)
    for delivery_id in decided:
        reminders.delivery_send(delivery_id=delivery_id, now=PINNED_NOW)

    row = Delivery.objects.get(user=mentor, kind=kinds.MENTOR_DIGEST)
    assert (row.status, row.reason) == (Status.SKIPPED, "every mentee is on track")
    assert [m for m in mail.outbox if m.to == ["maria@example.com"]] == []


def to_dana(server) -> list:
    return [m for m in server.inbox.messages() if m["To"] == "dana@example.com"]


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_comment_notice_goes_out_once_through_a_real_worker_and_smtp_server(
    real_worker, smtp_server, mentor, mentee, time_machine
):
    time_machine.move_to(PINNED_NOW, tick=True)
    only(mentor)  # the mentor's weekly digest is another test's business
    linked(mentee, mentor)
    comment(mentor, mentee, "Read the GIL section twice.")

    for _ in range(2):  # two sweeps, one e-mail
        tasks.send_later(reminders.reminders_sweep(now=LATER).to_send)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not to_dana(smtp_server):
        time.sleep(0.1)
    time.sleep(0.5)  # room for a duplicate to show up, were there one

    [message] = to_dana(smtp_server)  # (the mentor got the invitation)
    assert "Read the GIL section twice." in message.get_body(("plain",)).get_content()
    assert Delivery.objects.get(kind=kinds.COMMENTS).status == Status.SENT
