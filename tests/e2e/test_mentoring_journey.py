"""A learner invites a mentor by e-mail; the mentor signs up from the link, accepts, comments
on a plan item (by keyboard, without a reload) and scores a mock; the learner sees the comment
and the mentor's evidence in the weak areas, then ends the link, and the mentor loses the
mentee at once. Both sides on a phone."""

import re

import pytest
from django.urls import path
from playwright.sync_api import expect

from accounts import outbox
from config.urls import urlpatterns as site_urlpatterns
from tests.conftest import BROWSER_NOW
from tests.e2e.conftest import PHONE, scrolls_sideways, serious_violations
from tests.factories import UserFactory, onboard

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # The site's URLs read DEBUG once, at import, to route the outbox, and tests import them
    # with DEBUG off; this module is the site's URLs with the outbox routed as DEBUG would.
    pytest.mark.urls(__name__),
]

urlpatterns = [*site_urlpatterns, path("dev/outbox/", outbox.outbox_view, name="dev_outbox")]

PASSWORD = "a-long-Passphrase-42"
LEARNER_EMAIL = "learner@example.com"
MENTOR_EMAIL = "mentor@example.com"
MENTOR_NAME = "mentor"  # a new account without a display name goes by its address's local part
STUDY_DAY = BROWSER_NOW.date()  # the learner studies every day, in UTC
COMMENT = "Say the complexity out loud before you code."
INVITATION_LINK = re.compile(r"https?://\S+/mentoring/invitations/\S+/")
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


@pytest.fixture
def browser_context_args(browser_context_args):
    # The learner's page (pytest-playwright's `page`) is a phone too.
    return {**browser_context_args, "viewport": PHONE}


def mail_to(page, live_server, address: str, subject: re.Pattern):
    """The newest e-mail to `address` with that subject, as the local outbox page shows it."""
    page.goto(f"{live_server.url}/dev/outbox/")
    mail = (
        page.get_by_role("article")
        .filter(has_text=f"To {address}")
        .filter(has=page.get_by_role("heading", name=subject))
        .first
    )
    expect(mail).to_be_visible()
    return mail


def sign_in(page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_a_learner_invites_a_mentor_who_comments_and_scores_until_the_link_ends(
    live_server, page, browser, artefacts, csp_violations, curriculum, local_outbox
):
    from progress.plans.models import PlanItem

    learner = UserFactory(email=LEARNER_EMAIL, password=PASSWORD, display_name="Alice")
    onboard(learner, STUDY_DAY)
    item = PlanItem.objects.filter(plan__user=learner, date=STUDY_DAY).order_by("pk").first()
    assert item is not None, "the plan has an item today to comment on"
    mentee_url = f"{live_server.url}/mentoring/{learner.pk}/"
    sideways, violations = {}, {}

    # 1. The learner invites a mentor from their settings.
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(page, LEARNER_EMAIL)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Today, "))
    page.goto(f"{live_server.url}/settings/#mentors")
    mentors = page.locator("#mentors")
    mentors.get_by_label("E-mail address").fill(MENTOR_EMAIL)
    mentors.get_by_role("button", name="Invite a mentor").click()
    expect(page.get_by_text(f"Invitation sent to {MENTOR_EMAIL}.")).to_be_visible()
    expect(page.locator("#mentors")).to_contain_text(MENTOR_EMAIL)

    # The mentor has their own browser; its CSP reports count with the learner's.
    mentor_context = browser.new_context(viewport=PHONE)
    mentor = mentor_context.new_page()
    mentor.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and csp_violations.append(msg.text),
    )
    try:
        # 2. The invitation arrives; the mentor follows it, with no account yet.
        invitation = mail_to(mentor, live_server, MENTOR_EMAIL, re.compile("Alice invites you"))
        invitation_url = INVITATION_LINK.search(invitation.inner_text())[0]
        invitation.get_by_role("link", name=invitation_url, exact=True).click()
        expect(mentor.get_by_role("heading", level=1)).to_have_text("Mentoring invitation")
        answer = mentor.get_by_role("region", name="Sign in to answer")
        expect(answer.get_by_role("link", name="Sign in")).to_be_visible()
        expect(answer.get_by_role("link", name="Create an account")).to_be_visible()
        sideways["invitation"] = scrolls_sideways(mentor)
        violations["invitation"] = serious_violations(mentor)

        answer.get_by_role("link", name="Create an account").click()
        mentor.get_by_label("Email").fill(MENTOR_EMAIL)
        mentor.get_by_label("Password", exact=True).fill(PASSWORD)
        mentor.get_by_label("Password (again)").fill(PASSWORD)
        mentor.get_by_role("button", name="Sign Up").click()
        expect(mentor.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()

        verification = mail_to(mentor, live_server, MENTOR_EMAIL, re.compile("Confirm"))
        confirm_url = CONFIRM_LINK.search(verification.inner_text())[0]
        verification.get_by_role("link", name=confirm_url, exact=True).click()
        mentor.get_by_role("button", name="Confirm").click()
        # Verifying may or may not sign the mentor in; either way the invitation page said
        # "you come back here afterwards", so signing in (if asked) must lead back to it.
        expect(mentor).not_to_have_url(re.compile("/accounts/confirm-email/"))
        mentor.wait_for_load_state()
        if mentor.get_by_role("button", name="Sign In").is_visible():
            sign_in(mentor, MENTOR_EMAIL)
        expect(mentor).to_have_url(invitation_url)

        expect(
            mentor.get_by_role("heading", name="Alice asks you to be their mentor")
        ).to_be_visible()
        violations["invitation, signed in"] = serious_violations(mentor)
        mentor.get_by_role("button", name="Accept").click()

        # 3. The dashboard lists the mentee; the mentor comments on today's item by keyboard.
        expect(mentor).to_have_url(f"{live_server.url}/mentoring/")
        expect(mentor.get_by_text("You are linked.")).to_be_visible()
        expect(mentor.get_by_role("link", name="Alice", exact=True)).to_be_visible()
        sideways["dashboard"] = scrolls_sideways(mentor)
        violations["dashboard"] = serious_violations(mentor)

        mentor.get_by_role("link", name="Alice", exact=True).click()
        expect(mentor).to_have_url(mentee_url)
        expect(mentor.get_by_role("heading", level=1)).to_have_text("Alice")
        row = mentor.locator(f"#item-{item.pk}")
        expect(row).to_contain_text(item.title)
        sideways["mentee"] = scrolls_sideways(mentor)
        violations["mentee"] = serious_violations(mentor)

        mentor.evaluate("window.stillTheSamePage = true")
        row.get_by_text("Comment on this plan item").focus()
        mentor.keyboard.press("Enter")
        mentor.keyboard.press("Tab")
        expect(row.get_by_label("Comment")).to_be_focused()
        mentor.keyboard.type(COMMENT)
        mentor.keyboard.press("Tab")
        expect(row.get_by_role("button", name="Add comment")).to_be_focused()
        mentor.keyboard.press("Enter")
        thread = mentor.locator(f"#thread-item-{item.pk}")
        expect(thread.get_by_role("list", name="Comments from mentors")).to_contain_text(COMMENT)
        expect(thread.get_by_role("status")).to_have_text(
            "Comment added. Your mentee will be told by e-mail."
        )
        assert mentor.evaluate("window.stillTheSamePage === true")
        # Focus stays where the mentor acted, ready for another comment.
        expect(thread.get_by_role("button", name="Add comment")).to_be_focused()

        # 4. The mentor scores a mock they ran: every rubric dimension weak.
        mentor.get_by_role("link", name="Score a mock you ran").click()
        expect(mentor).to_have_url(f"{mentee_url}mocks/new/")
        expect(mentor.get_by_role("heading", level=1)).to_have_text(
            "Score a mock interview for Alice"
        )
        sideways["mock form"] = scrolls_sideways(mentor)
        violations["mock form"] = serious_violations(mentor)
        mentor.get_by_label("Date").fill(STUDY_DAY.isoformat())
        scores = mentor.locator("select[name^='score_']")
        assert scores.count() > 0
        for score in scores.all():
            score.select_option(label="1 weak")
        mentor.get_by_role("button", name="Save mock").click()
        expect(mentor).to_have_url(f"{mentee_url}#mocks")
        expect(mentor.get_by_text("Mock saved to Alice's mock interviews.")).to_be_visible()
        expect(mentor.locator("#mocks")).to_contain_text("run by a mentor (scored by you)")
        mentor.screenshot(path=artefacts / "mentoring-mentee-phone.png", full_page=True)

        # 5. The learner sees the comment by the item, in the list, and the mock's evidence.
        page.goto(f"{live_server.url}/")
        today_item = page.locator(f"#item-{item.pk}")
        today_comments = today_item.get_by_role("list", name="Comments from mentors")
        expect(today_comments).to_contain_text(COMMENT)
        expect(today_comments).to_contain_text(f"{MENTOR_NAME} (mentor)")

        page.goto(f"{live_server.url}/mentoring/comments/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Comments from your mentors")
        received = page.get_by_role("article")
        expect(received).to_have_count(1)
        expect(received).to_contain_text(COMMENT)
        expect(received.get_by_role("link", name=item.title)).to_be_visible()
        sideways["comments"] = scrolls_sideways(page)
        violations["comments"] = serious_violations(page)

        page.goto(f"{live_server.url}/progress/")
        expect(page.locator('#weak-areas [data-topic="interview-communication"]')).to_contain_text(
            "mock scores average 1.0/4 (1 scored by a mentor)"
        )

        # 6. The learner ends the link.
        page.goto(f"{live_server.url}/settings/#mentors")
        link = page.locator("#mentors li", has_text=MENTOR_EMAIL)
        expect(link).to_contain_text("Active")
        link.get_by_role("button", name="End this link").click()
        expect(page.get_by_text(f"The link with {MENTOR_NAME} has ended.")).to_be_visible()

        # 7. From the mentor's next request, the mentee is gone.
        response = mentor.reload()
        assert response.status == 404
        mentor.goto(f"{live_server.url}/mentoring/")
        expect(mentor.get_by_text("Nobody to follow yet.")).to_be_visible()
        expect(mentor.get_by_role("link", name="Alice", exact=True)).to_have_count(0)
    finally:
        mentor_context.close()

    assert sideways == {
        "invitation": False,
        "dashboard": False,
        "mentee": False,
        "mock form": False,
        "comments": False,
    }
    assert violations == {
        "invitation": [],
        "invitation, signed in": [],
        "dashboard": [],
        "mentee": [],
        "mock form": [],
        "comments": [],
    }
    assert csp_violations == []
