"""Journey 4: add an interview, tick its checklist without a reload, reflect afterwards, and see
the topic named in the reflection among the weak areas on the today view."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-Passphrase-42"
ZONE = "Europe/London"
MARK_DONE = re.compile(r"^Mark done")
DONE = re.compile(r"^Done: ")


def onboarded_learner(email: str):
    from curriculum.models import Topic

    user = UserFactory(email=email, password=PASSWORD, timezone=ZONE)
    onboard(
        user,
        user.today,
        # Confident in system design: only the reflection can make it a weak area.
        ratings={
            t.pk: 5 if t.slug == "system-design" else 3 for t in Topic.objects.filter(kind="study")
        },
    )
    return user


def test_a_learner_adds_an_interview_ticks_its_checklist_and_reflects_on_a_weak_topic(
    live_server, page, artefacts, csp_violations, curriculum
):
    onboarded_learner("interviewee@example.com")
    today = datetime.now(ZoneInfo(ZONE)).date()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("interviewee@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    weak_areas = page.locator("#weak-areas")
    expect(weak_areas).to_be_visible()
    expect(weak_areas).not_to_contain_text("System design")

    # Add an interview a few days ahead.
    page.goto(f"{live_server.url}/interviews/")
    page.get_by_label("Company").fill("Initech")
    page.get_by_label("Role").fill("Python developer")
    page.get_by_label("Stage").select_option(label="Technical")
    page.get_by_label("Date").fill((today + timedelta(days=4)).isoformat())
    page.get_by_label("Time", exact=True).fill("10:00")
    page.get_by_role("button", name="Add interview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Initech: Python developer")
    expect(page.get_by_text("Interview added with its checklists.")).to_be_visible()

    # Tick a "Before the interview" item: done without a page reload.
    before = page.locator("section", has=page.get_by_role("heading", name="Before the interview"))
    tick = before.get_by_role("button", name=MARK_DONE).first
    row = tick.locator("xpath=ancestor::li[1]")
    row_id = row.get_attribute("id")
    page.evaluate("window.stillTheSamePage = true")
    tick.click()
    ticked = page.locator(f"#{row_id}")
    expect(ticked).to_have_class(re.compile(r"\bis-done\b"))
    expect(ticked.get_by_role("button", name=DONE)).to_be_visible()
    assert page.evaluate("window.stillTheSamePage === true")
    page.screenshot(path=artefacts / "interview-checklist-ticked.png", full_page=True)

    # The interview has happened: move it to yesterday through its Edit page.
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit interview")).to_be_visible()
    page.get_by_label("Date").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Interview updated")).to_be_visible()

    # Reflect, naming system design as a topic to improve.
    reflection = page.locator("#reflection")
    reflection.get_by_label("What to improve").fill("Sharding questions caught me out.")
    reflection.get_by_label("System design", exact=True).check()
    reflection.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved.")).to_be_visible()
    expect(page.locator("#reflection").get_by_label("System design", exact=True)).to_be_checked()

    # The today view now shows it among the weak areas.
    page.goto(f"{live_server.url}/")
    expect(page.locator("#weak-areas")).to_contain_text("System design")
    expect(page.locator('#weak-areas [data-topic="system-design"]')).to_contain_text(
        "named in 1 reflection"
    )
    page.screenshot(path=artefacts / "interview-weak-areas.png", full_page=True)
    assert csp_violations == []
