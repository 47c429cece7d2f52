"""Page cost does not grow with the plan: a 4-week and a 6-month plan cost the same queries."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from progress import services

from .factories import onboard

TODAY = date(2025, 3, 5)
# Today costs 19 (7 of them the weak-areas evidence), progress 16, the rest 3 to 10.
MAX_QUERIES = 20
PAGES = ["/", "/plan/", "/progress/", "/topics/python-fundamentals/", "/settings/"]


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
            services.item_set_done(item=item, done=True)
        item = plan.items.filter(date__gt=TODAY).first()
        services.item_set_note(item=item, note="later")
    assert long.items.count() > 2 * short.items.count()

    result = {}
    for name, user in (("4 weeks", learner), ("6 months", other_learner)):
        client = Client()
        client.force_login(user)
        result[name] = client
    return result


def queries_for(client, url: str) -> int:
    client.get(url)  # warm up caches that have nothing to do with the plan's size
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_the_same_queries_for_a_short_and_a_long_plan(clients, url):
    short = queries_for(clients["4 weeks"], url)
    long = queries_for(clients["6 months"], url)

    assert short == long


@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_a_small_fixed_number_of_queries(clients, url):
    assert queries_for(clients["6 months"], url) <= MAX_QUERIES
