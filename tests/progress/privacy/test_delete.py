"""Deleting an account: behind the password, every row of the user gone (checked against
every model of the app registry that refers to a user), links and tokens dead, signed out."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from curriculum.models import RubricDimension
from progress.journal.models import MockInterview
from progress.mentoring import services as mentoring
from progress.mentoring.models import Mentorship
from progress.reminders.content import unsubscribe_url
from tests.factories import PASSWORD, onboard
from tests.progress.mentoring.helpers import linked

from .registry import paths_to_the_user
from .test_export import TODAY, full_account

pytestmark = pytest.mark.django_db
User = get_user_model()


def rows_of(user_pk: int) -> dict[str, int]:
    counts = {}
    for model, paths in paths_to_the_user().items():
        for path in paths:
            n = model._base_manager.filter(**{path: user_pk}).count()
            if n:
                counts[f"{model._meta.label} by {path}"] = n
    return counts


def sign_in(client, user) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def delete_with_password(client, data: dict):
    """Post the deletion, give the password when asked; the page resumes the post."""
    asked = client.post(reverse("privacy:delete"), data)
    assert asked.status_code == 302 and asked.url.startswith(reverse("account_reauthenticate"))
    return client.post(asked.url, {"password": PASSWORD}, follow=True)


def test_deleting_asks_for_the_password_again(client, learner):
    client.force_login(learner)  # signed in, but not just now

    response = client.post(reverse("privacy:delete"), {"confirm": "delete"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert User.objects.filter(pk=learner.pk).exists()


def test_deleting_without_ticking_the_box_deletes_nothing(client, learner):
    sign_in(client, learner)

    response = delete_with_password(client, {})

    assert response.status_code == 422
    assert "Tick the box to confirm." in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()


def test_a_full_account_is_deleted_to_the_last_row(client, learner, other_learner, curriculum):
    full_account(learner)  # a mentor follows the learner, who has something everywhere
    mentor = Mentorship.objects.get(mentee=learner).mentor
    onboard(other_learner, TODAY)
    linked(other_learner, learner)  # the learner also mentors Bob...
    item = other_learner.plans.get().items.first()
    mentoring.comment_add(author=learner, learner_id=other_learner.pk, about="item",
                          about_id=item.pk, body="From Alice.")  # fmt: skip
    dimension = RubricDimension.objects.filter(retired=False).first()
    bobs_mock = mentoring.mentor_mock_record(
        mentor=learner, mentee_id=other_learner.pk, held_on=TODAY, notes="", topic_ids=[],
        scores={dimension.pk: 2},
    )  # fmt: skip
    waiting = mentoring.mentorship_invite(inviter=learner, email="new@example.com",
                                          inviter_side=Mentorship.Side.MENTEE)  # fmt: skip
    token = mentoring.invitation_token(waiting)
    unsubscribe = unsubscribe_url(learner.pk, "all").removeprefix("https://prep.example.com")
    before = rows_of(learner.pk)
    sign_in(client, learner)

    response = delete_with_password(client, {"confirm": "delete"})

    assert response.redirect_chain[-1][0] == "/"
    assert "Your account and everything in it are deleted." in response.content.decode()
    assert len(before) >= 20  # the walk found the rows it then proves gone
    assert rows_of(learner.pk) == {}
    assert not User.objects.filter(pk=learner.pk).exists()
    assert client.get(reverse("settings:page")).status_code == 302  # signed out
    bobs_mock.refresh_from_db()
    assert bobs_mock.scored_by is None and MockInterview.objects.filter(pk=bobs_mock.pk).exists()
    client.force_login(mentor)
    assert "Alice" not in client.get(reverse("mentoring:dashboard")).content.decode()
    client.force_login(other_learner)
    assert "From Alice." not in client.get(reverse("mentoring:comments")).content.decode()
    invitation = client.get(reverse("mentoring:invitation", args=[token]))
    assert invitation.status_code == 410
    client.logout()
    assert client.get(unsubscribe).status_code == 404


def test_a_mentor_and_the_learners_own_mentors_lose_the_link_at_once(client, learner, curriculum):
    full_account(learner)
    mentor = Mentorship.objects.get(mentee=learner).mentor
    client.force_login(mentor)
    page = reverse("mentoring:mentee", args=[learner.pk])
    assert client.get(page).status_code == 200
    learner_client = type(client)()
    sign_in(learner_client, learner)

    delete_with_password(learner_client, {"confirm": "delete"})

    assert client.get(page).status_code == 404
    assert not Mentorship.objects.filter(mentor=mentor).exists()
