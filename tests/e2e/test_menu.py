"""The signed-in menu: one "Menu" button on a phone (the links used to wrap to three rows),
which works by keyboard and without JavaScript; every link in the header row on a desktop."""

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.factories import UserFactory, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
LINKS = ["Today", "Plan", "Topics", "Interviews", "Practice", "Stories", "Mocks", "Progress"]


@pytest.fixture
def signed_in(live_server, curriculum):
    """A browser context factory for a learner with a plan, signed in."""
    user = UserFactory(email="menu@example.com")
    onboard(user, timezone.now().date())
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value

    def context(browser, **options):
        made = browser.new_context(**options)
        made.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        return made

    return context


def test_on_a_phone_the_menu_is_one_button_that_opens_and_closes_by_keyboard(
    live_server, browser, signed_in
):
    context = signed_in(browser, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/plan/")
        header = page.locator("header.site-header")
        assert header.bounding_box()["height"] < 80  # one row: the name and the button
        nav = page.get_by_role("navigation", name="Main")
        expect(nav).to_be_hidden()

        button = page.locator("summary", has_text="Menu")
        button.focus()
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        for name in LINKS:
            link = nav.get_by_role("link", name=name, exact=True)
            assert link.bounding_box()["height"] >= 44, name
        expect(nav.get_by_role("link", name="Plan")).to_have_attribute("aria-current", "page")

        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        expect(nav).to_be_hidden()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    finally:
        context.close()


def test_the_phone_menu_works_without_javascript(live_server, browser, signed_in):
    context = signed_in(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        page.locator("summary", has_text="Menu").click()
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()

        expect(page.get_by_role("heading", name="Progress", level=1)).to_be_visible()
    finally:
        context.close()


def test_on_a_desktop_every_link_shows_in_the_header_row(live_server, browser, signed_in):
    context = signed_in(browser, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        nav = page.get_by_role("navigation", name="Main")

        expect(page.locator("summary", has_text="Menu")).to_be_hidden()
        links = [nav.get_by_role("link", name=name, exact=True) for name in LINKS]
        tops = {round(link.bounding_box()["y"]) for link in links}
        assert len(tops) == 1  # one row
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    finally:
        context.close()
