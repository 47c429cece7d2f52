"""Writes for the practice log, STAR stories and mock interviews.

Keyword-only data in, rules checked here whoever calls, one transaction each. Problems and
mocks are evidence for weak areas: adding, changing or deleting one points the plan's
coming review days at the learner's current weakest topics.
"""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from progress.plans.services import plan_refresh_weak_areas
from progress.submissions import create_once

from .models import MockInterview, MockScore, PracticeProblem, Story
from .rules import day_problem, minutes_problem, scores_problem

MENTOR_SCORED = "A mentor scored this mock: it cannot be changed, only deleted."


def _check_problem(*, practised_on: date, minutes: int, today: date) -> None:
    problems = {
        "practised_on": day_problem(practised_on, today, future="That date is in the future."),
        "minutes": minutes_problem(minutes),
    }
    problems = {field: message for field, message in problems.items() if message}
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def practice_create(
    *,
    user,
    title: str,
    link: str,
    topic_id: int,
    pattern_id: int | None,
    family_id: int | None,
    difficulty: str,
    solved: bool,
    hint_used: bool,
    minutes: int,
    practised_on: date,
    notes: str,
    today: date,
    submission: UUID | None = None,
) -> PracticeProblem:
    _check_problem(practised_on=practised_on, minutes=minutes, today=today)
    fields = {
        "title": title,
        "link": link,
        "topic_id": topic_id,
        "pattern_id": pattern_id,
        "family_id": family_id,
        "difficulty": difficulty,
        "solved": solved,
        "hint_used": hint_used,
        "minutes": minutes,
        "practised_on": practised_on,
        "notes": notes,
    }
    problem, created = create_once(
        PracticeProblem,
        owner={"user": user},
        submission=submission,
        create=lambda: PracticeProblem.objects.create(user=user, submission=submission, **fields),
    )
    if created:
        plan_refresh_weak_areas(user=user, today=today)
    return problem


@transaction.atomic
def practice_update(
    *,
    problem: PracticeProblem,
    title: str,
    link: str,
    topic_id: int,
    pattern_id: int | None,
    family_id: int | None,
    difficulty: str,
    solved: bool,
    hint_used: bool,
    minutes: int,
    practised_on: date,
    notes: str,
    today: date,
) -> PracticeProblem:
    _check_problem(practised_on=practised_on, minutes=minutes, today=today)
    problem.title, problem.link, problem.difficulty = title, link, difficulty
    problem.topic_id, problem.pattern_id, problem.family_id = topic_id, pattern_id, family_id
    problem.solved, problem.hint_used, problem.minutes = solved, hint_used, minutes
    problem.practised_on, problem.notes = practised_on, notes
    problem.save()
    plan_refresh_weak_areas(user=problem.user, today=today)
    return problem


@transaction.atomic
def practice_delete(*, problem: PracticeProblem, today: date) -> None:
    user = problem.user
    problem.delete()
    plan_refresh_weak_areas(user=user, today=today)


@transaction.atomic
def story_create(
    *,
    user,
    title: str,
    situation: str,
    task: str,
    action: str,
    result: str,
    competencies: str,
    submission: UUID | None = None,
) -> Story:
    fields = {
        "title": title,
        "situation": situation,
        "task": task,
        "action": action,
        "result": result,
        "competencies": competencies,
    }
    story, _ = create_once(
        Story,
        owner={"user": user},
        submission=submission,
        create=lambda: Story.objects.create(user=user, submission=submission, **fields),
    )
    return story


@transaction.atomic
def story_update(
    *,
    story: Story,
    title: str,
    situation: str,
    task: str,
    action: str,
    result: str,
    competencies: str,
) -> Story:
    story.title, story.situation, story.task = title, situation, task
    story.action, story.result, story.competencies = action, result, competencies
    story.save()
    return story


@transaction.atomic
def story_delete(*, story: Story) -> None:
    story.delete()


def _save_mock(mock: MockInterview, *, topic_ids: list[int], scores: dict[int, int]) -> None:
    """Scores are the complete set: dimensions not in `scores` lose theirs."""
    problem = scores_problem(scores)
    if problem:
        raise ValidationError(problem)
    mock.save()
    mock.topics.set(topic_ids)
    mock.scores.exclude(dimension_id__in=scores).delete()
    MockScore.objects.bulk_create(
        [MockScore(mock=mock, dimension_id=d, score=s) for d, s in scores.items()],
        update_conflicts=True,
        unique_fields=["mock", "dimension"],
        update_fields=["score"],
    )


@transaction.atomic
def mock_create(
    *,
    user,
    held_on: date,
    run_by: str,
    interviewer: str,
    notes: str,
    topic_ids: list[int],
    scores: dict[int, int],
    today: date,
    submission: UUID | None = None,
    scored_by=None,
) -> MockInterview:
    """Record a mock for `user`; `scored_by` is the mentor who ran and scored it, if any."""
    problem = day_problem(held_on, today, future="Record a mock once it has happened.")
    if problem:
        raise ValidationError({"held_on": problem})

    def create() -> MockInterview:
        mock = MockInterview(
            user=user,
            scored_by=scored_by,
            held_on=held_on,
            run_by=run_by,
            interviewer=interviewer,
            notes=notes,
            submission=submission,
        )
        _save_mock(mock, topic_ids=topic_ids, scores=scores)
        return mock

    mock, created = create_once(
        MockInterview, owner={"user": user}, submission=submission, create=create
    )
    if created:
        plan_refresh_weak_areas(user=user, today=today)
    return mock


@transaction.atomic
def mock_update(
    *,
    mock: MockInterview,
    held_on: date,
    run_by: str,
    interviewer: str,
    notes: str,
    topic_ids: list[int],
    scores: dict[int, int],
    today: date,
) -> MockInterview:
    if mock.scored_by_id is not None:
        raise ValidationError(MENTOR_SCORED)
    problem = day_problem(held_on, today, future="Record a mock once it has happened.")
    if problem:
        raise ValidationError({"held_on": problem})
    mock.held_on, mock.run_by, mock.interviewer, mock.notes = held_on, run_by, interviewer, notes
    _save_mock(mock, topic_ids=topic_ids, scores=scores)
    plan_refresh_weak_areas(user=mock.user, today=today)
    return mock


@transaction.atomic
def mock_delete(*, mock: MockInterview, today: date) -> None:
    user = mock.user
    mock.delete()
    plan_refresh_weak_areas(user=user, today=today)
