"""Cost does not grow with the data: a page costs the same queries for a 4-week and a
6-month plan, a tick the same for both, and onboarding the same whatever the number of
ratings."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from curriculum.models import Topic
from progress.plans import services
from progress.plans.models import TopicRating
from tests.factories import UserFactory, onboard

TODAY = date(2025, 3, 5)
# A first visit computes what the page caches (progress.figures, progress.pages): today costs
# 22 then (8 of them the weak-areas evidence, key-concept recall included, 2 the interview
# checklist, 2 the review cards due), progress 18, the plan 8, settings 9, the topic panel 6.
# A repeat visit reads the cached parts (the checklist and the cards due, which move with the
# clock, for the rest of the minute): today, the plan and progress 2 (the session, and the
# user with their schedule). A day off adds 2 on a first visit (the next study day's items
# and their comments): see test_plan_pages.
MAX_QUERIES = {"first": 22, "again": 9}
PAGES = ["/", "/plan/", "/progress/", "/topics/python-fundamentals/mine/", "/settings/"]


@pytest.fixture
def clients(time_machine, learner, other_learner, curriculum):
    """Two learners a few days into their plans: one of four weeks, one of six months."""
    start = TODAY - timedelta(days=3)
    time_machine.move_to(datetime(2025, 3, 2, 12, tzinfo=UTC), tick=False)
    short = onboard(learner, start, interview_date=start + timedelta(weeks=4))
    long = onboard(other_learner, start, interview_date=start + timedelta(days=182))
    time_machine.move_to(datetime(2025, 3, 5, 9, tzinfo=UTC), tick=False)
    for plan in (short, long):
        for item in plan.items.filter(date__lt=TODAY)[::2]:
            services.plan_item_set_done(item=item, done=True)
        item = plan.items.filter(date__gt=TODAY).first()
        services.plan_item_set_note(item=item, note="later")
    assert long.items.count() > 2 * short.items.count()

    result = {}
    for name, user, plan in (("4 weeks", learner, short), ("6 months", other_learner, long)):
        client = Client()
        client.force_login(user)
        client.plan = plan
        result[name] = client
    return result


def queries_for(client, url: str, visit: str) -> int:
    """Queries of a first visit (nothing cached; the process's own caches, such as the
    curriculum's, warm) or of a visit again."""
    client.get(url)
    if visit == "first":
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("visit", ["first", "again"])
@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_the_same_queries_for_a_short_and_a_long_plan(clients, url, visit):
    short = queries_for(clients["4 weeks"], url, visit)
    long = queries_for(clients["6 months"], url, visit)

    assert short == long


@pytest.mark.parametrize("visit", ["first", "again"])
@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_a_small_fixed_number_of_queries(clients, url, visit):
    assert queries_for(clients["6 months"], url, visit) <= MAX_QUERIES[visit]


# A repeat visit's queries beyond the session and the user (read with the schedule, see
# progress.backends): the content
# version for the lists that name topics (their add forms offer them too).
REPEAT_EXTRA = {"/practice/": 1, "/mocks/": 1}
REPEATED = ["/", "/plan/", "/progress/", "/settings/", "/interviews/", "/practice/"]
REPEATED += ["/stories/", "/mocks/", "/review/", "/mentoring/comments/"]


@pytest.mark.parametrize("url", REPEATED)
def test_a_repeat_visit_reads_only_the_session_and_the_user_with_their_schedule(clients, url):
    """What the learner's data and the date decide is cached until either changes."""
    for client in clients.values():
        assert queries_for(client, url, "again") == 2 + REPEAT_EXTRA.get(url, 0)


def tick_queries(client) -> int:
    item = client.plan.items.filter(date=TODAY, status="pending").first()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/items/{item.pk}/done/",
            {"expected": "pending"},
            headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/"},
        )
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_an_htmx_tick_costs_the_same_queries_for_a_short_and_a_long_plan(clients):
    assert tick_queries(clients["4 weeks"]) == tick_queries(clients["6 months"])


# --- onboarding ---------------------------------------------------------------------------


def onboarding_queries(user, ratings: dict[int, int]) -> int:
    with CaptureQueriesContext(connection) as captured:
        onboard(user, TODAY, ratings=ratings)
    return len(captured.captured_queries)


@pytest.fixture
def study_topic_ids(curriculum) -> list[int]:
    ids = list(
        Topic.objects.filter(kind=Topic.Kind.STUDY, retired=False).values_list("pk", flat=True)
    )
    assert len(ids) >= 5
    return ids


# The onboarding page's POST: the session and the user, the schedule check and the form's
# topics (the page); the zone, the schedule and all ratings saved in a statement each; the
# plan locked, the curriculum's version (its content is kept in memory, see
# progress/plans/material.py), the ratings read, the plan and all its items inserted (the
# service); a savepoint and its release (the test's transaction; outside tests BEGIN and
# COMMIT, which are not counted); the learner's cached-figures version (progress.pages).
ONBOARDING_MAX_QUERIES = 15
ONBOARDING_PLANS = {
    "4 weeks": {"interview": timedelta(weeks=4), "study_days": range(5), "minutes": 60},
    "6 months": {"interview": timedelta(days=182), "study_days": range(7), "minutes": 240},
}


def onboarding_post_queries(plan: str, topic_ids: list[int]) -> int:
    shape = ONBOARDING_PLANS[plan]
    client = Client()
    client.force_login(UserFactory())
    data = {
        "interview_date": (TODAY + shape["interview"]).isoformat(),
        "start_date": TODAY.isoformat(),
        "timezone": "Europe/Berlin",
        "study_days": [str(day) for day in shape["study_days"]],
        "minutes_per_day": str(shape["minutes"]),
        **{f"rating_{pk}": str(1 + pk % 5) for pk in topic_ids},
    }
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/onboarding/", data)
    assert response.status_code == 302
    return len(captured.captured_queries)


def test_the_onboarding_page_costs_the_same_queries_for_a_4_week_and_a_6_month_plan(
    study_topic_ids,
):
    onboarding_post_queries("4 weeks", study_topic_ids)  # the process reads the curriculum

    short = onboarding_post_queries("4 weeks", study_topic_ids)
    long = onboarding_post_queries("6 months", study_topic_ids)

    assert short == long


def test_the_onboarding_page_costs_a_small_fixed_number_of_queries(study_topic_ids):
    onboarding_post_queries("4 weeks", study_topic_ids)

    assert onboarding_post_queries("6 months", study_topic_ids) <= ONBOARDING_MAX_QUERIES


def test_onboarding_costs_the_same_queries_whatever_the_number_of_ratings(study_topic_ids):
    # The same rating everywhere: the ratings must not change the plan, only their number varies.
    onboarding_queries(UserFactory(), {})  # the process reads the curriculum once
    one = onboarding_queries(UserFactory(), {study_topic_ids[0]: 3})
    all_topics = onboarding_queries(UserFactory(), dict.fromkeys(study_topic_ids, 3))

    assert one == all_topics


def test_onboarding_saves_every_rating_in_one_statement(study_topic_ids):
    user = UserFactory()

    with CaptureQueriesContext(connection) as captured:
        onboard(user, TODAY, ratings=dict.fromkeys(study_topic_ids, 3))

    writes = [q["sql"] for q in captured.captured_queries if "progress_topicrating" in q["sql"]]
    inserts = [sql for sql in writes if sql.startswith("INSERT")]
    assert len(inserts) == 1
    assert TopicRating.objects.filter(user=user).count() == len(study_topic_ids)


def test_updating_ratings_by_onboarding_again_costs_the_same_queries_whatever_their_number(
    study_topic_ids,
):
    few, many = UserFactory(), UserFactory()
    for user in (few, many):
        onboard(user, TODAY, ratings=dict.fromkeys(study_topic_ids, 3))

    one = onboarding_queries(few, {study_topic_ids[0]: 3})
    all_topics = onboarding_queries(many, dict.fromkeys(study_topic_ids, 3))

    assert one == all_topics
