"""Writes for the practice log, stories and mocks (owner set here, never from the form)."""

from django.db import transaction

from .models import MockInterview, MockScore
from .services import plan_refresh_weak_areas


def record_save(*, form, user):
    record = form.save(commit=False)
    record.user = user
    record.save()
    form.save_m2m()
    return record


@transaction.atomic
def practice_save(*, form, user):
    """A logged problem is new evidence: the coming weak-area reviews may change."""
    problem = record_save(form=form, user=user)
    plan_refresh_weak_areas(user=user, today=form.today)
    return problem


@transaction.atomic
def mock_save(*, form, user) -> MockInterview:
    mock = record_save(form=form, user=user)
    scores = form.scores()
    mock.scores.exclude(dimension_id__in=scores).delete()
    for dimension_id, score in scores.items():
        MockScore.objects.update_or_create(
            mock=mock, dimension_id=dimension_id, defaults={"score": score}
        )
    plan_refresh_weak_areas(user=user, today=form.today)
    return mock
