"""Page cost does not grow with data: the same number of queries for 2 records as for 40."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curriculum.models import PracticePattern, Topic
from progress.interviews.services import checklist_item_add, interview_reflect
from tests.factories import (
    InterviewFactory,
    MockInterviewFactory,
    PracticeProblemFactory,
    StoryFactory,
    onboard,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 40
ZONE = "Europe/London"

# Upper bounds per page, a little above what was measured, so a new N+1 or a careless extra
# query shows up here even when it happens not to depend on the amount of data.
BOUNDS = {
    "/interviews/": 8,
    "/interviews/{id}/": 8,
    "/practice/": 7,  # the curriculum from memory, the page with its count in one query
    "/stories/": 5,  # a mentor's comments cost one more (these learners have none)
    "/mocks/": 8,
    "/": 25,  # with the review cards due (2) and key-concept recall in the weak areas (1)
    "/progress/": 18,
}


@pytest.fixture
def learner_with_data(curriculum, learner):
    today = timezone.localdate()
    onboard(
        learner,
        today - timedelta(days=10),
        ratings={t.pk: 1 + t.pk % 5 for t in Topic.objects.filter(kind="study")},
        interview_date=today + timedelta(days=20),
        timezone_name=ZONE,
    )
    return learner


def add_records(user, start: int, stop: int, focus) -> None:
    """Records number start..stop-1 of every kind: interviews half past and half upcoming
    (past ones reflected on), problems, stories, mocks with scores and topics, and one
    checklist item more on the interview whose page is measured."""
    now, today = timezone.now(), timezone.localdate()
    topics = list(Topic.objects.filter(kind__in=["study", "skills"]))
    patterns = list(PracticePattern.objects.filter(kind="technique"))
    families = list(PracticePattern.objects.filter(kind="family"))
    for n in range(start, stop):
        when = now + timedelta(days=n + 1) if n % 2 else now - timedelta(days=n + 1)
        interview = InterviewFactory(
            user=user,
            company=f"Company {n}",
            scheduled_at=when,
            timezone_name=ZONE,
            notes=f"Notes {n}",
        )
        if when < now:
            interview_reflect(
                interview=interview,
                went_well="Some",
                to_improve="",
                topic_ids=[t.pk for t in topics[n % len(topics) : n % len(topics) + 2]],
                outcome="pending",
                today=today,
            )
        checklist_item_add(
            interview=focus, phase="before", text=f"Own item {n}", offset_hours=-n - 1
        )
        PracticeProblemFactory(
            user=user,
            title=f"Problem {n}",
            topic=topics[n % 10],
            pattern=patterns[n % len(patterns)],
            family=families[n % len(families)],
            solved=n % 3 != 0,
            hint_used=n % 4 == 0,
            practised_on=today - timedelta(days=n % 30),
        )
        StoryFactory(user=user, result="Faster" if n % 2 else "Saved 3 hours a week")
        mock = MockInterviewFactory(
            user=user, held_on=today - timedelta(days=n % 30), scores=1 + n % 4
        )
        mock.topics.set(topics[n % 10 : n % 10 + 3])


def focus_interview(user):
    return InterviewFactory(
        user=user,
        company="Focus",
        stage="onsite",
        format="in-person",
        scheduled_at=timezone.now() + timedelta(days=4),
        timezone_name=ZONE,
        link="https://example.com/room",
    )


def queries_for(client, url: str) -> int:
    client.get(url)  # warm caches (session, content types) outside the count
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def measure(user, client, path: str) -> tuple[int, int]:
    """The page's query count with SMALL and then with LARGE records of every kind."""
    client.force_login(user)
    focus = focus_interview(user)
    url = path.format(id=focus.pk)
    add_records(user, 0, SMALL, focus)
    small = queries_for(client, url)
    add_records(user, SMALL, LARGE, focus)
    return small, queries_for(client, url)


@pytest.mark.parametrize("path", list(BOUNDS))
def test_a_page_runs_the_same_number_of_queries_for_2_and_for_40_records(
    learner_with_data, client, path
):
    small, large = measure(learner_with_data, client, path)
    assert large == small


@pytest.mark.parametrize("path", list(BOUNDS))
def test_a_page_stays_within_its_query_budget(learner_with_data, client, path):
    _, large = measure(learner_with_data, client, path)
    assert large <= BOUNDS[path]


@pytest.mark.parametrize("area", ["practice", "stories", "mocks"])
def test_the_large_data_set_really_fills_two_pages_of_a_list(learner_with_data, client, area):
    """Guards the other tests: 40 records must be more than one page of 20."""
    client.force_login(learner_with_data)
    focus = focus_interview(learner_with_data)
    add_records(learner_with_data, 0, LARGE, focus)
    assert "Page 2 of 2" in client.get(f"/{area}/?page=2").content.decode()
