"""A mentor's comments and mentor-scored mocks: who may write them, bad input kept and
explained, the mentee seeing them where the thing is shown, and the weak-area evidence."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum.models import RubricDimension
from progress.journal.models import MockInterview
from progress.mentoring import services
from progress.mentoring.models import Comment
from progress.weak_areas.selectors import weak_areas_for
from tests.conftest import PINNED_NOW
from tests.factories import MockInterviewFactory, StoryFactory, UserFactory, onboard

from .helpers import linked

pytestmark = pytest.mark.django_db
TODAY = PINNED_NOW.date()


@pytest.fixture
def mentor(db):
    return UserFactory(email="maria@example.com", display_name="Maria")


@pytest.fixture
def plan(learner, curriculum):
    return onboard(learner, TODAY)


@pytest.fixture
def link(learner, mentor, plan):
    return linked(learner, mentor)


@pytest.fixture
def item(plan):
    return plan.items.filter(date=TODAY).order_by("position").first()


def comment_url(learner, about, thing_id):
    return reverse("mentoring:comment", args=[learner.pk, about, thing_id])


def test_a_mentor_comments_on_a_plan_item_and_the_learner_sees_it_by_the_item(
    client, learner, mentor, link, item
):
    client.force_login(mentor)
    response = client.post(comment_url(learner, "item", item.pk), {"body": "Do this one first."})

    assert response.status_code == 302
    assert response.url == reverse("mentoring:mentee", args=[learner.pk]) + f"#item-{item.pk}"
    [comment] = Comment.objects.all()
    assert (comment.author, comment.learner, comment.item, comment.about) == (
        mentor, learner, item, "item",
    )  # fmt: skip
    client.force_login(learner)
    for page in (reverse("plans:home"), reverse("plans:plan"), reverse("mentoring:comments")):
        html = client.get(page).content.decode()
        assert "Do this one first." in html, page
        assert "Maria" in html, page


def test_an_htmx_comment_returns_the_thread_with_the_comment_and_a_fresh_form(
    client, learner, mentor, link, item
):
    client.force_login(mentor)
    response = client.post(
        comment_url(learner, "item", item.pk), {"body": "Nice pace."}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<div class="thread" id="thread-item-{item.pk}">')
    assert "Nice pace." in html and "Comment added." in html
    assert "<textarea" in html and "Nice pace.</textarea>" not in html


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Write a comment first."), ("x" * 2001, "Keep this under 2000 characters.")],
)
def test_a_bad_comment_is_refused_next_to_the_field_and_the_text_kept(
    client, learner, mentor, link, item, body, message
):
    client.force_login(mentor)
    response = client.post(comment_url(learner, "item", item.pk), {"body": body})

    html = response.content.decode()
    assert response.status_code == 422
    assert 'class="field-error"' in html and message in html
    if body.strip():
        assert body in html
    assert not Comment.objects.exists()


def test_a_resubmitted_comment_form_adds_one_comment(client, learner, mentor, link, item):
    client.force_login(mentor)
    data = {"body": "Once.", "submission": "4a3c1d52-6a0b-4c43-9a53-3ad0b4bb2f10"}
    for _ in range(2):
        client.post(comment_url(learner, "item", item.pk), data)

    assert Comment.objects.count() == 1


def test_comments_on_an_interview_a_story_and_a_mock_show_where_the_learner_sees_them(
    client, learner, mentor, link, curriculum
):
    from tests.factories import InterviewFactory

    interview = InterviewFactory(user=learner)
    story = StoryFactory(user=learner)
    mock = MockInterviewFactory(user=learner)
    client.force_login(mentor)
    for about, thing, body in (
        ("interview", interview, "Ask about their on-call."),
        ("story", story, "Lead with the number."),
        ("mock", mock, "Slow down on the intro."),
    ):
        assert client.post(comment_url(learner, about, thing.pk), {"body": body}).status_code == 302

    client.force_login(learner)
    pages = {
        reverse("interviews:detail", args=[interview.pk]): "Ask about their on-call.",
        reverse("journal:stories"): "Lead with the number.",
        reverse("journal:mocks"): "Slow down on the intro.",
    }
    for page, body in pages.items():
        assert body in client.get(page).content.decode(), page
    listed = client.get(reverse("mentoring:comments")).content.decode()
    assert all(body in listed for body in pages.values())


def test_only_an_active_mentor_may_comment_and_only_on_that_mentees_things(
    client, learner, other_learner, mentor, link, item, curriculum
):
    other_plan = onboard(other_learner, TODAY)
    linked(other_learner, mentor)  # the mentor follows both
    others_item = other_plan.items.first()
    url = comment_url(learner, "item", item.pk)

    for viewer in (learner, other_learner):  # the owner included: comments are a mentor's
        client.force_login(viewer)
        assert client.post(url, {"body": "hi"}).status_code == 404
    client.force_login(mentor)
    # The other mentee's item under this mentee's address, and a kind that takes no comments.
    assert (
        client.post(comment_url(learner, "item", others_item.pk), {"body": "x"}).status_code == 404
    )
    assert client.get(comment_url(learner, "practice", item.pk)).status_code == 404
    assert not Comment.objects.exists()


def test_after_the_link_ends_the_comment_form_answers_404(client, learner, mentor, link, item):
    client.force_login(mentor)
    url = comment_url(learner, "item", item.pk)
    assert client.get(url).status_code == 200

    services.mentorship_end(user=learner, link_id=link.pk)

    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Still here?"}, HTTP_HX_REQUEST="true").status_code == 404
    assert not Comment.objects.exists()


def test_a_learner_keeps_comments_after_the_link_ends(client, learner, mentor, link, item):
    services.comment_add(author=mentor, learner_id=learner.pk, about="item", about_id=item.pk,
                         body="Keep going.")  # fmt: skip
    services.mentorship_end(user=learner, link_id=link.pk)

    client.force_login(learner)
    assert "Keep going." in client.get(reverse("mentoring:comments")).content.decode()


def mock_form(scores: dict[int, int], **extra) -> dict:
    data = {"held_on": TODAY.isoformat(), "notes": "Ran a 45-minute system design."}
    data.update({f"score_{d}": s for d, s in scores.items()})
    return {**data, **extra}


def test_a_mentor_scored_mock_joins_the_mentees_mocks_marked_and_feeds_weak_areas(
    client, learner, mentor, link
):
    before = {a.slug: a for a in weak_areas_for(learner, TODAY)}["interview-communication"]
    dimensions = list(RubricDimension.objects.filter(retired=False))
    client.force_login(mentor)

    response = client.post(
        reverse("mentoring:mock_new", args=[learner.pk]), mock_form({d.pk: 1 for d in dimensions})
    )

    assert response.status_code == 302
    [mock] = MockInterview.objects.filter(user=learner)
    assert (mock.scored_by, mock.run_by, mock.interviewer) == (mentor, "mentor", "Maria")
    after = {a.slug: a for a in weak_areas_for(learner, TODAY)}["interview-communication"]
    assert after.score > before.score
    assert "mock scores average 1.0/4 (1 scored by a mentor)" in after.reasons
    client.force_login(learner)
    assert "Scored by your mentor Maria" in client.get(reverse("journal:mocks")).content.decode()


def test_a_mentor_mock_without_scores_is_refused_and_the_input_kept(client, learner, mentor, link):
    client.force_login(mentor)
    response = client.post(reverse("mentoring:mock_new", args=[learner.pk]), mock_form({}))

    html = response.content.decode()
    assert response.status_code == 422
    assert "Score at least one rubric dimension." in html
    assert "Ran a 45-minute system design." in html
    assert not MockInterview.objects.exists()


def test_the_learner_may_delete_a_mentor_scored_mock_but_not_change_its_scores(
    client, learner, mentor, link
):
    dimension = RubricDimension.objects.filter(retired=False).first()
    mock = services.mentor_mock_record(
        mentor=mentor, mentee_id=learner.pk, held_on=TODAY, notes="", topic_ids=[],
        scores={dimension.pk: 2},
    )  # fmt: skip
    client.force_login(learner)
    edit = reverse("journal:mock_edit", args=[mock.pk])

    page = client.get(edit).content.decode()
    response = client.post(edit, mock_form({dimension.pk: 4}, run_by="self"))

    assert "cannot be changed, only deleted" in page
    assert response.status_code == 422
    assert mock.scores.get().score == 2
    assert client.post(reverse("journal:mock_delete", args=[mock.pk])).status_code == 302
    assert not MockInterview.objects.exists()


def test_only_an_active_mentor_may_score_a_mock(client, learner, other_learner, mentor, link):
    url = reverse("mentoring:mock_new", args=[learner.pk])
    for viewer in (learner, other_learner):
        client.force_login(viewer)
        assert client.get(url).status_code == 404
    services.mentorship_end(user=learner, link_id=link.pk)
    client.force_login(mentor)
    assert client.get(url).status_code == 404


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_mentee_page_costs_the_same_queries_for_a_4_week_and_a_6_month_plan(
    client, learner, other_learner, mentor, curriculum
):
    onboard(learner, TODAY, interview_date=TODAY + timedelta(weeks=4))
    onboard(other_learner, TODAY, interview_date=TODAY + timedelta(weeks=26))
    for mentee in (learner, other_learner):
        linked(mentee, mentor)
        item = mentee.plans.get().items.filter(date=TODAY).first()
        services.comment_add(author=mentor, learner_id=mentee.pk, about="item",
                             about_id=item.pk, body="Good.")  # fmt: skip
        MockInterviewFactory(user=mentee)
    client.force_login(mentor)

    short = queries_for(client, reverse("mentoring:mentee", args=[learner.pk]))
    long = queries_for(client, reverse("mentoring:mentee", args=[other_learner.pk]))

    assert short == long
