"""Journey 1: sign up, confirm the e-mail address from the link (which signs the new user in,
in the browser that signed up), open a topic."""

import re

import pytest
from django.urls import path
from playwright.sync_api import expect

from accounts import outbox
from config.urls import urlpatterns as site_urlpatterns
from tests.e2e.conftest import scrolls_sideways, serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The site's URLs with the outbox routed, as a local run (DEBUG) has them.
urlpatterns = [*site_urlpatterns, path("dev/outbox/", outbox.outbox_view, name="dev_outbox")]


@pytest.fixture
def browser_context_args(browser_context_args):
    # The browser's own zone, which sign-up records for the new account.
    return {**browser_context_args, "timezone_id": "Europe/Berlin"}


def test_a_new_user_signs_up_confirms_the_address_and_is_signed_in_to_read_a_topic(
    live_server, page, mailoutbox, artefacts, csp_violations, curriculum
):
    from accounts.models import User

    email, password = "newcomer@example.com", "a-long-Passphrase-42"

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()

    assert User.objects.get(email=email).timezone == "Europe/Berlin"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [email]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[0].body)[0]
    page.goto(link.replace("http://testserver", live_server.url))
    expect(page.get_by_text(f"Is {email} your address?")).to_be_visible()
    page.get_by_role("button", name="Confirm", exact=True).click()

    # Signed in straight away: a new user is asked to set up a plan, no sign-in form between.
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your plan")
    expect(page.get_by_role("status")).to_contain_text(f"Signed in as {email}.")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics")
    ).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="Python fundamentals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Python fundamentals")
    expect(page.get_by_role("heading", name="Key concepts")).to_be_visible()
    page.screenshot(path=artefacts / "topic-page.png", full_page=True)
    assert csp_violations == []


@pytest.mark.urls(__name__)
def test_in_a_local_run_the_confirmation_e_mail_is_one_click_from_the_verify_page(
    live_server, page, artefacts, csp_violations, curriculum, local_outbox
):
    email, password = "local@example.com", "a-long-Passphrase-42"
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()
    verify_page = (scrolls_sideways(page), serious_violations(page))
    page.screenshot(path=artefacts / "verify-page-local-run.png", full_page=True)

    page.get_by_role("link", name="local outbox").click()
    mail = page.get_by_role("article").filter(has_text=f"To {email}")
    expect(mail.get_by_role("heading")).to_have_text("[Interview Prep] Confirm your e-mail address")
    mail.get_by_role("link", name=re.compile("confirm-email")).click()
    page.get_by_role("button", name="Confirm", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your plan")
    assert verify_page == (False, [])
    assert csp_violations == []
