"""Journeys 2 and 3: onboarding builds a plan at once; ticking an item off works without a page
reload, survives a reload, and also works with JavaScript turned off."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import UserFactory, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-Passphrase-42"
MARK_DONE = re.compile(r"^Mark done")


@pytest.fixture
def curriculum_loaded(curriculum):
    return curriculum


def log_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_a_new_learner_onboards_and_ticks_off_todays_first_item_without_a_reload(
    live_server, page, artefacts, csp_violations, curriculum_loaded
):
    UserFactory(email="planner@example.com", password=PASSWORD)
    today = timezone.now().date()  # the form's zone is set to UTC below

    log_in(page, live_server.url, "planner@example.com")
    expect(page.get_by_role("heading", name="Set up your plan")).to_be_visible()
    page.get_by_label("Interview date").fill((today + timedelta(days=21)).isoformat())
    page.get_by_label("Time zone").select_option("UTC")
    for day in ("Saturday", "Sunday"):  # with every day a study day, today has work
        page.get_by_label(day).check()
    page.get_by_role("button", name="Create my plan").click()

    expect(page.get_by_text("Your plan is ready")).to_be_visible()
    expect(page.get_by_role("heading", name="Today's work")).to_be_visible()
    summary = page.locator("#summary")
    expect(summary).to_contain_text("plan complete (0 of ")
    tick = page.locator("#today-items").get_by_role("button", name=MARK_DONE).first
    row_id = tick.locator("xpath=ancestor::li[1]").get_attribute("id")
    navigations = []
    page.on(
        "framenavigated",
        lambda frame: frame == page.main_frame and navigations.append(frame.url),
    )
    url_before = page.url

    tick.click()

    row = page.locator(f"#{row_id}")
    expect(row).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(row.get_by_role("button", name=re.compile(r"^Done: .*Undo$"))).to_be_visible()
    expect(summary).to_contain_text("plan complete (1 of ")
    assert navigations == []
    assert page.url == url_before
    page.screenshot(path=artefacts / "plan-journey-ticked.png", full_page=True)

    page.reload()

    expect(page.locator(f"#{row_id}")).to_have_class(re.compile(r"\bstatus-done\b"))
    expect(page.locator("#summary")).to_contain_text("plan complete (1 of ")
    assert csp_violations == []


def test_ticking_an_item_off_works_with_javascript_turned_off(
    live_server, browser, artefacts, curriculum_loaded
):
    from progress.models import PlanItem

    user = UserFactory(email="nojs@example.com", password=PASSWORD)
    onboard(user, timezone.now().date())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "nojs@example.com")
        tick = page.locator("#today-items").get_by_role("button", name=MARK_DONE).first
        row_id = tick.locator("xpath=ancestor::li[1]").get_attribute("id")

        with page.expect_navigation():
            tick.click()

        assert page.url == f"{live_server.url}/"
        expect(page.locator(f"#{row_id}")).to_have_class(re.compile(r"\bstatus-done\b"))
        expect(page.locator("#summary")).to_contain_text("plan complete (1 of ")
        item_id = int(row_id.removeprefix("item-"))
        assert PlanItem.objects.get(pk=item_id).status == PlanItem.Status.DONE
        page.screenshot(path=artefacts / "plan-journey-no-javascript.png", full_page=True)
    finally:
        context.close()
