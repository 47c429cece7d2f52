"""The main menu on every signed-in page: each section once, the one being shown marked."""

import pytest

from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, onboard

from .plans.markup import parse

SECTIONS = ["Today", "Plan", "Topics", "Interviews", "Practice", "Stories", "Mocks"]
SECTIONS += ["Progress", "Mentoring", "Settings"]


@pytest.fixture
def plan(learner, curriculum):
    return onboard(learner, PINNED_NOW.date())


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "Today"),
        ("/plan/", "Plan"),
        ("/interviews/{id}/", "Interviews"),  # a page under a section counts as it
        ("/practice/", "Practice"),
        ("/settings/", "Settings"),
    ],
)
def test_the_menu_marks_the_section_being_shown(learner, learner_client, plan, path, current):
    interview = InterviewFactory(user=learner)
    menu = parse(learner_client.get(path.format(id=interview.pk))).find(
        "nav", **{"aria-label": "Main"}
    )

    links = menu.find_all("a")
    assert [a.text for a in links] == SECTIONS
    assert [a.text for a in links if a.attrs.get("aria-current") == "page"] == [current]
