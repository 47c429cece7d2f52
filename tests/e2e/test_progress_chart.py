"""The progress chart as a learner sees it: compact (it was 450 px tall for three weeks, with
28 px labels), planned and done told apart, and the current week marked."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.factories import UserFactory, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}


def test_the_weekly_chart_is_compact_tells_bars_apart_and_marks_this_week(
    live_server, page, curriculum
):
    user = UserFactory(email="chart@example.com")
    today = timezone.now().date()
    # Three weeks, the second one now.
    onboard(user, today - timedelta(days=8), interview_date=today + timedelta(days=12))
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/progress/")
        chart = page.locator("svg.chart")

        box = chart.bounding_box()
        assert box["height"] <= 200, size
        assert box["x"] + box["width"] <= size["width"]
        label_heights = chart.locator("text.week-label").evaluate_all(
            "labels => labels.map(l => l.getBoundingClientRect().height)"
        )
        assert len(label_heights) == 3
        assert max(label_heights) <= 18, size  # text size, not 28 px
        planned = chart.locator("rect.bar-planned").first.get_attribute("fill")
        done = chart.locator("rect.bar-done").first.get_attribute("fill")
        assert planned != done
        expect(chart.locator("text.now-label")).to_have_count(1)
        # The "now" mark sits under the second week's label.
        now_x = chart.locator("text.now-label").get_attribute("x")
        assert chart.locator("text.week-label").nth(1).get_attribute("x") == now_x
        rows = page.locator("details table tbody th")  # the chart's table, folded away
        expect(rows).to_have_text(["Week 1", "Week 2 (this week)", "Week 3"])
