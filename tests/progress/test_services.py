"""Writes for plans against the database: onboarding, rebuilding the future, ticking, catch-up."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from curriculum.models import Topic
from progress import services
from progress.models import Plan, PlanItem, Profile, TopicRating

from .factories import onboard, schedule

MONDAY = date(2025, 3, 3)
DONE, SKIPPED, PENDING = PlanItem.Status.DONE, PlanItem.Status.SKIPPED, PlanItem.Status.PENDING


@pytest.fixture
def study_topics(curriculum):
    return list(Topic.objects.filter(kind=Topic.Kind.STUDY))


@pytest.fixture
def at(time_machine):
    """Pin the clock to noon UTC on a day: at(day)."""

    def move(day: date):
        time_machine.move_to(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)

    return move


def test_onboarding_saves_the_profile_and_ratings_and_builds_one_active_plan(learner, study_topics):
    ratings = {topic.pk: 1 + n % 5 for n, topic in enumerate(study_topics)}

    plan = services.onboarding_complete(
        user=learner,
        schedule=schedule(interview_date=MONDAY + timedelta(days=21), start_date=MONDAY),
        ratings=ratings,
        today=MONDAY,
    )

    profile = Profile.objects.get(user=learner)
    assert profile.onboarded_at is not None
    assert profile.interview_date == MONDAY + timedelta(days=21)
    assert dict(TopicRating.objects.filter(user=learner).values_list("topic_id", "rating")) == (
        ratings
    )
    assert list(Plan.objects.filter(user=learner, is_active=True)) == [plan]
    assert plan.items.exists()
    assert plan.items.filter(date__lt=MONDAY).count() == 0
    assert plan.items.filter(date__gt=MONDAY + timedelta(days=20)).count() == 0


def test_a_learner_cannot_have_two_active_plans(learner):
    Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(27))

    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(27))


def test_an_inactive_old_plan_does_not_block_a_new_active_one(learner):
    Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY, is_active=False)

    Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(27))

    assert Plan.objects.filter(user=learner, is_active=True).count() == 1


def _snapshot(items):
    return {
        i.pk: (i.key, i.date, i.status, i.note, i.completed_at, i.skip_reason)
        for i in PlanItem.objects.filter(pk__in=[x.pk for x in items])
    }


@pytest.mark.parametrize(
    "change",
    [
        {"interview_date": MONDAY + timedelta(days=12)},
        {"interview_date": MONDAY + timedelta(days=120)},
        {"minutes_per_day": 20},
        {"minutes_per_day": 240},
        {"study_days": "25"},
    ],
    ids=["interview-sooner", "interview-later", "fewer-minutes", "more-minutes", "two-days"],
)
def test_changing_the_schedule_keeps_done_skipped_and_noted_items_exactly_as_they_were(
    learner, curriculum, at, change
):
    at(MONDAY)
    plan = onboard(learner, MONDAY, interview_date=MONDAY + timedelta(days=28))
    items = list(plan.items.order_by("date", "position"))
    past_done, future_done, skipped, noted = items[0], items[-8], items[2], items[-4]
    for item in (past_done, future_done):
        services.item_set_done(item=item, done=True)
    services.item_skip(item=skipped, reason="Already know it")
    services.item_set_note(item=noted, note="Read chapter 3 first")
    before = _snapshot([past_done, future_done, skipped, noted])

    at(MONDAY + timedelta(days=4))
    services.schedule_update(
        user=learner,
        schedule=schedule(
            **{"start_date": MONDAY, "interview_date": MONDAY + timedelta(28), **change}
        ),
        today=MONDAY + timedelta(days=4),
    )

    assert _snapshot([past_done, future_done, skipped, noted]) == before
    assert Plan.objects.filter(user=learner, is_active=True).get().pk == plan.pk


def test_a_rebuild_never_plans_a_done_lesson_again(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY)
    lessons = list(plan.items.filter(lesson__isnull=False).order_by("date", "position")[:6])
    for item in lessons:
        services.item_set_done(item=item, done=True)

    services.schedule_update(
        user=learner,
        schedule=schedule(start_date=MONDAY, minutes_per_day=180, study_days="0246"),
        today=MONDAY,
    )

    for item in lessons:
        same = plan.items.filter(activity=item.activity, lesson_id=item.lesson_id)
        assert list(same.values_list("pk", flat=True)) == [item.pk]


def test_a_rebuild_does_not_plan_new_work_in_the_past(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY)
    past_before = set(
        plan.items.filter(date__lt=MONDAY + timedelta(3)).values_list("pk", flat=True)
    )

    services.schedule_update(
        user=learner,
        schedule=schedule(start_date=MONDAY, minutes_per_day=90),
        today=MONDAY + timedelta(3),
    )

    past_after = set(plan.items.filter(date__lt=MONDAY + timedelta(3)).values_list("pk", flat=True))
    assert past_after == past_before


def test_a_rebuild_keeps_every_day_within_the_new_daily_minutes(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY, minutes_per_day=120)
    first_today = plan.items.filter(date=MONDAY + timedelta(2)).first()
    services.item_set_done(item=first_today, done=True)

    today = MONDAY + timedelta(2)
    services.schedule_update(
        user=learner, schedule=schedule(start_date=MONDAY, minutes_per_day=45), today=today
    )

    per_day = defaultdict(int)
    for day, minutes in plan.items.filter(date__gte=today).values_list("date", "minutes"):
        per_day[day] += minutes
    # A day can only be over when what was already done on it is over by itself.
    assert all(m <= max(45, first_today.minutes) for m in per_day.values())
    assert all(m <= 45 for d, m in per_day.items() if d != today)


def test_ticking_an_item_twice_changes_nothing_the_second_time(
    learner, curriculum, at, django_assert_num_queries
):
    at(MONDAY)
    item = onboard(learner, MONDAY).items.first()
    services.item_set_done(item=item, done=True)
    first = PlanItem.objects.get(pk=item.pk).completed_at

    at(MONDAY + timedelta(days=1))
    again = PlanItem.objects.get(pk=item.pk)
    with django_assert_num_queries(0):
        services.item_set_done(item=again, done=True)
    services.item_set_done(item=PlanItem.objects.get(pk=item.pk), done=True)

    item.refresh_from_db()
    assert (item.status, item.completed_at) == (DONE, first)


def test_unticking_twice_leaves_the_item_to_do(learner, curriculum, at):
    at(MONDAY)
    item = onboard(learner, MONDAY).items.first()
    services.item_set_done(item=item, done=True)

    services.item_set_done(item=PlanItem.objects.get(pk=item.pk), done=False)
    services.item_set_done(item=PlanItem.objects.get(pk=item.pk), done=False)

    item.refresh_from_db()
    assert (item.status, item.completed_at) == (PENDING, None)


# --- catch-up ---------------------------------------------------------------------------


@pytest.fixture
def missed_plan(learner):
    """Today is Thursday; three items of 30, 30, 45 and one of 45 minutes were missed.

    Free minutes from today on (60 a day): Thursday 20, Friday 60, Saturday 10, Sunday 60.
    """
    today = MONDAY + timedelta(days=3)
    Profile.objects.create(
        user=learner,
        start_date=MONDAY,
        study_days="0123456",
        minutes_per_day=60,
        onboarded_at=datetime(2025, 3, 3, tzinfo=UTC),
    )
    plan = Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(6))

    def item(key, day, minutes, **extra):
        return PlanItem.objects.create(
            plan=plan,
            key=key,
            date=MONDAY + timedelta(days=day),
            minutes=minutes,
            activity="study",
            title=key,
            **extra,
        )

    missed = [item("m1", 0, 30), item("m2", 1, 30), item("m3", 1, 45), item("m4", 2, 45)]
    item("done-before", 2, 60, status=DONE, completed_at=datetime(2025, 3, 5, tzinfo=UTC))
    item("skipped-before", 2, 30, status=SKIPPED, skip_reason="no")
    item("today", 3, 40)
    item("saturday", 5, 50)
    item("skipped-sunday", 6, 30, status=SKIPPED, skip_reason="away")
    return today, plan, missed


def test_catch_up_moves_missed_items_to_coming_study_days_within_the_daily_minutes(
    learner, missed_plan
):
    today, plan, missed = missed_plan

    moved, left = services.plan_catch_up(user=learner, today=today)

    assert (moved, left) == (3, 1)
    dates = {i.key: i.date for i in PlanItem.objects.filter(pk__in=[m.pk for m in missed])}
    assert dates["m1"] == dates["m2"] == MONDAY + timedelta(days=4)
    assert dates["m3"] == MONDAY + timedelta(days=6)
    per_day = defaultdict(int)
    for day, minutes in (
        plan.items.filter(date__gte=today).exclude(status=SKIPPED).values_list("date", "minutes")
    ):
        per_day[day] += minutes
    assert max(per_day.values()) <= 60


def test_catch_up_remembers_the_day_each_item_was_first_planned_for(learner, missed_plan):
    today, _, _ = missed_plan

    services.plan_catch_up(user=learner, today=today)

    original = dict(
        PlanItem.objects.filter(key__in=["m1", "m2", "m3"]).values_list("key", "original_date")
    )
    assert original == {"m1": MONDAY, "m2": MONDAY + timedelta(1), "m3": MONDAY + timedelta(1)}


def test_catch_up_leaves_what_does_not_fit_where_it_was(learner, missed_plan):
    today, _, _ = missed_plan

    services.plan_catch_up(user=learner, today=today)

    left = PlanItem.objects.get(key="m4")
    assert (left.date, left.original_date, left.status) == (MONDAY + timedelta(2), None, PENDING)


def test_catch_up_never_moves_done_or_skipped_items(learner, missed_plan):
    today, _, _ = missed_plan

    services.plan_catch_up(user=learner, today=today)

    kept = PlanItem.objects.filter(key__in=["done-before", "skipped-before"])
    assert {(i.date, i.original_date) for i in kept} == {(MONDAY + timedelta(2), None)}


def test_catching_up_again_later_keeps_the_first_planned_day(learner, missed_plan):
    today, _, _ = missed_plan
    services.plan_catch_up(user=learner, today=today)
    for key in ("m4", "saturday"):
        services.item_skip(item=PlanItem.objects.get(key=key), reason="make room")
    services.item_set_done(item=PlanItem.objects.get(key="today"), done=True)

    saturday = MONDAY + timedelta(days=5)
    services.plan_catch_up(user=learner, today=saturday)

    item = PlanItem.objects.get(key="m1")
    assert (item.date, item.original_date) == (saturday, MONDAY)
