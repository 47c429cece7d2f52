"""The journal services' own rules, whoever calls them: dates from 2000 on, and one record
per submission."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from curriculum.models import RubricDimension, Topic
from progress.journal import services
from progress.models import MockInterview, PracticeProblem, Story
from tests.factories import MockInterviewFactory, PracticeProblemFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 5)  # the pinned clock's date
TOO_EARLY = {"practised_on": ["Pick a date from 2000 on."]}
EARLY_DAYS = [date(1999, 12, 31), date(1, 1, 1)]


def problem_fields(**overrides) -> dict:
    return {
        "title": "Two Sum",
        "link": "",
        "topic_id": Topic.objects.get(slug="data-structures-algorithms").pk,
        "pattern_id": None,
        "family_id": None,
        "difficulty": "easy",
        "solved": True,
        "hint_used": False,
        "minutes": 25,
        "practised_on": TODAY,
        "notes": "",
        "today": TODAY,
        **overrides,
    }


def mock_fields(**overrides) -> dict:
    return {
        "held_on": TODAY,
        "run_by": "peer",
        "interviewer": "Sam",
        "notes": "",
        "topic_ids": [],
        "scores": {RubricDimension.objects.order_by("order").first().pk: 2},
        "today": TODAY,
        **overrides,
    }


def story_fields(**overrides) -> dict:
    return {
        "title": "The late release",
        "situation": "A release was slipping.",
        "task": "Ship on time.",
        "action": "Cut scope.",
        "result": "Shipped two days early.",
        "competencies": "ownership",
        **overrides,
    }


# --- dates from 2000 on --------------------------------------------------------------------


@pytest.mark.parametrize("day", EARLY_DAYS, ids=str)
def test_practice_create_refuses_a_date_before_2000(curriculum, learner, day):
    with pytest.raises(ValidationError) as refused:
        services.practice_create(user=learner, **problem_fields(practised_on=day))
    assert refused.value.message_dict == TOO_EARLY
    assert PracticeProblem.objects.count() == 0


def test_practice_create_accepts_1_january_2000(curriculum, learner):
    problem = services.practice_create(
        user=learner, **problem_fields(practised_on=date(2000, 1, 1))
    )
    assert PracticeProblem.objects.get().practised_on == problem.practised_on == date(2000, 1, 1)


@pytest.mark.parametrize("day", EARLY_DAYS, ids=str)
def test_practice_update_refuses_a_date_before_2000_and_keeps_the_row(curriculum, learner, day):
    problem = PracticeProblemFactory(user=learner, title="Kept", practised_on=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.practice_update(problem=problem, **problem_fields(practised_on=day))
    stored = PracticeProblem.objects.get()
    assert refused.value.message_dict == TOO_EARLY
    assert (stored.title, stored.practised_on) == ("Kept", TODAY)


@pytest.mark.parametrize("day", EARLY_DAYS, ids=str)
def test_mock_create_refuses_a_date_before_2000(curriculum, learner, day):
    with pytest.raises(ValidationError) as refused:
        services.mock_create(user=learner, **mock_fields(held_on=day))
    assert refused.value.message_dict == {"held_on": ["Pick a date from 2000 on."]}
    assert MockInterview.objects.count() == 0


def test_mock_create_accepts_1_january_2000(curriculum, learner):
    services.mock_create(user=learner, **mock_fields(held_on=date(2000, 1, 1)))
    assert MockInterview.objects.get().held_on == date(2000, 1, 1)


@pytest.mark.parametrize("day", EARLY_DAYS, ids=str)
def test_mock_update_refuses_a_date_before_2000_and_keeps_the_mock(curriculum, learner, day):
    mock = MockInterviewFactory(user=learner, held_on=TODAY, interviewer="Kept", scores=3)
    with pytest.raises(ValidationError) as refused:
        services.mock_update(mock=mock, **mock_fields(held_on=day))
    stored = MockInterview.objects.get()
    assert refused.value.message_dict == {"held_on": ["Pick a date from 2000 on."]}
    assert (stored.held_on, stored.interviewer, stored.scores.count()) == (TODAY, "Kept", 8)


# --- one record per submission -------------------------------------------------------------


def test_practice_create_with_the_same_submission_twice_gives_back_the_first_problem(
    curriculum, learner
):
    key = uuid.uuid4()
    first = services.practice_create(user=learner, **problem_fields(), submission=key)
    again = services.practice_create(
        user=learner, **problem_fields(title="Changed"), submission=key
    )
    assert again.pk == first.pk
    assert list(PracticeProblem.objects.values_list("title", flat=True)) == ["Two Sum"]


def test_story_create_with_the_same_submission_twice_gives_back_the_first_story(learner):
    key = uuid.uuid4()
    first = services.story_create(user=learner, **story_fields(), submission=key)
    again = services.story_create(user=learner, **story_fields(title="Changed"), submission=key)
    assert again.pk == first.pk
    assert list(Story.objects.values_list("title", flat=True)) == ["The late release"]


def test_mock_create_with_the_same_submission_twice_gives_back_the_first_mock(curriculum, learner):
    key = uuid.uuid4()
    first = services.mock_create(user=learner, **mock_fields(), submission=key)
    again = services.mock_create(user=learner, **mock_fields(interviewer="Changed"), submission=key)
    assert again.pk == first.pk
    assert list(MockInterview.objects.values_list("interviewer", flat=True)) == ["Sam"]


def test_the_same_submission_from_two_learners_makes_a_problem_each(
    curriculum, learner, other_learner
):
    key = uuid.uuid4()
    services.practice_create(user=learner, **problem_fields(), submission=key)
    services.practice_create(user=other_learner, **problem_fields(), submission=key)
    assert sorted(PracticeProblem.objects.values_list("user__email", flat=True)) == [
        "alice@example.com",
        "bob@example.com",
    ]


def test_creating_without_a_submission_key_makes_a_problem_every_time(curriculum, learner):
    services.practice_create(user=learner, **problem_fields())
    services.practice_create(user=learner, **problem_fields())
    assert PracticeProblem.objects.count() == 2
