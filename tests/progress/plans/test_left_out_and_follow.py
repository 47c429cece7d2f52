"""Writes added by the plan's second pass: what compression leaves out and adding it back,
starting early on a day off, editing the self-ratings, and a plan that follows the next
recorded interview.

The clock is pinned (tests/conftest.py) at Wednesday 5 March 2025, 10:00 UTC."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from curriculum.models import Lesson, Topic
from progress.interviews.models import Interview
from progress.interviews.services import interview_delete, interview_update
from progress.plans import services
from progress.plans.models import Plan, PlanItem, Schedule, TopicRating
from tests.factories import InterviewFactory, onboard

TODAY = date(2025, 3, 5)  # a Wednesday
WEEKDAYS = frozenset(range(5))
PENDING = PlanItem.Status.PENDING


@pytest.fixture
def short_plan(learner, curriculum):
    """The case the issue saw: an hour a day, Monday to Friday, three weeks to the interview."""
    return onboard(
        learner,
        TODAY,
        interview_date=TODAY + timedelta(days=21),
        study_days=WEEKDAYS,
        minutes_per_day=60,
    )


def minutes_by_day(plan: Plan, since: date = TODAY, fillers: bool = True) -> dict[date, int]:
    """Minutes planned per day; without the spare-time fillers (extra practice and
    reviews), which give way to a lesson added back."""
    items = plan.items.filter(date__gte=since)
    if not fillers:
        items = items.exclude(key__startswith="extra-")
    totals: dict[date, int] = defaultdict(int)
    for day, minutes in items.values_list("date", "minutes"):
        totals[day] += minutes
    return totals


def schedule_of(user, **change) -> dict:
    """The schedule `short_plan` has, changed by `change`, as schedule_update takes it."""
    schedule = Schedule.objects.get(user=user)
    return {
        "start_date": schedule.start_date,
        "interview_date": schedule.interview_date,
        "target_role": schedule.target_role,
        "study_days": schedule.study_weekdays,
        "minutes_per_day": schedule.minutes_per_day,
        **change,
    }


def interview_at(user, day: date, hour: int = 14) -> Interview:
    when = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return InterviewFactory(user=user, scheduled_at=when)


# --- whole lessons, and what was left out -------------------------------------------------


def test_a_short_plan_holds_whole_lessons_and_records_what_it_left_out(short_plan):
    lessons = short_plan.items.filter(lesson__isnull=False).select_related("lesson")

    assert lessons
    assert all(item.minutes == item.lesson.minutes for item in lessons)
    assert max(minutes_by_day(short_plan).values()) <= 60
    left_out = short_plan.left_out
    assert left_out
    planned = set(short_plan.items.values_list("key", flat=True))
    assert not planned & {task["key"] for task in left_out}
    lesson_minutes = {
        (lesson.topic.slug, lesson.slug): lesson.minutes
        for lesson in Lesson.objects.select_related("topic")
    }
    for task in left_out:
        if task["lesson"]:
            assert task["minutes"] == lesson_minutes[(task["topic"], task["lesson"])]


def test_a_plan_with_time_for_everything_leaves_nothing_out(learner, curriculum):
    plan = onboard(learner, TODAY, interview_date=TODAY + timedelta(days=180), minutes_per_day=90)

    assert plan.left_out == []


def test_adding_a_left_out_lesson_back_puts_it_on_the_first_coming_day_with_room(short_plan):
    task = next(t for t in short_plan.left_out if t["lesson"] and t["minutes"] <= 20)
    room = {day: 60 - used for day, used in minutes_by_day(short_plan, fillers=False).items()}
    first_with_room = min(day for day, free in room.items() if free >= task["minutes"])

    item, fits = services.plan_left_out_add(user=short_plan.user, key=task["key"], today=TODAY)

    assert fits
    assert (item.date, item.minutes, item.title) == (
        first_with_room,
        task["minutes"],
        task["title"],
    )
    assert item.lesson == Lesson.objects.get(topic__slug=task["topic"], slug=task["lesson"])
    assert item.added_back
    short_plan.refresh_from_db()
    assert task["key"] not in {t["key"] for t in short_plan.left_out}


def test_without_a_day_with_room_an_added_lesson_goes_where_most_room_is_as_an_extra(
    short_plan,
):
    task = max(short_plan.left_out, key=lambda t: t["minutes"])
    # Fill every coming day to the minute with work of the learner's own (spare-time
    # fillers would give way), but one, which keeps 5 minutes free.
    used = minutes_by_day(short_plan, fillers=False)
    days = sorted(used)
    roomiest = [day for day in days if used[day] <= 55][-1]
    assert roomiest != days[0]  # the earliest day would win a tie: not a test of "most room"
    for day in days:
        top_up = 60 - used[day] - (5 if day == roomiest else 0)
        if top_up > 0:
            PlanItem.objects.create(
                plan=short_plan,
                date=day,
                key=f"mine-{day}",
                activity="practice",
                title="Practice of my own",
                minutes=top_up,
                note="kept",
            )

    planned = short_plan.items.filter(date=roomiest).exclude(key__startswith="extra-")
    kept = set(planned.values_list("pk", flat=True))

    item, fits = services.plan_left_out_add(user=short_plan.user, key=task["key"], today=TODAY)

    assert not fits
    assert item.date == roomiest
    # The day's fillers gave way; the rest of its work stays.
    assert not short_plan.items.filter(date=roomiest, key__startswith="extra-").exists()
    assert set(planned.values_list("pk", flat=True)) == kept | {item.pk}


def test_an_added_lesson_takes_the_place_of_spare_time_filler(short_plan):
    fillers = short_plan.items.filter(key__startswith="extra-").order_by("date")
    filler = fillers.first()
    assert filler is not None
    task = next(t for t in short_plan.left_out if t["minutes"] <= filler.minutes)

    item, fits = services.plan_left_out_add(user=short_plan.user, key=task["key"], today=TODAY)

    assert fits
    assert item.date <= filler.date
    assert max(minutes_by_day(short_plan).values()) <= 60


def test_a_lesson_cannot_be_added_back_twice(short_plan):
    key = short_plan.left_out[0]["key"]
    services.plan_left_out_add(user=short_plan.user, key=key, today=TODAY)

    with pytest.raises(ValidationError):
        services.plan_left_out_add(user=short_plan.user, key=key, today=TODAY)

    assert short_plan.items.filter(key=key).count() == 1


def test_a_key_that_was_never_left_out_is_refused(short_plan):
    with pytest.raises(ValidationError):
        services.plan_left_out_add(user=short_plan.user, key="study:nothing:here", today=TODAY)


def test_a_rebuild_keeps_a_lesson_the_learner_added_back(short_plan):
    key = short_plan.left_out[0]["key"]
    item, _ = services.plan_left_out_add(user=short_plan.user, key=key, today=TODAY)

    services.schedule_update(user=short_plan.user, **schedule_of(short_plan.user), today=TODAY)

    assert PlanItem.objects.get(pk=item.pk).date == item.date
    short_plan.refresh_from_db()
    assert key not in {t["key"] for t in short_plan.left_out}


# --- starting early on a day off ----------------------------------------------------------


@pytest.fixture
def day_off_plan(learner, curriculum):
    """Signed up on a Wednesday that is not a study day (Mondays, Thursdays, Fridays)."""
    return onboard(learner, TODAY, study_days=frozenset({0, 3, 4}))


def test_starting_now_on_a_day_off_brings_the_next_study_days_work_to_today(day_off_plan):
    thursday = TODAY + timedelta(days=1)
    planned = list(day_off_plan.items.filter(date=thursday).values_list("pk", flat=True))
    assert planned and not day_off_plan.items.filter(date=TODAY).exists()

    day, moved = services.plan_start_now(user=day_off_plan.user, today=TODAY)

    assert (day, moved) == (thursday, len(planned))
    items = PlanItem.objects.filter(pk__in=planned)
    assert {(i.date, i.original_date) for i in items} == {(TODAY, thursday)}


def test_starting_now_leaves_done_items_of_the_next_day_where_they_were(day_off_plan):
    thursday = TODAY + timedelta(days=1)
    done = day_off_plan.items.filter(date=thursday).first()
    services.plan_item_set_done(item=done, done=True)

    services.plan_start_now(user=day_off_plan.user, today=TODAY)

    assert PlanItem.objects.get(pk=done.pk).date == thursday


def test_starting_now_is_refused_when_today_already_has_work(learner, curriculum):
    plan = onboard(learner, TODAY)
    before = set(plan.items.values_list("pk", "date"))

    with pytest.raises(ValidationError):
        services.plan_start_now(user=learner, today=TODAY)

    assert set(plan.items.values_list("pk", "date")) == before


# --- self-ratings after onboarding --------------------------------------------------------


def test_rating_a_topic_stronger_rebuilds_the_plan_with_fewer_of_its_lessons(learner, curriculum):
    topic = Topic.objects.get(slug="advanced-python")
    plan = onboard(
        learner,
        TODAY,
        interview_date=TODAY + timedelta(days=28),
        study_days=WEEKDAYS,
        ratings={topic.pk: 1},
    )
    weak_lessons = plan.items.filter(topic=topic, activity="study").values_list(
        "lesson__slug", flat=True
    )
    weak_lessons, weak = list(weak_lessons), len(weak_lessons)

    services.ratings_update(user=learner, ratings={topic.pk: 5}, today=TODAY)

    assert TopicRating.objects.get(user=learner, topic=topic).rating == 5
    strong = set(
        plan.items.filter(topic=topic, activity="study").values_list("lesson__slug", flat=True)
    )
    assert len(strong) < weak
    left_out = {t["lesson"] for t in Plan.objects.get(pk=plan.pk).left_out}
    assert set(weak_lessons) - strong <= left_out


def test_editing_ratings_keeps_what_was_done(short_plan):
    done = short_plan.items.filter(date=TODAY).first()
    services.plan_item_set_done(item=done, done=True)
    topic = Topic.objects.get(slug="python-fundamentals")

    services.ratings_update(user=short_plan.user, ratings={topic.pk: 5}, today=TODAY)

    assert PlanItem.objects.get(pk=done.pk).status == PlanItem.Status.DONE


def test_a_rating_outside_one_to_five_is_refused_and_nothing_changes(short_plan):
    topic = Topic.objects.get(slug="python-fundamentals")
    before = set(short_plan.items.values_list("pk", flat=True))

    with pytest.raises(ValidationError):
        services.ratings_update(user=short_plan.user, ratings={topic.pk: 6}, today=TODAY)

    assert not TopicRating.objects.filter(user=short_plan.user, topic=topic).exists()
    assert set(short_plan.items.values_list("pk", flat=True)) == before


# --- the plan follows the next interview --------------------------------------------------


@pytest.fixture
def following(short_plan):
    """The learner chose "use my next interview's date as the end" (no interview yet)."""
    services.schedule_update(
        user=short_plan.user, **schedule_of(short_plan.user), follows_interviews=True, today=TODAY
    )
    short_plan.refresh_from_db()
    return short_plan


def test_choosing_to_follow_without_an_interview_gives_the_four_week_plan(following):
    schedule = Schedule.objects.get(user=following.user)

    assert (schedule.follows_interviews, schedule.interview_date) == (True, None)
    assert following.end_date == TODAY + timedelta(days=27)


def test_choosing_to_follow_takes_the_next_recorded_interviews_date(short_plan):
    interview_at(short_plan.user, TODAY + timedelta(days=10))
    interview_at(short_plan.user, TODAY + timedelta(days=40))

    services.schedule_update(
        user=short_plan.user,
        **schedule_of(short_plan.user, interview_date=TODAY + timedelta(days=200)),
        follows_interviews=True,
        today=TODAY,
    )

    short_plan.refresh_from_db()
    assert Schedule.objects.get(user=short_plan.user).interview_date == TODAY + timedelta(10)
    assert short_plan.end_date == TODAY + timedelta(days=9)


def test_recording_an_interview_moves_the_end_of_a_plan_that_follows_interviews(following):
    interview_at(following.user, TODAY + timedelta(days=14))

    following.refresh_from_db()
    assert Schedule.objects.get(user=following.user).interview_date == TODAY + timedelta(14)
    assert following.end_date == TODAY + timedelta(days=13)
    assert not following.items.filter(date__gt=TODAY + timedelta(days=13)).exists()


def test_moving_the_interview_moves_the_end_again(following):
    interview = interview_at(following.user, TODAY + timedelta(days=14))

    interview_update(
        interview=interview,
        company=interview.company,
        role=interview.role,
        stage=interview.stage,
        format=interview.format,
        scheduled_at=interview.scheduled_at + timedelta(days=7),
        timezone_name=interview.timezone,
        link="",
        notes="",
    )

    following.refresh_from_db()
    assert following.end_date == TODAY + timedelta(days=20)


def test_deleting_the_next_interview_falls_back_to_the_one_after(following):
    sooner = interview_at(following.user, TODAY + timedelta(days=10))
    interview_at(following.user, TODAY + timedelta(days=17))

    interview_delete(interview=sooner, today=TODAY)

    following.refresh_from_db()
    assert following.end_date == TODAY + timedelta(days=16)


def test_an_interview_does_not_move_a_plan_that_does_not_follow_interviews(short_plan):
    end = short_plan.end_date

    interview_at(short_plan.user, TODAY + timedelta(days=10))

    short_plan.refresh_from_db()
    assert short_plan.end_date == end
    assert Schedule.objects.get(user=short_plan.user).interview_date == TODAY + timedelta(21)


def test_an_interview_already_held_is_not_the_next_one(following):
    interview_at(following.user, TODAY - timedelta(days=2))

    assert Schedule.objects.get(user=following.user).interview_date is None
