"""Every learner page answers 405 to the methods it does not serve (it used to answer 200 to
PUT, PATCH, DELETE and TRACE), and such a request changes nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from progress.interviews.models import Interview
from progress.journal.models import MockInterview, PracticeProblem, Story
from progress.plans.models import PlanItem
from tests.factories import (
    InterviewFactory,
    MockInterviewFactory,
    PracticeProblemFactory,
    StoryFactory,
    onboard,
)

TODAY = date(2025, 3, 5)
UNSERVED = ["PUT", "PATCH", "DELETE", "TRACE"]
URLS = [
    # plans
    "/",
    "/onboarding/",
    "/plan/",
    "/plan/catch-up/",
    "/progress/",
    "/topics/python-fundamentals/mine/",
    "/items/{item}/done/",
    "/items/{item}/undo/",
    "/items/{item}/note/",
    "/items/{item}/skip/",
    # settings
    "/settings/",
    "/settings/reminders/sent/",
    # interviews
    "/interviews/",
    "/interviews/{interview}/",
    "/interviews/{interview}/edit/",
    "/interviews/{interview}/delete/",
    "/interviews/{interview}/reflection/",
    "/interviews/{interview}/checklist/",
    "/interviews/{interview}/checklist/{check}/",
    # journal
    "/practice/",
    "/practice/{problem}/edit/",
    "/practice/{problem}/delete/",
    "/stories/",
    "/stories/{story}/edit/",
    "/stories/{story}/delete/",
    "/mocks/",
    "/mocks/{mock}/edit/",
    "/mocks/{mock}/delete/",
]


@pytest.fixture
def ids(learner, curriculum):
    """One of each of the learner's objects, so every URL points at something real."""
    item = onboard(learner, TODAY).items.filter(date=TODAY).first()
    interview = InterviewFactory(user=learner, scheduled_at=timezone.now() + timedelta(days=3))
    return {
        "item": item.pk,
        "interview": interview.pk,
        "check": interview.checklist.first().pk,
        "problem": PracticeProblemFactory(user=learner).pk,
        "story": StoryFactory(user=learner).pk,
        "mock": MockInterviewFactory(user=learner).pk,
    }


@pytest.mark.parametrize("method", UNSERVED)
@pytest.mark.parametrize("url", URLS)
def test_a_learner_page_answers_405_to_a_method_it_does_not_serve(learner_client, ids, url, method):
    response = learner_client.generic(method, url.format(**ids))

    assert response.status_code == 405


@pytest.mark.parametrize("method", UNSERVED)
def test_an_anonymous_request_with_an_unserved_method_is_405_too(client, curriculum, method):
    assert client.generic(method, "/plan/").status_code == 405


@pytest.mark.parametrize(
    ("url", "model", "key"),
    [
        ("/interviews/{interview}/delete/", Interview, "interview"),
        ("/practice/{problem}/delete/", PracticeProblem, "problem"),
        ("/stories/{story}/delete/", Story, "story"),
        ("/mocks/{mock}/delete/", MockInterview, "mock"),
    ],
)
def test_an_http_delete_on_a_delete_endpoint_deletes_nothing(learner_client, ids, url, model, key):
    learner_client.generic("DELETE", url.format(**ids))

    assert model.objects.filter(pk=ids[key]).exists()


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_a_put_or_patch_to_an_item_changes_nothing(learner_client, ids, method):
    learner_client.generic(
        method, f"/items/{ids['item']}/skip/", "reason=x", "application/x-www-form-urlencoded"
    )

    item = PlanItem.objects.get(pk=ids["item"])
    assert (item.status, item.skip_reason) == ("pending", "")
