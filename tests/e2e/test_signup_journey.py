"""Journey 1: sign up, verify the e-mail address from the link, log in, open a topic."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # The browser's own zone, which sign-up records for the new account.
    return {**browser_context_args, "timezone_id": "Europe/Berlin"}


def test_a_new_user_signs_up_verifies_logs_in_and_reads_a_topic(
    live_server, page, mailoutbox, artefacts, csp_violations, curriculum
):
    from accounts.models import User

    email, password = "newcomer@example.com", "a-long-Passphrase-42"

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    assert User.objects.get(email=email).timezone == "Europe/Berlin"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [email]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[0].body)[0]
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics")
    ).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="Python fundamentals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Python fundamentals")
    expect(page.get_by_role("heading", name="Key concepts")).to_be_visible()
    page.screenshot(path=artefacts / "topic-page.png", full_page=True)
    assert csp_violations == []
