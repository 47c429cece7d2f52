"""Page cost does not grow with data: the same number of queries for 2 records as for 40."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curriculum.models import PracticePattern, RubricDimension, Topic
from progress import interview_services, services
from progress.models import MockInterview, MockScore, PracticeProblem, Story

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 40

# Upper bounds per page, a little above what was measured, so a new N+1 or a careless extra
# query shows up here even when it happens not to depend on the amount of data.
BOUNDS = {
    "/interviews/": 8,
    "/interviews/{id}/": 8,
    "/practice/": 14,
    "/stories/": 8,
    "/mocks/": 12,
    "/": 22,
    "/progress/": 18,
}


@pytest.fixture
def learner_with_data(curriculum, learner):
    today = timezone.localdate()
    services.onboarding_complete(
        user=learner,
        schedule={
            "interview_date": today + timedelta(days=20),
            "start_date": today - timedelta(days=10),
            "timezone": "Europe/London",
            "target_role": "Backend Python engineer",
            "study_days": "0123456",
            "minutes_per_day": 60,
        },
        ratings={t.pk: 1 + t.pk % 5 for t in Topic.objects.filter(kind="study")},
        today=today - timedelta(days=10),
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
    dimensions = list(RubricDimension.objects.all())
    for n in range(start, stop):
        when = now + timedelta(days=n + 1) if n % 2 else now - timedelta(days=n + 1)
        interview = interview_services.interview_create(
            user=user,
            data={
                "company": f"Company {n}",
                "role": "Engineer",
                "stage": "technical",
                "format": "video",
                "scheduled_at": when,
                "timezone": "Europe/London",
                "link": "",
                "notes": f"Notes {n}",
            },
        )
        if when < now:
            interview.reflected_at = now
            interview.went_well = "Some"
            interview.save()
            interview.improve_topics.set(topics[n % len(topics) : n % len(topics) + 2])
        interview_services.checklist_item_add(
            interview=focus, phase="before", text=f"Own item {n}", offset_hours=-n - 1
        )
        PracticeProblem.objects.create(
            user=user,
            title=f"Problem {n}",
            topic=topics[n % 10],
            pattern=patterns[n % len(patterns)],
            family=families[n % len(families)],
            difficulty="medium",
            solved=n % 3 != 0,
            hint_used=n % 4 == 0,
            minutes=30,
            practised_on=today - timedelta(days=n % 30),
        )
        Story.objects.create(
            user=user,
            title=f"Story {n}",
            situation="S",
            task="T",
            action="A",
            result="Faster" if n % 2 else "Saved 3 hours a week",
            competencies="ownership, conflict",
        )
        mock = MockInterview.objects.create(
            user=user, held_on=today - timedelta(days=n % 30), run_by="peer"
        )
        mock.topics.set(topics[n % 10 : n % 10 + 3])
        MockScore.objects.bulk_create(
            MockScore(mock=mock, dimension=d, score=1 + (n + d.pk) % 4) for d in dimensions
        )


def focus_interview(user):
    return interview_services.interview_create(
        user=user,
        data={
            "company": "Focus",
            "role": "Engineer",
            "stage": "onsite",
            "format": "in-person",
            "scheduled_at": timezone.now() + timedelta(days=4),
            "timezone": "Europe/London",
            "link": "https://example.com/room",
            "notes": "",
        },
    )


def queries_for(client, url: str) -> int:
    client.get(url)  # warm caches (session, content types) outside the count
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def measure(user, client, page: str) -> tuple[int, int]:
    """The page's query count with SMALL and then with LARGE records of every kind."""
    client.force_login(user)
    focus = focus_interview(user)
    url = page.format(id=focus.pk)
    add_records(user, 0, SMALL, focus)
    small = queries_for(client, url)
    add_records(user, SMALL, LARGE, focus)
    return small, queries_for(client, url)


@pytest.mark.parametrize("page", list(BOUNDS))
def test_a_page_runs_the_same_number_of_queries_for_2_and_for_40_records(
    learner_with_data, client, page
):
    small, large = measure(learner_with_data, client, page)
    assert large == small


@pytest.mark.parametrize("page", list(BOUNDS))
def test_a_page_stays_within_its_query_budget(learner_with_data, client, page):
    _, large = measure(learner_with_data, client, page)
    assert large <= BOUNDS[page]


def test_the_large_data_set_really_fills_more_than_one_page(learner_with_data, client):
    """Guards the other tests: 40 records must be more than one page of 20."""
    client.force_login(learner_with_data)
    focus = focus_interview(learner_with_data)
    add_records(learner_with_data, 0, LARGE, focus)
    pages = [client.get(f"/{area}/?page=2") for area in ("practice", "stories", "mocks")]
    assert all("Page 2 of 2" in r.content.decode() for r in pages)
