"""Journey 4: add an interview, tick its checklist without a reload, reflect afterwards, and see
the topic named in the reflection among the weak areas on the today view. Then an interview
already held: added straight to its reflection, which ticks what it covers, its own items
said, changed and removed, and its deletion asked for first."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, scrolls_sideways, serious_violations
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


def test_a_learner_records_an_interview_already_held_reflects_and_tidies_its_checklist(
    live_server, page, artefacts, csp_violations, curriculum
):
    onboarded_learner("held@example.com")
    today = datetime.now(ZoneInfo(ZONE)).date()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("held@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()

    # The interview was yesterday: the add form takes it and opens its page at the reflection.
    page.goto(f"{live_server.url}/interviews/")
    page.get_by_label("Company").fill("Globex")
    page.get_by_label("Role").fill("Python developer")
    page.get_by_label("Stage").select_option(label="Technical")
    page.get_by_label("Date").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Time", exact=True).fill("14:30")
    page.get_by_role("button", name="Add interview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Globex: Python developer")
    assert page.url.endswith("#reflection")
    reflection = page.locator("#reflection")
    expect(reflection).to_be_in_viewport()
    assert page.evaluate("document.activeElement.id") == "reflection"
    expect(page.get_by_text("Write your reflection while it is fresh.")).to_be_visible()
    page.screenshot(path=artefacts / "interview-held-opens-at-reflection.png")

    # Saving the reflection ticks the checklist item it does.
    reflection.get_by_label("What went well").fill("Explained the import job clearly.")
    reflection.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved")).to_be_visible()
    expect(page.get_by_role("button", name="Done: Reflect on what went well. Undo")).to_be_visible()
    expect(page.get_by_role("button", name="Mark done: Note areas for improvement")).to_be_visible()

    # The today view keeps what is left apart: the improvements note is overdue.
    page.goto(f"{live_server.url}/")
    checks = page.locator("section", has=page.get_by_role("heading", name="Interview checklist"))
    overdue = checks.get_by_role("list", name="Overdue")
    expect(overdue).to_contain_text("Note areas for improvement")
    expect(overdue).not_to_contain_text("Reflect on what went well")
    expect(checks.get_by_role("list", name="Due next")).to_contain_text("Send a thank-you e-mail")

    # An own item, due as a person says it; then changed and removed.
    page.go_back()
    page.get_by_text("Add your own checklist item").click()
    page.get_by_label("Text").fill("Send the recruiter my references")
    page.get_by_label("How many").fill("2")
    page.get_by_label("Hours or days").select_option("hours")
    page.get_by_label("When").select_option(label="after the interview")
    page.get_by_role("button", name="Add item").click()
    row = page.locator("li.check-item", has_text="Send the recruiter my references")
    expect(row).to_contain_text("2 hours after")
    row.get_by_role("link", name="Edit or delete: Send the recruiter my references").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit checklist item")
    page.set_viewport_size(PHONE)
    assert not scrolls_sideways(page)
    assert serious_violations(page) == []
    page.get_by_label("How many").fill("1")
    page.get_by_label("Hours or days").select_option("days")
    page.get_by_role("button", name="Save").click()
    expect(row).to_contain_text("1 day after")
    row.get_by_role("link", name="Edit or delete: Send the recruiter my references").click()
    page.get_by_role("button", name="Delete this item").click()
    expect(page.get_by_text("“Send the recruiter my references” removed")).to_be_visible()
    expect(
        page.locator("li.check-item", has_text="Send the recruiter my references")
    ).to_have_count(0)

    # Deleting the interview asks first; "Keep it" keeps it.
    page.get_by_role("button", name="Delete this interview…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this interview?")
    expect(page.get_by_text("and its reflection")).to_be_visible()
    assert not scrolls_sideways(page)
    assert serious_violations(page) == []
    page.screenshot(path=artefacts / "interview-delete-asks.png")
    page.get_by_role("link", name="Keep it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Globex: Python developer")
    page.get_by_role("button", name="Delete this interview…").click()
    page.get_by_role("button", name="Delete interview").click()
    expect(page.get_by_text("Interview with Globex deleted.")).to_be_visible()
    expect(page.get_by_role("link", name="Globex: Python developer")).to_have_count(0)
    assert csp_violations == []
