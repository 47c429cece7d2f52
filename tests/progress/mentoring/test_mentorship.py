"""Mentor links: invitations from either side, single-use expiring tokens, what an active
mentor may see, and ending a link taking effect on the next request."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from progress.access import NotVisible, learner_access
from progress.mentoring import rules, services
from progress.mentoring.models import Mentorship
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory, onboard

pytestmark = pytest.mark.django_db

Side, Status = Mentorship.Side, Mentorship.Status


@pytest.fixture
def mentor(db):
    return UserFactory(email="maria@example.com", display_name="Maria")


def invite_mentor(learner, email="maria@example.com") -> tuple[Mentorship, str]:
    link = services.mentorship_invite(inviter=learner, email=email, inviter_side=Side.MENTEE)
    return link, services.invitation_token(link)


def linked(learner, mentor) -> Mentorship:
    _, token = invite_mentor(learner, mentor.email)
    return services.invitation_answer(token=token, user=mentor, accept=True)


def test_a_learner_invites_a_mentor_by_email_with_a_link_to_answer(
    learner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link, token = invite_mentor(learner)

    [message] = mailoutbox
    assert (link.status, link.mentee, link.mentor, link.email) == (
        Status.INVITED, learner, None, "maria@example.com",
    )  # fmt: skip
    assert message.to == ["maria@example.com"]
    assert reverse("mentoring:invitation", args=[token]) in message.body
    assert "Alice" in message.subject


def test_accepting_links_the_mentor_who_then_sees_and_may_only_comment(learner, mentor):
    link = linked(learner, mentor)

    access = learner_access(mentor, learner.pk)
    assert (link.status, link.mentor) == (Status.ACTIVE, mentor)
    assert (access.learner, access.can_change, access.can_comment) == (learner, False, True)
    with pytest.raises(NotVisible):
        learner_access(mentor, learner.pk, change=True)


def test_ending_the_link_hides_the_learner_from_the_next_request_on(learner, mentor, client):
    onboard(learner, PINNED_NOW.date())
    link = linked(learner, mentor)
    client.force_login(mentor)
    assert client.get(reverse("mentoring:mentee", args=[learner.pk])).status_code == 200

    services.mentorship_end(user=learner, link_id=link.pk)

    assert client.get(reverse("mentoring:mentee", args=[learner.pk])).status_code == 404
    assert learner.email not in client.get(reverse("mentoring:dashboard")).content.decode()


def test_another_learner_and_a_pending_mentor_see_nothing(learner, other_learner, mentor):
    invite_mentor(learner)  # invited, not yet accepted

    for viewer in (other_learner, mentor):
        with pytest.raises(NotVisible):
            learner_access(viewer, learner.pk)


@pytest.mark.parametrize(
    "case, message",
    [
        ("tampered", "not valid"),
        ("expired", "expired"),
        ("reused", "already been answered"),
        ("wrong account", "sign in with that address"),
    ],
)
def test_a_bad_invitation_link_is_refused_with_a_message(
    learner, mentor, other_learner, time_machine, case, message
):
    _, token = invite_mentor(learner)
    user = mentor
    if case == "tampered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif case == "expired":
        time_machine.move_to(PINNED_NOW + timedelta(days=rules.INVITATION_DAYS, seconds=1))
    elif case == "reused":
        services.invitation_answer(token=token, user=mentor, accept=False)
    else:
        user = other_learner

    with pytest.raises(ValidationError, match=message):
        services.invitation_answer(token=token, user=user, accept=True)
    assert not Mentorship.objects.filter(status=Status.ACTIVE).exists()


def test_the_invitation_page_explains_a_link_that_cannot_be_used(learner, mentor, client):
    invite_mentor(learner)
    client.force_login(mentor)
    bad = signing.dumps([0, "x"], salt=services.TOKEN_SALT)

    response = client.get(reverse("mentoring:invitation", args=[bad]))

    assert response.status_code == 410
    assert "already been answered or withdrawn" in response.content.decode()


def test_an_anonymous_visitor_is_offered_to_sign_in_or_up_and_come_back(learner, client):
    _, token = invite_mentor(learner)
    path = reverse("mentoring:invitation", args=[token])

    page = client.get(path).content.decode()

    assert re.search(r'/accounts/signup/\?next=[^"]*mentoring/invitations/', page)
    assert re.search(r'/accounts/login/\?next=[^"]*mentoring/invitations/', page)


@pytest.mark.parametrize(
    "email, message",
    [("alice@example.com", "your own address"), ("maria@example.com", "already linked")],
)
def test_inviting_yourself_or_someone_linked_is_refused(learner, mentor, email, message):
    linked(learner, mentor)

    with pytest.raises(ValidationError, match=message):
        services.mentorship_invite(inviter=learner, email=email, inviter_side=Side.MENTEE)


def test_re_inviting_a_waiting_address_sends_a_new_link_and_keeps_one_invitation(learner):
    first, old_token = invite_mentor(learner)
    again, new_token = invite_mentor(learner, "Maria@Example.com")

    assert first.pk == again.pk
    assert Mentorship.objects.filter(mentee=learner).count() == 1
    assert old_token != new_token


def test_too_many_waiting_invitations_are_refused(learner):
    for n in range(rules.MAX_PENDING):
        invite_mentor(learner, f"mentor{n}@example.com")

    with pytest.raises(ValidationError, match="invitations waiting"):
        invite_mentor(learner, "one-more@example.com")


def test_a_mentor_invites_a_learner_who_accepts_from_the_link(learner, mentor):
    link = services.mentorship_invite(inviter=mentor, email=learner.email, inviter_side=Side.MENTOR)
    link = services.invitation_answer(
        token=services.invitation_token(link), user=learner, accept=True
    )

    assert (link.mentor, link.mentee, link.status) == (mentor, learner, Status.ACTIVE)


def test_the_mentors_visit_is_shown_to_the_learner_as_last_looked(learner, mentor, client):
    onboard(learner, PINNED_NOW.date())
    linked(learner, mentor)
    client.force_login(mentor)
    client.get(reverse("mentoring:mentee", args=[learner.pk]))
    client.force_login(learner)

    page = client.get(reverse("settings:page")).content.decode()

    assert "Last looked: Wed 5 Mar 2025, 10:00" in page


def test_private_notes_show_only_that_a_note_exists_unless_shared(learner, mentor, client):
    plan = onboard(learner, PINNED_NOW.date())
    item = plan.items.filter(date=PINNED_NOW.date()).first()
    item.note = "My secret doubts about closures"
    item.save()
    link = linked(learner, mentor)
    client.force_login(mentor)
    url = reverse("mentoring:mentee", args=[learner.pk])

    hidden = client.get(url).content.decode()
    services.mentorship_share_notes(mentee=learner, link_id=link.pk, shares_notes=True)
    shared = client.get(url).content.decode()

    assert "secret doubts" not in hidden and "has a private note" in hidden
    assert "secret doubts" in shared


def mentees(mentor, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        learner = UserFactory(email=f"mentee{n}@example.com")
        onboard(learner, PINNED_NOW.date())
        Mentorship.objects.create(
            mentor=mentor, mentee=learner, invited_by=Side.MENTEE, email=learner.email,
            status=Status.ACTIVE, expires_at=PINNED_NOW,
        )  # fmt: skip


def copies_of(mentor, model_user, count: int) -> None:
    """`count` more mentees of `mentor`, each with a copy of `model_user`'s schedule, plan
    and items, made in bulk (onboarding 200 learners one by one would take most of a
    minute); every other figure on the dashboard is read the same way for them."""
    from django.forms.models import model_to_dict

    from progress.plans.models import Plan, PlanItem, Schedule

    schedule, plan = model_user.schedule, model_user.plans.get()
    items = list(plan.items.all())
    users = [UserFactory.build(email=f"copy{n}@example.com") for n in range(count)]
    users = type(model_user).objects.bulk_create(users)
    skip = {"id", "user", "plan"}
    Schedule.objects.bulk_create(
        Schedule(user=u, **{k: v for k, v in model_to_dict(schedule).items() if k not in skip})
        for u in users
    )
    plans = Plan.objects.bulk_create(
        Plan(user=u, start_date=plan.start_date, end_date=plan.end_date) for u in users
    )
    PlanItem.objects.bulk_create(
        PlanItem(plan=p, **{f.attname: getattr(i, f.attname) for f in PlanItem._meta.concrete_fields
                            if f.attname not in ("id", "plan_id")})
        for p in plans
        for i in items
    )  # fmt: skip
    Mentorship.objects.bulk_create(
        Mentorship(mentor=mentor, mentee=u, invited_by=Side.MENTEE, email=u.email,
                   status=Status.ACTIVE, expires_at=PINNED_NOW)
        for u in users
    )  # fmt: skip


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("mentoring:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_2_and_200_mentees(mentor, client, curriculum):
    client.force_login(mentor)
    mentees(mentor, 2)
    small = dashboard_queries(client)
    copies_of(mentor, Mentorship.objects.filter(mentor=mentor).first().mentee, 198)
    large = dashboard_queries(client)
    page = client.get(reverse("mentoring:dashboard")).content.decode()

    assert small == large
    assert "200 mentees" in page and page.count('class="card mentee') == 20


def test_the_dashboard_says_who_is_behind_and_pages_at_20(mentor, client, curriculum):
    mentees(mentor, 21)
    client.force_login(mentor)

    first = client.get(reverse("mentoring:dashboard")).content.decode()
    second = client.get(reverse("mentoring:dashboard") + "?page=2").content.decode()

    assert first.count('class="card mentee') == 20
    assert second.count('class="card mentee') == 1
    assert "On track" in first
    assert "21 mentees" in first


def test_behind_by_counts_the_items_that_no_longer_fit():
    today = PINNED_NOW.date()  # a Wednesday
    every_day = frozenset(range(7))

    on_track = rules.behind_by_total(
        today=today, end=today + timedelta(days=1), study_days=every_day, minutes_per_day=60,
        items_left=4, minutes_left=120,
    )  # fmt: skip
    behind = rules.behind_by_total(
        today=today, end=today + timedelta(days=1), study_days=every_day, minutes_per_day=60,
        items_left=6, minutes_left=180,
    )  # fmt: skip

    assert (on_track, behind) == (0, 2)


@pytest.mark.parametrize("path", ["mentoring:dashboard", "settings:page"])
@pytest.mark.parametrize(
    "email, message",
    [("not-an-address", "Enter an e-mail address"), ("alice@example.com", "your own address")],
)
def test_a_bad_invitation_address_is_refused_next_to_the_field_and_kept(
    learner_client, path, email, message
):
    data = (
        {"email": email}
        if path == "mentoring:dashboard"
        else {"email": email, "section": "mentors"}
    )

    response = learner_client.post(reverse(path), data)

    page = response.content.decode()
    assert response.status_code == 422
    assert message in page
    assert f'value="{email}"' in page
    assert not Mentorship.objects.exists()


@pytest.mark.parametrize("name", ["mentoring:link_end", "mentoring:link_notes"])
def test_another_persons_link_cannot_be_ended_or_changed(
    learner, mentor, other_learner, client, name
):
    link = linked(learner, mentor)
    client.force_login(other_learner)

    response = client.post(reverse(name, args=[link.pk]), {"shares_notes": "on"})

    link.refresh_from_db()
    assert response.status_code == 404
    assert (link.status, link.shares_notes) == (Status.ACTIVE, False)
