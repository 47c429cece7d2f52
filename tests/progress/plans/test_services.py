"""Writes for plans against the database: onboarding, rebuilding the future, ticking,
stale pages, catch-up."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from curriculum.models import Topic
from progress.conflicts import Conflict
from progress.plans import services
from progress.plans.models import Plan, PlanItem, Schedule, TopicRating
from tests.factories import onboard

MONDAY = date(2025, 3, 3)
DONE, SKIPPED, PENDING = PlanItem.Status.DONE, PlanItem.Status.SKIPPED, PlanItem.Status.PENDING


@pytest.fixture
def study_topics(curriculum):
    return list(Topic.objects.filter(kind=Topic.Kind.STUDY, retired=False).order_by("pk"))


@pytest.fixture
def at(time_machine):
    """Move the clock to noon UTC on a day: at(day)."""

    def move(day: date):
        time_machine.move_to(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)

    return move


def schedule_update(user, today: date, **change):
    """services.schedule_update with the schedule `onboard` gives, changed by `change`."""
    schedule = {
        "start_date": MONDAY,
        "interview_date": None,
        "target_role": "Backend Python engineer",
        "study_days": frozenset(range(7)),
        "minutes_per_day": 60,
        **change,
    }
    return services.schedule_update(user=user, **schedule, today=today)


def fresh(item: PlanItem) -> PlanItem:
    """The item as another page (a stale tab, a second request) would load it."""
    return PlanItem.objects.get(pk=item.pk)


# --- onboarding ---------------------------------------------------------------------------


def test_onboarding_saves_the_schedule(learner, curriculum, at):
    at(MONDAY)

    onboard(
        learner,
        MONDAY,
        interview_date=MONDAY + timedelta(days=21),
        study_days=frozenset({0, 2, 4}),
        minutes_per_day=75,
    )

    schedule = Schedule.objects.get(user=learner)
    assert (
        schedule.start_date,
        schedule.interview_date,
        schedule.study_days,
        schedule.minutes_per_day,
        schedule.target_role,
        schedule.onboarded_at,
    ) == (
        MONDAY,
        MONDAY + timedelta(days=21),
        "024",
        75,
        "Backend Python engineer",
        datetime(2025, 3, 3, 12, tzinfo=UTC),
    )


def test_onboarding_saves_one_rating_per_topic(learner, study_topics, at):
    at(MONDAY)
    ratings = {topic.pk: 1 + n % 5 for n, topic in enumerate(study_topics)}

    onboard(learner, MONDAY, ratings=ratings)

    saved = TopicRating.objects.filter(user=learner).values_list("topic_id", "rating")
    assert sorted(saved) == sorted(ratings.items())


def test_onboarding_stores_the_time_zone_on_the_user(learner, curriculum, at):
    at(MONDAY)

    onboard(learner, MONDAY, timezone_name="Europe/Berlin")

    learner.refresh_from_db()
    assert learner.timezone == "Europe/Berlin"


def test_onboarding_builds_one_active_plan_between_the_start_and_the_day_before_the_interview(
    learner, curriculum, at
):
    at(MONDAY)

    plan = onboard(learner, MONDAY, interview_date=MONDAY + timedelta(days=21))

    assert list(Plan.objects.filter(user=learner, is_active=True)) == [plan]
    days = set(plan.items.values_list("date", flat=True))
    assert (min(days), max(days)) == (MONDAY, MONDAY + timedelta(days=20))


def test_onboarding_again_updates_the_ratings_without_adding_rows(learner, study_topics, at):
    at(MONDAY)
    onboard(learner, MONDAY, ratings=dict.fromkeys((t.pk for t in study_topics), 2))

    onboard(learner, MONDAY, ratings=dict.fromkeys((t.pk for t in study_topics), 4))

    saved = list(TopicRating.objects.filter(user=learner).values_list("topic_id", "rating"))
    assert sorted(saved) == sorted((t.pk, 4) for t in study_topics)


def test_onboarding_again_with_fewer_ratings_keeps_the_others(learner, study_topics, at):
    at(MONDAY)
    first, *rest = study_topics
    onboard(learner, MONDAY, ratings=dict.fromkeys((t.pk for t in study_topics), 2))

    onboard(learner, MONDAY, ratings={first.pk: 5})

    saved = dict(TopicRating.objects.filter(user=learner).values_list("topic_id", "rating"))
    assert saved == {first.pk: 5, **{t.pk: 2 for t in rest}}


def test_onboarding_refuses_a_rating_outside_one_to_five_and_saves_nothing(
    learner, study_topics, at
):
    at(MONDAY)

    with pytest.raises(ValidationError):
        onboard(learner, MONDAY, ratings={study_topics[0].pk: 6})

    assert not Schedule.objects.filter(user=learner).exists()
    assert not TopicRating.objects.filter(user=learner).exists()


def test_onboarding_refuses_an_unknown_time_zone_and_saves_nothing(learner, curriculum, at):
    at(MONDAY)

    with pytest.raises(ValidationError) as refused:
        onboard(learner, MONDAY, timezone_name="Mars/Base")

    assert refused.value.message_dict == {"timezone": ["Pick a time zone from the list."]}
    learner.refresh_from_db()
    assert learner.timezone == "UTC"
    assert not Schedule.objects.filter(user=learner).exists()


def test_onboarding_refuses_a_schedule_that_breaks_the_rules(learner, curriculum, at):
    at(MONDAY)

    with pytest.raises(ValidationError) as refused:
        onboard(learner, MONDAY, study_days=frozenset(), minutes_per_day=10)

    assert refused.value.message_dict == {
        "study_days": ["Choose at least one study day."],
        "minutes_per_day": ["Give at least 15 minutes a day."],
    }
    assert not Plan.objects.filter(user=learner).exists()


def test_a_learner_cannot_have_two_active_plans(learner):
    Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(27))

    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(27))


def test_an_inactive_old_plan_does_not_block_a_new_active_one(learner):
    Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY, is_active=False)

    Plan.objects.create(user=learner, start_date=MONDAY, end_date=MONDAY + timedelta(27))

    assert Plan.objects.filter(user=learner, is_active=True).count() == 1


# --- rebuilding the future ----------------------------------------------------------------


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
        {"study_days": frozenset({2, 5})},
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
        services.plan_item_set_done(item=item, done=True)
    services.plan_item_skip(item=skipped, reason="Already know it")
    services.plan_item_set_note(item=noted, note="Read chapter 3 first")
    before = _snapshot([past_done, future_done, skipped, noted])

    at(MONDAY + timedelta(days=4))
    schedule_update(
        learner,
        MONDAY + timedelta(days=4),
        **{"interview_date": MONDAY + timedelta(28), **change},
    )

    assert _snapshot([past_done, future_done, skipped, noted]) == before
    assert Plan.objects.filter(user=learner, is_active=True).get().pk == plan.pk


def test_changing_the_schedule_saves_it(learner, curriculum, at):
    at(MONDAY)
    onboard(learner, MONDAY)

    schedule_update(learner, MONDAY, minutes_per_day=90, study_days=frozenset({1, 3}))

    schedule = Schedule.objects.get(user=learner)
    assert (schedule.minutes_per_day, schedule.study_days) == (90, "13")


def test_changing_the_schedule_leaves_the_time_zone_alone(learner, curriculum, at):
    at(MONDAY)
    learner.timezone = "Asia/Tokyo"
    learner.save(update_fields=["timezone"])
    onboard(learner, MONDAY)

    schedule_update(learner, MONDAY, minutes_per_day=90)

    learner.refresh_from_db()
    assert learner.timezone == "Asia/Tokyo"


def test_a_schedule_that_breaks_the_rules_is_refused_and_the_plan_stays(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY)
    before = set(plan.items.values_list("pk", "date", "minutes"))

    with pytest.raises(ValidationError) as refused:
        schedule_update(learner, MONDAY, minutes_per_day=500)

    assert refused.value.message_dict == {
        "minutes_per_day": ["At most 480 minutes (8 hours) a day."]
    }
    assert Schedule.objects.get(user=learner).minutes_per_day == 60
    assert set(plan.items.values_list("pk", "date", "minutes")) == before


def test_a_rebuild_never_plans_a_done_lesson_again(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY)
    lessons = list(plan.items.filter(lesson__isnull=False).order_by("date", "position")[:6])
    assert len(lessons) == 6
    for item in lessons:
        services.plan_item_set_done(item=item, done=True)

    schedule_update(learner, MONDAY, minutes_per_day=180, study_days=frozenset({0, 2, 4, 6}))

    planned = list(
        plan.items.filter(lesson_id__in=[i.lesson_id for i in lessons]).values_list(
            "activity", "lesson_id", "pk"
        )
    )
    assert sorted(planned) == sorted((i.activity, i.lesson_id, i.pk) for i in lessons)


def test_a_rebuild_does_not_plan_new_work_in_the_past(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY)
    past_before = set(
        plan.items.filter(date__lt=MONDAY + timedelta(3)).values_list("pk", flat=True)
    )
    assert past_before

    schedule_update(learner, MONDAY + timedelta(3), minutes_per_day=90)

    past_after = set(plan.items.filter(date__lt=MONDAY + timedelta(3)).values_list("pk", flat=True))
    assert past_after == past_before


def test_a_rebuild_keeps_every_day_within_the_new_daily_minutes(learner, curriculum, at):
    at(MONDAY)
    plan = onboard(learner, MONDAY, minutes_per_day=120)
    today = MONDAY + timedelta(2)
    first_today = plan.items.filter(date=today).first()
    services.plan_item_set_done(item=first_today, done=True)

    schedule_update(learner, today, minutes_per_day=45)

    per_day = defaultdict(int)
    for day, minutes in plan.items.filter(date__gte=today).values_list("date", "minutes"):
        per_day[day] += minutes
    assert len(per_day) == (plan.end_date - today).days + 1
    # Today may only be over by what was already done on it.
    assert per_day.pop(today) <= max(45, first_today.minutes)
    assert max(per_day.values()) <= 45


# --- ticking, skipping, stale pages -------------------------------------------------------


@pytest.fixture
def item(learner, curriculum, at):
    at(MONDAY)
    return onboard(learner, MONDAY).items.filter(date=MONDAY).first()


def test_ticking_an_item_marks_it_done_now(item):
    services.plan_item_set_done(item=item, done=True)

    item = fresh(item)
    assert (item.status, item.completed_at) == (DONE, datetime(2025, 3, 3, 12, tzinfo=UTC))


def test_ticking_an_item_twice_writes_nothing_the_second_time(item, at):
    services.plan_item_set_done(item=item, done=True)
    at(MONDAY + timedelta(days=1))

    with CaptureQueriesContext(connection) as captured:
        services.plan_item_set_done(item=fresh(item), done=True)

    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert writes == []
    assert (fresh(item).status, fresh(item).completed_at) == (
        DONE,
        datetime(2025, 3, 3, 12, tzinfo=UTC),
    )


def test_a_double_submitted_tick_from_the_same_page_is_a_harmless_no_op(item, at):
    page_copy = fresh(item)
    services.plan_item_set_done(item=fresh(item), done=True, expected=PENDING)
    at(MONDAY + timedelta(days=1))

    services.plan_item_set_done(item=page_copy, done=True, expected=PENDING)

    assert (fresh(item).status, fresh(item).completed_at) == (
        DONE,
        datetime(2025, 3, 3, 12, tzinfo=UTC),
    )


def test_unticking_twice_leaves_the_item_to_do(item):
    services.plan_item_set_done(item=item, done=True)

    services.plan_item_set_done(item=fresh(item), done=False)
    services.plan_item_set_done(item=fresh(item), done=False)

    assert (fresh(item).status, fresh(item).completed_at) == (PENDING, None)


def test_skipping_keeps_the_reason_without_surrounding_space(item):
    services.plan_item_skip(item=item, reason="  Covered at work  ")

    assert (fresh(item).status, fresh(item).skip_reason) == (SKIPPED, "Covered at work")


def test_a_blank_skip_reason_is_refused_and_the_item_stays_to_do(item):
    with pytest.raises(ValidationError) as refused:
        services.plan_item_skip(item=item, reason="   ")

    assert refused.value.message_dict == {"reason": ["Say briefly why you skip it."]}
    assert fresh(item).status == PENDING


def test_a_double_submitted_skip_keeps_the_first_reason(item):
    page_copy = fresh(item)
    services.plan_item_skip(item=fresh(item), reason="Covered at work", expected=PENDING)

    services.plan_item_skip(item=page_copy, reason="Covered at work, really", expected=PENDING)

    assert (fresh(item).status, fresh(item).skip_reason) == (SKIPPED, "Covered at work")


def test_a_skip_from_a_stale_page_of_an_item_done_elsewhere_raises_conflict(item):
    stale = fresh(item)
    services.plan_item_set_done(item=fresh(item), done=True)

    with pytest.raises(Conflict) as refused:
        services.plan_item_skip(item=stale, reason="Know it", expected=PENDING)

    assert str(refused.value) == (
        f"“{item.title}” is now done: it changed in another tab or device, "
        "so nothing was changed here."
    )


def test_a_skip_from_a_stale_page_leaves_the_item_done_as_it_was(item):
    stale = fresh(item)
    services.plan_item_set_done(item=fresh(item), done=True)

    with pytest.raises(Conflict):
        services.plan_item_skip(item=stale, reason="Know it", expected=PENDING)

    item = fresh(item)
    assert (item.status, item.completed_at, item.skip_reason) == (
        DONE,
        datetime(2025, 3, 3, 12, tzinfo=UTC),
        "",
    )


def test_a_skip_expects_a_pending_item_unless_told_otherwise(item):
    services.plan_item_set_done(item=item, done=True)

    with pytest.raises(Conflict):
        services.plan_item_skip(item=fresh(item), reason="Know it")

    assert fresh(item).status == DONE


def test_a_tick_from_a_stale_page_of_an_item_skipped_elsewhere_leaves_it_skipped(item):
    stale = fresh(item)
    services.plan_item_skip(item=fresh(item), reason="Away")

    with pytest.raises(Conflict):
        services.plan_item_set_done(item=stale, done=True, expected=PENDING)

    item = fresh(item)
    assert (item.status, item.skip_reason, item.completed_at) == (SKIPPED, "Away", None)


def test_an_untick_from_a_stale_page_of_an_item_skipped_since_leaves_it_skipped(item):
    services.plan_item_set_done(item=item, done=True)
    services.plan_item_set_done(item=fresh(item), done=False)
    services.plan_item_skip(item=fresh(item), reason="Away")

    with pytest.raises(Conflict):
        services.plan_item_set_done(item=fresh(item), done=False, expected=DONE)

    assert (fresh(item).status, fresh(item).skip_reason) == (SKIPPED, "Away")


def test_a_skipped_item_can_be_restored_to_do(item):
    services.plan_item_skip(item=item, reason="Away")

    services.plan_item_set_done(item=fresh(item), done=False, expected=SKIPPED)

    assert (fresh(item).status, fresh(item).skip_reason) == (PENDING, "")


def test_a_note_is_saved_and_the_status_is_untouched(item):
    services.plan_item_set_note(item=item, note="Re-read the GIL part")

    assert (fresh(item).note, fresh(item).status) == ("Re-read the GIL part", PENDING)


# --- catch-up -----------------------------------------------------------------------------


@pytest.fixture
def missed_plan(learner):
    """Today is Thursday; three items of 30, 30, 45 and one of 45 minutes were missed.

    Free minutes from today on (60 a day): Thursday 20, Friday 60, Saturday 10, Sunday 60.
    """
    today = MONDAY + timedelta(days=3)
    Schedule.objects.create(
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


def test_catch_up_says_how_many_items_moved_and_how_many_are_left(learner, missed_plan):
    today, _, _ = missed_plan

    assert services.plan_catch_up(user=learner, today=today) == (3, 1)


def test_catch_up_puts_each_missed_item_on_the_first_coming_day_with_room(learner, missed_plan):
    today, _, missed = missed_plan

    services.plan_catch_up(user=learner, today=today)

    dates = dict(PlanItem.objects.filter(pk__in=[m.pk for m in missed]).values_list("key", "date"))
    assert dates == {
        "m1": MONDAY + timedelta(days=4),
        "m2": MONDAY + timedelta(days=4),
        "m3": MONDAY + timedelta(days=6),
        "m4": MONDAY + timedelta(days=2),
    }


def test_catch_up_keeps_every_coming_day_within_the_daily_minutes(learner, missed_plan):
    today, plan, _ = missed_plan

    services.plan_catch_up(user=learner, today=today)

    per_day = defaultdict(int)
    for day, minutes in (
        plan.items.filter(date__gte=today).exclude(status=SKIPPED).values_list("date", "minutes")
    ):
        per_day[day] += minutes
    assert per_day == {
        MONDAY + timedelta(days=3): 40,
        MONDAY + timedelta(days=4): 60,
        MONDAY + timedelta(days=5): 50,
        MONDAY + timedelta(days=6): 45,
    }


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
    assert [(i.key, i.date, i.original_date) for i in kept.order_by("key")] == [
        ("done-before", MONDAY + timedelta(2), None),
        ("skipped-before", MONDAY + timedelta(2), None),
    ]


def test_catching_up_again_later_keeps_the_first_planned_day(learner, missed_plan):
    today, _, _ = missed_plan
    services.plan_catch_up(user=learner, today=today)
    for key in ("m4", "saturday"):
        services.plan_item_skip(item=PlanItem.objects.get(key=key), reason="make room")
    services.plan_item_set_done(item=PlanItem.objects.get(key="today"), done=True)

    saturday = MONDAY + timedelta(days=5)
    services.plan_catch_up(user=learner, today=saturday)

    item = PlanItem.objects.get(key="m1")
    assert (item.date, item.original_date) == (saturday, MONDAY)
