"""A learner reviews three key-concept cards with the keyboard alone on a phone: focus starts
on "Show answer", opening it moves focus to "Good", Tab reaches the other ratings, keys 1-4
rate too; each rating brings the next card. No serious axe finding, no CSP violation."""

import re
from contextlib import suppress
from datetime import timedelta

import pytest
from django.test import Client
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.conftest import BROWSER_NOW
from tests.e2e.conftest import PHONE, scrolls_sideways, serious_violations
from tests.factories import UserFactory, onboard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}


def sign_in(page, base_url: str, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


FOCUSED = "() => document.activeElement.tagName + ' ' + document.activeElement.textContent.trim()"


def focused(page) -> str:
    """The focused element, as "TAG text"."""
    return page.evaluate(FOCUSED)


def assert_focus(page, expected: str) -> None:
    """Focus is on `expected` once the page has handled the key: the <details> toggle event
    that moves it comes a moment after the answer shows, so wait for it (up to 5 s)."""
    with suppress(PlaywrightTimeout):  # the assertion below says what has focus instead
        page.wait_for_function(f"want => ({FOCUSED})() === want", arg=expected, timeout=5000)
    assert focused(page) == expected


def test_a_learner_reviews_three_cards_with_the_keyboard_on_a_phone(
    live_server, page, artefacts, curriculum, csp_violations
):
    from curriculum.selectors import review_cards
    from progress.review.models import ReviewLog

    learner = UserFactory(email="reviewer@example.com")
    onboard(learner, BROWSER_NOW.date(), interview_date=BROWSER_NOW.date() + timedelta(days=21))
    first, second, third = list(review_cards())[:3]
    sign_in(page, live_server.url, learner)
    page.goto(f"{live_server.url}/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review key concepts")
    expect(page.locator("#review-forecast")).to_contain_text("you would still recall about 0 of")
    problems = {"sideways": [], "axe": []}

    def check_page():
        problems["sideways"].append(scrolls_sideways(page))
        problems["axe"] += serious_violations(page)

    # Card 1: Space opens the answer, focus moves to "Good", Enter rates it.
    expect(page.locator("#review-question")).to_have_text(first.question)
    assert_focus(page, "SUMMARY Show answer")
    check_page()
    page.keyboard.press("Space")
    expect(page.locator("#review-answer")).to_be_visible()
    assert_focus(page, "BUTTON Good")
    check_page()  # the ratings, shown
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"Good: “{first.name}” comes back in")

    # Card 2: Enter opens, Tab goes on from "Good" to "Easy", Space rates.
    expect(page.locator("#review-question")).to_have_text(second.question)
    assert_focus(page, "SUMMARY Show answer")
    page.keyboard.press("Enter")
    assert_focus(page, "BUTTON Good")
    page.keyboard.press("Tab")
    assert_focus(page, "BUTTON Easy")
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text(f"Easy: “{second.name}” comes back in")

    # Card 3: the key "1" rates "Again" once the answer shows.
    expect(page.locator("#review-question")).to_have_text(third.question)
    page.keyboard.press("Enter")
    expect(page.locator("#review-keys")).to_be_visible()
    page.keyboard.press("1")
    expect(page.get_by_role("status")).to_contain_text(f"Again: “{third.name}” comes back in")
    expect(page.locator("#review-forecast")).to_contain_text(
        re.compile(r"The 3 you have studied would average \d+%")
    )
    check_page()
    page.screenshot(path=artefacts / "review-phone.png", full_page=True)

    logs = ReviewLog.objects.filter(card__user=learner).order_by("reviewed_at", "pk")
    assert [(log.card.concept, log.rating) for log in logs] == [
        (first, 3),
        (second, 4),
        (third, 1),
    ]
    assert problems == {"sideways": [False, False, False], "axe": []}
    assert csp_violations == []
