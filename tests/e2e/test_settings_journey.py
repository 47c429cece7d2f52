"""A user without a plan (a mentor-to-be, say) opens /settings/ on a phone, changes their
time zone and name with the keyboard alone, and is not sent to onboarding."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-Passphrase-42"
PHONE = {"width": 360, "height": 800}


def test_a_user_without_a_plan_sets_name_and_zone_by_keyboard_on_a_phone(
    live_server, browser, artefacts, curriculum
):
    from accounts.models import User

    UserFactory(email="nina@example.com", password=PASSWORD, display_name="")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email").fill("nina@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Password").press("Enter")
        page.wait_for_url(f"{live_server.url}/onboarding/")

        page.goto(f"{live_server.url}/settings/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
        expect(page.get_by_role("link", name="Set up a plan")).to_be_visible()

        page.get_by_label("Display name").focus()
        page.keyboard.type("Nina")
        page.keyboard.press("Tab")  # to the time-zone select
        expect(page.get_by_label("Time zone")).to_be_focused()
        page.get_by_label("Time zone").select_option("Asia/Tokyo")
        page.get_by_role("button", name="Save account").press("Enter")

        expect(page.get_by_role("status")).to_contain_text("Account saved.")
        user = User.objects.get(email="nina@example.com")
        assert (user.display_name, user.timezone) == ("Nina", "Asia/Tokyo")
        # Nothing scrolls sideways at phone width.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        serious = [
            (v["id"], [node["html"] for node in v["nodes"]])
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        page.screenshot(path=artefacts / "settings-phone.png", full_page=True)
    finally:
        context.close()
