"""The demo mentor's dashboard: seed_demo gives them mentees in every state the dashboard
picks out, read through the dashboard's own selector, and a comment the learner sees."""

from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from accounts.models import User
from progress.interviews.models import Interview
from progress.mentoring.models import Comment, Mentorship
from progress.mentoring.selectors import dashboard_rows
from progress.plans.models import PlanItem
from tests.conftest import PINNED_NOW

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-123"
LONDON = ZoneInfo("Europe/London")
TODAY = PINNED_NOW.astimezone(LONDON).date()


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", password=PASSWORD, stdout=out)
    return out.getvalue()


@pytest.fixture
def mentor(curriculum):
    seed()
    return User.objects.get(email="mentor@example.com")


@pytest.fixture
def rows(mentor):
    return {row.mentee.email: row for row in dashboard_rows(mentor)}


def test_the_demo_mentor_follows_the_learner_and_four_mentees(mentor, rows):
    assert sorted(rows) == [
        "demo-behind@example.com",
        "demo-inactive@example.com",
        "demo-interview@example.com",
        "demo-ontrack@example.com",
        "learner@example.com",
    ]
    for row in rows.values():
        assert row.has_plan
        assert row.link.email == mentor.email
        assert row.mentee.check_password(PASSWORD)
        assert row.mentee.emailaddress_set.get().verified


def test_one_mentee_is_on_track_with_yesterday_done(rows):
    row = rows["demo-ontrack@example.com"]

    assert row.behind_by == 0
    assert not row.inactive
    assert not row.interview_soon
    assert not row.stands_out
    # Last active on the evening of yesterday's items, not at the moment of seeding.
    assert row.last_active.astimezone(LONDON).date() == TODAY - timedelta(days=1)
    assert row.completion.done > 0


def test_one_mentee_is_behind_but_still_ticking_items(rows):
    row = rows["demo-behind@example.com"]

    assert row.behind_by > 0
    assert not row.inactive
    assert row.last_active.astimezone(LONDON).date() == TODAY - timedelta(days=1)


def test_one_mentee_has_an_interview_in_three_days(rows):
    row = rows["demo-interview@example.com"]

    assert row.interview_soon
    assert row.next_interview.scheduled_at.astimezone(LONDON).date() == TODAY + timedelta(days=3)
    assert row.behind_by == 0
    assert not row.inactive


def test_one_mentee_is_inactive_after_ticking_items_earlier(rows):
    row = rows["demo-inactive@example.com"]

    assert row.inactive
    assert row.completion.done > 0
    # Nothing ticked on the last four days (an every-day schedule): four study days quiet.
    assert row.last_active.astimezone(LONDON).date() == TODAY - timedelta(days=5)


def test_the_learner_sees_the_mentors_comment_on_their_today_view(client, mentor):
    learner = User.objects.get(email="learner@example.com")
    comment = Comment.objects.get(author=mentor, learner=learner, item__isnull=False)
    client.force_login(learner)

    response = client.get("/")

    assert comment.item.date == TODAY
    assert response.status_code == 200
    page = response.content.decode()
    item_html = page[page.index(f'id="item-{comment.item_id}"') :]
    item_html = item_html[: item_html.index("</li>")]
    assert "Demo mentor" in item_html
    assert comment.body in item_html
    assert Comment.objects.filter(author=mentor, learner=learner, story__isnull=False).exists()


def test_a_second_run_makes_nothing_twice_and_says_only_what_it_made(curriculum):
    first = seed()
    models = (User, Mentorship, Comment, PlanItem, Interview)
    counts = {model: model.objects.count() for model in models}

    second = seed()

    assert {model: model.objects.count() for model in models} == counts
    assert first.count("the mentor follows") == 5
    assert "on track: every item up to yesterday done" in first
    assert "the mentor commented" in first
    # Only the accounts' lines (their passwords refreshed): nothing was made.
    accounts = [line for line in second.splitlines() if line.startswith("  ") and "/" in line]
    assert len(accounts) == 6
    assert all(line.endswith("(refreshed)") for line in accounts)
    assert len(second.splitlines()) == 7
