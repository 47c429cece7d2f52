"""/review/: one card at a time, reveal then rate; a resubmitted form rates once; an empty
queue says when the next card is due; the forecast on the interview day."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from progress.review import rules
from progress.review.models import ReviewCard, ReviewLog
from tests.conftest import PINNED_NOW
from tests.factories import UserFactory, onboard

from .helpers import deck, rate

pytestmark = pytest.mark.django_db
URL = "/review/"


def submission_of(html: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f-]{36})"', html)[1]


def test_the_address_is_review():
    assert reverse("review:queue") == URL


def test_the_page_shows_one_card_the_reveal_and_four_ratings(learner_client, curriculum):
    first, second = deck()[:2]

    response = learner_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert first.question in html and second.question not in html
    # The reveal gets the focus first; the answer and the ratings are inside it.
    assert re.search(r"<summary autofocus[^>]*>Show answer</summary>", html)
    start = html.index("<details data-review-answer>")
    details = html[start : html.index("</details>", start)]
    assert "<summary" in details and 'name="rating"' in details
    buttons = re.findall(
        r'<button type="submit" name="rating" value="(\d)"[^>]*>(\w+)</button>', html
    )
    assert buttons == [("1", "Again"), ("2", "Hard"), ("3", "Good"), ("4", "Easy")]
    assert f'name="concept" value="{first.pk}"' in html
    assert f"{rules.NEW_PER_DAY} cards to review now: 0 due, {rules.NEW_PER_DAY} new." in html


def test_a_user_without_a_plan_reviews_too(client, planless_user, curriculum):
    client.force_login(planless_user)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Show answer" in response.content.decode()


def test_rating_moves_on_to_the_next_card(learner_client, learner, curriculum):
    first, second = deck()[:2]
    page = learner_client.get(URL).content.decode()

    response = learner_client.post(
        URL, {"concept": first.pk, "rating": "3", "submission": submission_of(page)}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain == [(URL, 302)]
    assert f"Good: “{first.name}” comes back in 10\xa0minutes." in html
    assert second.question in html
    card = ReviewCard.objects.get(user=learner)
    assert (card.concept, card.due) == (first, PINNED_NOW + timedelta(minutes=10))


def test_a_resubmitted_rating_form_rates_once(learner_client, learner, curriculum):
    first = deck()[0]
    page = learner_client.get(URL).content.decode()
    data = {"concept": first.pk, "rating": "1", "submission": submission_of(page)}

    for _ in range(3):  # a double click and a reload that posts again
        assert learner_client.post(URL, data).status_code == 302

    assert list(ReviewLog.objects.filter(card__user=learner).values_list("rating", flat=True)) == [
        1
    ]
    assert ReviewCard.objects.get(user=learner).due == PINNED_NOW + timedelta(minutes=1)


def test_each_card_shown_carries_a_fresh_submission_key(learner_client, curriculum):
    assert submission_of(learner_client.get(URL).content.decode()) != submission_of(
        learner_client.get(URL).content.decode()
    )


@pytest.mark.parametrize("rating", ["0", "5", "good", ""])
def test_a_rating_that_is_not_one_of_the_four_is_refused(learner_client, curriculum, rating):
    response = learner_client.post(URL, {"concept": deck()[0].pk, "rating": rating})

    assert response.status_code == 422
    assert "That rating was not recognised" in response.content.decode()
    assert not ReviewLog.objects.exists()


@pytest.mark.parametrize(
    ("concept", "status"), [("999999999", 404), ("99999999999999999999", 422), ("x", 422)]
)
def test_an_unknown_concept_is_not_found_or_refused(learner_client, curriculum, concept, status):
    response = learner_client.post(URL, {"concept": concept, "rating": "3"})

    assert response.status_code == status
    assert not ReviewCard.objects.exists()


def test_an_empty_queue_says_when_the_next_card_is_due_in_the_learners_zone(client, curriculum):
    learner = UserFactory(email="kenji@example.com", timezone="Asia/Tokyo")
    concepts = deck()
    for concept in concepts:
        rate(learner, concept, 4, PINNED_NOW - timedelta(days=1))
    rate(learner, concepts[0], 1, PINNED_NOW - timedelta(minutes=1))  # Again: relearn in 10
    client.force_login(learner)

    html = client.get(URL).content.decode()

    # Due 10:09 UTC: 19:09 in Tokyo.
    assert "Nothing to review now; next card due Wednesday 5 March, 19:09." in html
    assert "Show answer" not in html


def test_the_forecast_shows_on_the_page(learner_client, learner, curriculum):
    onboard(learner, PINNED_NOW.date(), interview_date=PINNED_NOW.date() + timedelta(days=30))
    for concept in deck()[:4]:
        rate(learner, concept, 4, PINNED_NOW)

    html = learner_client.get(URL).content.decode()

    assert "on Friday 4 April you would still recall about" in html
    assert re.search(rf"about <strong>\d+ of {len(deck())}</strong> key concepts", html)
    assert "The 4 you have studied would average" in html


def test_the_page_takes_as_many_queries_for_many_cards_as_for_few(
    learner_client, learner, curriculum
):
    onboard(learner, PINNED_NOW.date(), interview_date=PINNED_NOW.date() + timedelta(days=30))
    concepts = deck()

    def queries_with(cards: int) -> int:
        for concept in concepts[:cards]:
            rate(learner, concept, 1, PINNED_NOW - timedelta(minutes=15))
        # Rated here, not through the page: the page drawn before would be kept for the
        # minute. Counted is a first drawing, what the page costs when it has to read.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = learner_client.get(URL)
        assert f"{cards} due" in response.content.decode()
        return len(queries)

    few = queries_with(2)
    many = queries_with(len(concepts))

    assert few == many <= 6
