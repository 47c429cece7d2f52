"""A new learner who signs up on a day that is not a study day: the today view shows the next
study day's work and lets them start at once; the plan holds whole lessons that link to
their lesson, says what it left out, and takes a left-out lesson back.

The browser clock starts on Wednesday 5 March 2031 (tests.conftest.BROWSER_NOW); the learner
studies on Mondays, Thursdays and Fridays, an hour a day, with an interview three weeks on.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, scrolls_sideways
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-Passphrase-42"
MARK_DONE = re.compile(r"^Mark done")
# Screenshots keep the caret as it is: hiding it writes a style attribute on every input,
# which the next htmx swap carries over and the strict CSP then reports.


def log_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")


def onboard_on_a_day_off(page) -> None:
    today = timezone.now().date()
    assert today.strftime("%A") == "Wednesday"
    expect(page.get_by_role("heading", name="Set up your plan")).to_be_visible()
    page.get_by_label("Interview date").fill((today + timedelta(days=21)).isoformat())
    page.get_by_label("Time zone").select_option("UTC")
    for day in ("Tuesday", "Wednesday"):  # Monday to Friday is the default
        page.get_by_label(day, exact=True).uncheck()
    page.get_by_role("button", name="Create my plan").click()
    expect(page.get_by_text("Your plan is ready")).to_be_visible()


def test_a_new_learner_on_a_day_off_sees_the_next_study_day_and_starts_now(
    live_server, page, artefacts, csp_violations, curriculum
):
    UserFactory(email="dayoff@example.com", password=PASSWORD)
    log_in(page, live_server.url, "dayoff@example.com")
    onboard_on_a_day_off(page)

    expect(page.get_by_text("Nothing planned for today.")).to_be_visible()
    next_day = page.locator("#next-day")
    expect(next_day.get_by_role("heading", name="Next: Thursday 6 March")).to_be_visible()
    rows = next_day.locator("li.item")
    count = rows.count()
    assert count >= 1
    expect(page.locator("#summary")).not_to_contain_text("(0 of 0)")
    page.screenshot(path=artefacts / "new-user-day-off.png", full_page=True, caret="initial")

    page.get_by_role("button", name="Start now: move Thursday's work to today").click()

    expect(page.get_by_text(re.compile(r"from Thursday 6 March moved to today"))).to_be_visible()
    today_rows = page.locator("#today-items li.item")
    expect(today_rows).to_have_count(count)
    expect(today_rows.first).to_contain_text("moved from 6 Mar")
    page.screenshot(
        path=artefacts / "new-user-day-off-started.png", full_page=True, caret="initial"
    )

    today_rows.first.get_by_role("button", name=MARK_DONE).click()
    expect(today_rows.first).to_have_class(re.compile(r"\bstatus-done\b"))
    assert csp_violations == []


def test_the_plan_links_lessons_lists_what_was_left_out_and_takes_one_back(
    live_server, browser, artefacts, curriculum
):
    UserFactory(email="short@example.com", password=PASSWORD)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "short@example.com")
        onboard_on_a_day_off(page)
        page.goto(f"{live_server.url}/plan/")

        # Every day shows its minutes, none over the hour given.
        totals = page.locator("h3.day-heading .day-minutes").all_inner_texts()
        assert totals
        assert all(int(re.search(r"\d+", t).group()) <= 60 for t in totals)
        left_out = page.locator("#left-out")
        expect(left_out.get_by_role("heading", name="Left out to fit your time")).to_be_visible()
        assert not scrolls_sideways(page)
        page.screenshot(
            path=artefacts / "new-user-plan-left-out.png", full_page=True, caret="initial"
        )

        group = left_out.locator("details").first
        group.locator("summary").click()  # each topic's list is folded
        add_back = group.get_by_role("button", name=re.compile("^Add back: ")).first
        title = add_back.get_attribute("aria-label").removeprefix("Add back: ")
        add_back.click()

        expect(page.get_by_text(f"“{title}” added to")).to_be_visible()
        added = page.locator("li.item", has_text=title)
        expect(added).to_contain_text("added back")

        # A plan item's title opens its lesson on the topic page.
        link = page.locator("li.item .item-title a").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        anchor = href.split("#", 1)[1]
        expect(page.locator(f"article#{anchor}")).to_be_visible()
    finally:
        context.close()
