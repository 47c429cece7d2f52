"""The interview list and an interview's page at any size: the upcoming list is paginated
like the past one (soonest first, ?upcoming=), checklist counts are those of the cards
shown, and neither page runs more queries for 60 interviews than for 3."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curriculum.models import Topic
from progress.interviews import services
from progress.interviews.views import UPCOMING_PAGE_SIZE
from progress.mentoring.services import comment_add
from progress.paging import PAGE_SIZE
from tests.factories import InterviewFactory, UserFactory, onboard
from tests.progress.interviews.test_views import card_titles, html, section, text_of
from tests.progress.mentoring.helpers import linked

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 60


@pytest.fixture
def onboarded_client(learner_client, learner, curriculum):
    onboard(learner, learner.today)
    return learner_client


def add_upcoming(learner, days: list[int]) -> dict[int, object]:
    """Interviews `days` days ahead (given in any order), named by their day."""
    return {
        day: InterviewFactory(
            user=learner, company=f"Day {day:03}", scheduled_at=timezone.now() + timedelta(days=day)
        )
        for day in days
    }


def cards(response) -> list[str]:
    return [
        title.removesuffix(": Backend engineer")
        for title in card_titles(response, "upcoming-heading")
    ]


def upcoming_pages(response) -> str:
    """The text of the upcoming list's page links ('' when it has one page)."""
    match = re.search(
        r'<nav class="pagination" aria-label="Pages of upcoming interviews">.*?</nav>',
        section(response, "upcoming-heading"),
        re.S,
    )
    return " ".join(text_of(match[0]).split()) if match else ""


# --- the upcoming list, page by page -------------------------------------------------------


# Four more than a page, entered out of order.
OUT_OF_ORDER = [9, 3, 25, 1, *range(30, 30 + UPCOMING_PAGE_SIZE)]
SOONEST_FIRST = [f"Day {d:03}" for d in sorted(OUT_OF_ORDER)]


def test_the_upcoming_list_shows_a_page_of_the_soonest_interviews_soonest_first(
    onboarded_client, learner
):
    add_upcoming(learner, OUT_OF_ORDER)
    response = onboarded_client.get("/interviews/")
    assert cards(response) == SOONEST_FIRST[:UPCOMING_PAGE_SIZE]


def test_the_next_upcoming_page_shows_the_rest_in_order(onboarded_client, learner):
    add_upcoming(learner, OUT_OF_ORDER)
    response = onboarded_client.get("/interviews/?upcoming=2")
    assert cards(response) == SOONEST_FIRST[UPCOMING_PAGE_SIZE:]


def test_the_upcoming_list_links_to_its_later_and_sooner_pages(onboarded_client, learner):
    add_upcoming(learner, list(range(1, UPCOMING_PAGE_SIZE * 2 + 2)))
    first, middle = (
        onboarded_client.get("/interviews/"),
        onboarded_client.get("/interviews/?upcoming=2"),
    )
    assert upcoming_pages(first) == "Page 1 of 3 Later →"
    assert upcoming_pages(middle) == "← Sooner Page 2 of 3 Later →"
    assert 'href="?upcoming=1" rel="prev"' in html(middle)
    assert 'href="?upcoming=3" rel="next"' in html(middle)


def test_a_page_of_upcoming_interviews_past_the_end_shows_the_last_page(onboarded_client, learner):
    add_upcoming(learner, list(range(1, UPCOMING_PAGE_SIZE + 4)))
    response = onboarded_client.get("/interviews/?upcoming=99")
    assert response.status_code == 200
    assert cards(response) == [
        f"Day {d:03}" for d in range(UPCOMING_PAGE_SIZE + 1, UPCOMING_PAGE_SIZE + 4)
    ]
    assert upcoming_pages(response) == "← Sooner Page 2 of 2"


@pytest.mark.parametrize("number", ["two", "", "1.5"])
def test_an_upcoming_page_number_that_is_not_a_page_shows_the_first_page(
    onboarded_client, learner, number
):
    add_upcoming(learner, list(range(1, UPCOMING_PAGE_SIZE + 4)))
    response = onboarded_client.get(f"/interviews/?upcoming={number}")
    assert response.status_code == 200
    assert cards(response)[:2] == ["Day 001", "Day 002"]


def test_turning_the_past_list_leaves_the_upcoming_list_on_its_first_page(
    onboarded_client, learner
):
    add_upcoming(learner, list(range(1, UPCOMING_PAGE_SIZE + 4)))
    for n in range(PAGE_SIZE + 2):
        InterviewFactory(user=learner, scheduled_at=timezone.now() - timedelta(days=n + 1))
    response = onboarded_client.get("/interviews/?page=2")
    assert cards(response) == [f"Day {d:03}" for d in range(1, UPCOMING_PAGE_SIZE + 1)]
    assert len(card_titles(response, "past-heading")) == 2


def test_a_page_of_upcoming_interviews_has_no_page_links(onboarded_client, learner):
    add_upcoming(learner, list(range(1, UPCOMING_PAGE_SIZE + 1)))
    response = onboarded_client.get("/interviews/")
    assert (len(cards(response)), upcoming_pages(response)) == (UPCOMING_PAGE_SIZE, "")


def test_without_upcoming_interviews_the_list_says_so_on_any_page(onboarded_client, learner):
    InterviewFactory(user=learner, scheduled_at=timezone.now() - timedelta(days=1))
    for url in ("/interviews/", "/interviews/?upcoming=3"):
        upcoming = section(onboarded_client.get(url), "upcoming-heading")
        assert text_of(re.search(r'<p class="empty">(.*?)</p>', upcoming)[1]) == (
            "No interview coming up. Add one below and its checklists appear."
        )
        assert "pagination" not in upcoming


def test_a_card_on_a_later_page_counts_its_own_checklist(onboarded_client, learner):
    interviews = add_upcoming(learner, list(range(1, UPCOMING_PAGE_SIZE + 2)))
    last = interviews[UPCOMING_PAGE_SIZE + 1]
    for item in last.checklist.all()[:2]:
        services.checklist_item_set_done(item=item, done=True)
    total = last.checklist.count()
    response = onboarded_client.get("/interviews/?upcoming=2")
    assert f"Checklist 2 of {total} done" in text_of(section(response, "upcoming-heading"))


def test_a_card_counts_its_checklist_and_not_its_neighbours(onboarded_client, learner):
    interviews = add_upcoming(learner, [1, 2])
    for item in interviews[1].checklist.all()[:3]:
        services.checklist_item_set_done(item=item, done=True)
    services.checklist_item_add(
        interview=interviews[2], phase="before", text="Print the CV", offset_hours=-2
    )
    total = interviews[1].checklist.count()
    text = text_of(section(onboarded_client.get("/interviews/"), "upcoming-heading"))
    assert re.findall(r"Checklist \d+ of \d+ done", text) == [
        f"Checklist 3 of {total} done",
        f"Checklist 0 of {total + 1} done",
    ]


# --- the cost of the pages does not grow with the data -------------------------------------


def add_interviews(learner, focus, mentor, start: int, stop: int) -> None:
    """Interviews number start..stop-1, alternately ahead and past (past ones reflected on),
    every third one with two items ticked; and for each, one item of the learner's own and
    one mentor's comment on the interview whose page is measured."""
    topics = list(Topic.objects.filter(kind="study")[:3])
    for n in range(start, stop):
        ahead = n % 2 == 0
        when = timezone.now() + timedelta(days=n + 1) * (1 if ahead else -1)
        interview = InterviewFactory(user=learner, company=f"Company {n}", scheduled_at=when)
        if not ahead:
            services.interview_reflect(
                interview=interview,
                went_well="Clear answers",
                to_improve="",
                topic_ids=[t.pk for t in topics],
                outcome="pending",
                today=learner.today,
            )
        if n % 3 == 0:
            for item in interview.checklist.all()[:2]:
                services.checklist_item_set_done(item=item, done=True)
        services.checklist_item_add(
            interview=focus, phase="before", text=f"Own item {n}", offset_hours=-n - 1
        )
        comment_add(
            author=mentor,
            learner_id=learner.pk,
            about="interview",
            about_id=focus.pk,
            body=f"Comment {n}",
        )


def queries_for(client, url: str) -> int:
    client.get(url)  # sessions and the process's curriculum copy warmed outside the count
    cache.clear()  # the lists are drawn again, as on a first visit or after a change
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    ("page", "focus_days"),
    [
        ("/interviews/", 4),
        ("/interviews/?upcoming=2&page=2", 4),
        ("/interviews/{id}/", 4),  # ahead: the checklist, comments, no reflection yet
        ("/interviews/{id}/", -4),  # held and reflected on: the reflection form as well
    ],
)
def test_an_interview_page_runs_as_many_queries_for_60_interviews_as_for_3(
    onboarded_client, learner, page, focus_days
):
    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    linked(learner, mentor)
    focus = InterviewFactory(
        user=learner, company="Focus", scheduled_at=timezone.now() + timedelta(days=focus_days)
    )
    if focus_days < 0:
        services.interview_reflect(
            interview=focus,
            went_well="Calm",
            to_improve="Caching",
            topic_ids=list(Topic.objects.filter(kind="study").values_list("pk", flat=True)[:2]),
            outcome="moved-on",
            today=learner.today,
        )
    url = page.format(id=focus.pk)
    add_interviews(learner, focus, mentor, 0, SMALL - 1)
    small = queries_for(onboarded_client, url)
    add_interviews(learner, focus, mentor, SMALL - 1, LARGE - 1)
    assert queries_for(onboarded_client, url) == small
