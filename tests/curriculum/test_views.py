"""Browse pages: sign-in required, content shown, query count independent of content size."""

import pytest
from django.urls import reverse

from curriculum.models import Lesson, Topic

PAGES = [
    reverse("curriculum:topics"),
    reverse("curriculum:topic", args=["python-fundamentals"]),
    reverse("curriculum:plan_template"),
    reverse("curriculum:checklists"),
    reverse("curriculum:concepts"),
]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_topic_list_groups_every_topic_by_kind(learner_client, curriculum):
    response = learner_client.get(reverse("curriculum:topics"))

    assert response.status_code == 200
    for label in ("Study area", "Communication skills", "Interview process", "Tips", "Resources"):
        assert label in response.text
    for topic in Topic.objects.all():
        assert topic.get_absolute_url() in response.text


def test_a_topic_page_shows_its_lessons_levels_and_concepts(learner_client, curriculum):
    topic = Topic.objects.get(slug="python-fundamentals")

    response = learner_client.get(topic.get_absolute_url())

    assert response.status_code == 200
    for lesson in topic.lessons.all():
        assert lesson.title in response.text
    assert "Key concepts" in response.text
    assert 'id="concept-decorators"' in response.text
    assert "level-easy" in response.text or "level-mid" in response.text


def test_the_communication_topic_shows_the_rubric(learner_client, curriculum):
    response = learner_client.get(reverse("curriculum:topic", args=["interview-communication"]))

    assert "Communication rubric" in response.text
    assert "Tradeoff language" in response.text or "Trade-off language" in response.text


def test_the_practice_topic_shows_patterns_and_families(learner_client, curriculum):
    response = learner_client.get(reverse("curriculum:topic", args=["practice-problems"]))

    assert "Two pointers" in response.text
    assert "Problem family" in response.text


def test_the_plan_template_lists_four_weeks_of_days(learner_client, curriculum):
    response = learner_client.get(reverse("curriculum:plan_template"))

    assert response.text.count('<th scope="row">Day ') == 28
    assert "Final review" in response.text


def test_the_checklists_page_has_all_three_phases(learner_client, curriculum):
    response = learner_client.get(reverse("curriculum:checklists"))

    for label in ("Before the interview", "During the interview", "After the interview"):
        assert label in response.text
    assert "(1 day after)" in response.text


def test_an_unknown_topic_is_404(learner_client, curriculum):
    assert (
        learner_client.get(reverse("curriculum:topic", args=["no-such-topic"])).status_code == 404
    )


def test_a_retired_topic_still_opens_with_a_notice_for_the_learners_who_have_it(
    learner_client, curriculum
):
    # Plans and logs keep pointing at retired topics: their links must not break.
    Topic.objects.filter(slug="databases-sql").update(retired=True)

    response = learner_client.get(reverse("curriculum:topic", args=["databases-sql"]))

    assert response.status_code == 200
    assert "no longer part of the curriculum" in response.text


def test_a_retired_topic_is_left_out_of_the_topic_list(learner_client, curriculum):
    Topic.objects.filter(slug="databases-sql").update(retired=True)

    response = learner_client.get(reverse("curriculum:topics"))

    assert reverse("curriculum:topic", args=["databases-sql"]) not in response.text
    assert reverse("curriculum:topic", args=["system-design"]) in response.text


def _grow_curriculum(factor: int) -> None:
    """Add many lessons to every topic, so a per-row query would show up in the count."""
    for topic in Topic.objects.all():
        Lesson.objects.bulk_create(
            Lesson(
                topic=topic,
                slug=f"extra-{i}",
                title=f"Extra {i}",
                level="mid",
                minutes=30,
                body="Text.",
                order=100 + i,
            )
            for i in range(factor)
        )


@pytest.mark.parametrize("url", PAGES)
def test_browse_pages_run_the_same_queries_however_large_the_curriculum(
    learner_client, curriculum, django_assert_max_num_queries, url
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert learner_client.get(url).status_code == 200
    _grow_curriculum(30)

    with django_assert_max_num_queries(len(small)):
        assert learner_client.get(url).status_code == 200
    assert len(small) <= 12
