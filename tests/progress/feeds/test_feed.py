"""The private calendar feed: a secret address that needs no session, stored only as a hash,
rotatable and revocable; events that parse in two independent iCalendar parsers, at the right
local time across a clock change, with stable UIDs; a fixed number of queries."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream

from progress.feeds import services
from progress.feeds.models import CalendarFeed
from progress.interviews.services import interview_create
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory, onboard

pytestmark = pytest.mark.django_db
TODAY = PINNED_NOW.date()


@pytest.fixture
def london(curriculum):
    """A learner in London with a plan, and interviews either side of the clocks going
    forward (30 March 2025): 14:00 local each time, 14:00 UTC before and 13:00 UTC after."""
    user = UserFactory(email="lena@example.com", display_name="Lena", timezone="Europe/London")
    onboard(user, TODAY, interview_date=TODAY + timedelta(weeks=4))
    for company, starts in (
        ("Before DST", datetime(2025, 3, 28, 14, 0, tzinfo=UTC)),
        ("After DST", datetime(2025, 4, 1, 13, 0, tzinfo=UTC)),
    ):
        interview_create(user=user, company=company, role="Backend", stage="technical",
                         format="video", scheduled_at=starts, timezone_name="Europe/London",
                         link="", notes="")  # fmt: skip
    return user


def fetch(client, token: str):
    return client.get(reverse("feeds:feed", args=[token]))


def test_the_feed_needs_no_session_and_parses_in_two_parsers(client, london):
    token = services.feed_rotate(user=london)

    response = fetch(client, token)  # no one signed in

    body = response.content
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(body)
    other = IcsCalendarStream.calendar_from_ics(body.decode())
    summaries = {str(e["summary"]) for e in parsed.walk("VEVENT")}
    assert {"Interview: Before DST, Technical", "Interview: After DST, Technical"} <= summaries
    assert any(s.startswith("Study: ") for s in summaries)
    assert sorted(e.uid for e in other.events) == sorted(
        str(e["uid"]) for e in parsed.walk("VEVENT")
    )
    assert [tz["tzid"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(parsed["refresh-interval"].to_ical().decode()) == "PT1H"


def test_interviews_keep_their_local_time_across_a_clock_change(client, london):
    token = services.feed_rotate(user=london)

    body = fetch(client, token).content
    other = IcsCalendarStream.calendar_from_ics(body.decode())

    starts = {e.summary: e.dtstart for e in other.events if e.summary.startswith("Interview: ")}
    assert {k: v.strftime("%H:%M") for k, v in starts.items()} == {
        "Interview: Before DST, Technical": "14:00",
        "Interview: After DST, Technical": "14:00",
    }
    assert {k: v.astimezone(UTC).hour for k, v in starts.items()} == {
        "Interview: Before DST, Technical": 14,
        "Interview: After DST, Technical": 13,
    }
    ours = icalendar.Calendar.from_ical(body)  # the same instants through the other parser
    assert sorted(
        e["dtstart"].dt.astimezone(UTC).hour
        for e in ours.walk("VEVENT")
        if str(e["summary"]).startswith("Interview: ")
    ) == [13, 14]


def test_uids_stay_the_same_from_one_fetch_to_the_next(client, london):
    token = services.feed_rotate(user=london)

    def uids():
        feed = icalendar.Calendar.from_ical(fetch(client, token).content)
        return sorted(str(e["uid"]) for e in feed.walk("VEVENT"))

    first = uids()
    assert first == uids()
    assert len(first) == len(set(first)) > 10


def test_only_a_hash_of_the_token_is_stored_and_a_rotated_or_revoked_one_is_404(client, london):
    old = services.feed_rotate(user=london)
    stored = CalendarFeed.objects.get(user=london).token_hash

    new = services.feed_rotate(user=london)
    rotated = fetch(client, old).status_code
    fresh = fetch(client, new).status_code
    services.feed_revoke(user=london)

    assert old not in stored and len(stored) == 64
    assert (rotated, fresh, fetch(client, new).status_code) == (404, 200, 404)
    assert fetch(client, "made-up").status_code == 404


def test_the_settings_page_shows_the_address_once_and_when_it_was_last_fetched(client, london):
    client.force_login(london)
    page = reverse("feeds:settings")

    client.post(page, {"action": "rotate"})
    shown = client.get(page).content.decode()
    again = client.get(page).content.decode()
    token = shown.split("/calendar/")[1].split(".ics")[0]
    fetch(client, token)
    fetched = client.get(page).content.decode()

    assert "Copy it now" in shown and "Copy it now" not in again and token not in again
    assert "Last fetched: not yet" in again and "Last fetched: 5 Mar 2025" in fetched


def queries_for(client, token) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert fetch(client, token).status_code == 200
    return len(queries)


def test_the_feed_costs_the_same_queries_for_a_4_week_and_a_6_month_plan(
    client, learner, other_learner, curriculum
):
    onboard(learner, TODAY, interview_date=TODAY + timedelta(weeks=4))
    onboard(other_learner, TODAY, interview_date=TODAY + timedelta(weeks=26))

    short = queries_for(client, services.feed_rotate(user=learner))
    long = queries_for(client, services.feed_rotate(user=other_learner))

    assert short == long
