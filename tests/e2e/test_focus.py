"""A keyboard user ticks, unticks, notes and skips plan items: htmx swaps the item's row, and
focus stays with the row (on the control used, or the one that now does its job) instead of
falling back to the top of the page."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import UserFactory, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url: str, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def forms_ready(row) -> None:
    """The row's note and skip forms load when it is opened: wait until htmx has wired them
    (new content carries htmx-added until then), as a person's next keystroke would."""
    forms = row.locator(".item-forms")
    forms.wait_for()
    expect(forms).not_to_have_class(re.compile(r"\bhtmx-added\b"))


def focused(page) -> dict:
    """What has the keyboard focus: its id, its tag, the plan item it sits in."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const item = el && el.closest('li.item');
            return {id: el.id, tag: el.tagName, item: item ? item.id : null,
                    name: el.getAttribute('aria-label') || el.textContent.trim()};
        }"""
    )


@pytest.fixture
def today_page(live_server, page, curriculum, csp_violations):
    user = UserFactory(email="keys@example.com")
    plan = onboard(user, timezone.now().date())
    assert plan.items.filter(date=timezone.now().date()).exists()
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/")
    yield page
    assert csp_violations == []


def test_focus_stays_on_the_tick_button_after_ticking_and_unticking(today_page):
    page = today_page
    row = page.locator("#today-items > li.item").first
    row_id = row.get_attribute("id")
    tick = row.get_by_role("button", name=re.compile(r"^Mark done"))
    tick.focus()

    page.keyboard.press("Enter")
    expect(page.locator(f"#{row_id}")).to_have_class(re.compile(r"\bstatus-done\b"))

    now = focused(page)
    assert now["item"] == row_id
    assert now["tag"] == "BUTTON" and now["name"].startswith("Done:")

    page.keyboard.press("Enter")  # undo, from where the focus was left
    expect(page.locator(f"#{row_id}")).to_have_class(re.compile(r"\bstatus-pending\b"))

    now = focused(page)
    assert now["item"] == row_id
    assert now["tag"] == "BUTTON" and now["name"].startswith("Mark done")


def test_after_saving_a_note_focus_returns_to_the_items_note_toggle(today_page):
    page = today_page
    row = page.locator("#today-items > li.item").first
    row_id = row.get_attribute("id")
    row.locator("summary").focus()
    page.keyboard.press("Enter")  # opens "Note or skip"
    forms_ready(row)
    row.get_by_label("Note").fill("Read the GIL part twice.")
    row.get_by_role("button", name="Save note").focus()

    page.keyboard.press("Enter")
    expect(page.locator(f"#{row_id} .item-note")).to_contain_text("Read the GIL part twice.")

    now = focused(page)
    assert now["item"] == row_id
    assert now["tag"] == "SUMMARY"


def test_after_skipping_focus_is_on_the_button_that_restores_the_item(today_page):
    page = today_page
    row = page.locator("#today-items > li.item").first
    row_id = row.get_attribute("id")
    row.locator("summary").click()
    forms_ready(row)
    row.get_by_label("Reason to skip").fill("Covered at work.")
    row.get_by_role("button", name="Skip").focus()

    page.keyboard.press("Enter")
    expect(page.locator(f"#{row_id}")).to_have_class(re.compile(r"\bstatus-skipped\b"))

    now = focused(page)
    assert now["item"] == row_id
    assert now["tag"] == "BUTTON" and now["name"].startswith("Skipped:")


def test_a_skip_without_a_reason_puts_focus_on_the_reason_field_with_its_error(today_page):
    page = today_page
    row = page.locator("#today-items > li.item").first
    row_id = row.get_attribute("id")
    row.locator("summary").click()
    forms_ready(row)
    row.get_by_role("button", name="Skip").focus()

    page.keyboard.press("Enter")
    reason = page.locator(f"#{row_id}").get_by_label("Reason to skip")
    expect(reason).to_have_attribute("aria-invalid", "true")

    now = focused(page)
    assert now["item"] == row_id
    assert now["tag"] == "INPUT" and now["id"] == reason.get_attribute("id")
