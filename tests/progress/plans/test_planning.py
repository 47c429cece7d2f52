"""The plan generator, on the real curriculum read from the content files (no database).

Property tests check what must hold for any learner; the examples pin the situations people
actually bring: an interview tomorrow, one in six months, one study day a week, a quarter of
an hour a day, no date at all, an hour a day over three weeks.
"""

from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from progress.plans import planning
from progress.plans.planning import (
    MIN_SESSION_MINUTES,
    build_plan,
    catch_up_schedule,
    generate_plan,
)
from tests.progress.plan_material import plan_input, plan_material, study_topic_slugs

ESSENTIAL_ACTIVITIES = {"behavioural", "mock", "final-review"}
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# --- strategies -------------------------------------------------------------------------


@st.composite
def learners(draw, with_booked: bool = False):
    """A learner's situation: dates, study days, minutes, ratings (and minutes already booked)."""
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    span = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=200)))
    end = planning.default_end(start, None) if span is None else start + timedelta(span - 1)
    study_days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    minutes = draw(st.integers(min_value=15, max_value=480))
    slugs = study_topic_slugs()
    ratings = dict(
        zip(
            slugs,
            draw(st.lists(st.integers(1, 5), min_size=len(slugs), max_size=len(slugs))),
            strict=True,
        )
    )
    booked = {}
    if with_booked:
        days = planning.study_dates(start, end, study_days)
        chosen = draw(st.lists(st.sampled_from(days), unique=True, max_size=min(10, len(days))))
        booked = {day: draw(st.integers(0, minutes)) for day in chosen}
    return plan_input(start, end, study_days, minutes, ratings=ratings, booked=booked)


def minutes_by_day(items) -> dict[date, int]:
    totals: dict[date, int] = defaultdict(int)
    for item in items:
        totals[item.date] += item.minutes
    return totals


def template_topics() -> set[str]:
    template, topics = plan_material()
    return {slug for day in template for slug in day.topics if topics[slug].lessons}


def demand(data: planning.PlanInput) -> int:
    """Minutes the whole template asks for, each task at its planned length."""

    def length(minutes):
        return planning.session_minutes(minutes, data.minutes_per_day)

    def lessons(slug):
        return sum(length(lesson.minutes) for lesson in data.topics[slug].lessons)

    total = 0
    for slug in {s for d in data.template if d.activity != "review" for s in d.topics}:
        total += lessons(slug)
    for day in data.template:
        if day.activity == "review":
            total += len(day.topics) * length(planning.REVIEW_MINUTES)
        elif day.activity == "practice":
            total += length(planning.PRACTICE_MINUTES)
        elif day.activity == "mock":
            total += length(planning.MOCK_MINUTES)
        elif day.activity == "review-weak":
            total += planning.WEAK_AREAS_PER_DAY * length(planning.REVIEW_MINUTES)
        elif day.activity == "final-review":
            total += length(planning.FINAL_REVIEW_MINUTES)
    return total


def capacity(data: planning.PlanInput) -> int:
    days = planning.study_dates(data.start, data.end, data.study_days)
    return sum(max(0, data.minutes_per_day - data.booked.get(d, 0)) for d in days)


def sessions(data: planning.PlanInput) -> int:
    """How many minimum-length sessions the study days hold (a day shorter than one session
    holds one, standing alone)."""
    days = planning.study_dates(data.start, data.end, data.study_days)
    return len(days) * max(1, data.minutes_per_day // MIN_SESSION_MINUTES)


def own_minutes() -> dict[tuple[str, str], int]:
    """Each lesson's own estimate, by (topic, lesson)."""
    _, topics = plan_material()
    return {(t.slug, x.slug): x.minutes for t in topics.values() for x in t.lessons}


def essential_keys() -> set[str]:
    """The first behavioural and the first mock lesson, and the final review."""
    template, topics = plan_material()
    keys = {"final-review"}
    for activity in ("behavioural", "mock"):
        day = min((d for d in template if d.activity == activity), key=lambda d: (d.week, d.day))
        keys.add(f"{activity}:{day.topics[0]}:{topics[day.topics[0]].lessons[0].slug}")
    return keys


def every_task_key(data: planning.PlanInput) -> set[str]:
    """The keys of every task the template gives this learner: a plan with room for all
    (a year of eight-hour days) leaves nothing out."""
    roomy = planning.PlanInput(
        **{
            **data.__dict__,
            "end": data.start + timedelta(days=365),
            "study_days": frozenset(range(7)),
            "minutes_per_day": 480,
            "booked": {},
        }
    )
    outcome = build_plan(roomy)
    assert outcome.left_out == []
    return {i.key for i in outcome.items if not i.key.startswith("extra-")}


# --- properties -------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(learners())
def test_every_item_falls_on_a_study_day_between_start_and_end(data):
    allowed = set(planning.study_dates(data.start, data.end, data.study_days))

    items = generate_plan(data)

    assert items
    assert {item.date for item in items} <= allowed
    assert all(data.start <= item.date <= data.end for item in items)


@PROPERTY_SETTINGS
@given(learners())
def test_no_day_holds_more_minutes_than_the_learner_gave_unless_one_task_stands_alone(data):
    by_day = defaultdict(list)
    for item in generate_plan(data):
        by_day[item.date].append(item.minutes)

    for minutes in by_day.values():
        # Only a day shorter than one session holds more: one minimum session, alone.
        assert sum(minutes) <= data.minutes_per_day or minutes == [MIN_SESSION_MINUTES]


@PROPERTY_SETTINGS
@given(learners())
def test_a_lesson_is_whole_or_as_long_as_the_day_and_never_below_the_minimum_session(data):
    own, essentials = own_minutes(), essential_keys()

    for item in generate_plan(data):
        if item.lesson is None:
            continue
        estimate = own[(item.topic, item.lesson)]
        assert item.minutes >= min(estimate, MIN_SESSION_MINUTES)
        if item.key not in essentials:  # only essentials shrink, to share the days there are
            assert item.minutes == planning.session_minutes(estimate, data.minutes_per_day)


@PROPERTY_SETTINGS
@given(learners())
def test_what_compression_leaves_out_is_listed_and_every_task_is_planned_or_listed_once(data):
    outcome = build_plan(data)
    planned = [i.key for i in outcome.items if not i.key.startswith("extra-")]
    left_out = [x.key for x in outcome.left_out]

    assert not set(planned) & set(left_out)
    assert sorted(planned + left_out) == sorted(every_task_key(data))


@PROPERTY_SETTINGS
@given(learners())
def test_compression_keeps_the_first_lessons_of_a_topic_in_order(data):
    _, topics = plan_material()
    items = generate_plan(data)

    for slug in study_topic_slugs():
        kept = [i.lesson for i in items if i.topic == slug and i.activity == "study"]
        assert kept == [x.slug for x in topics[slug].lessons][: len(kept)]


@PROPERTY_SETTINGS
@given(learners())
def test_nothing_is_left_out_when_there_is_time_for_everything(data):
    # Room for all, and a longest task's worth a day for the gaps whole tasks leave.
    days = len(planning.study_dates(data.start, data.end, data.study_days))
    longest = planning.session_minutes(max(own_minutes().values()), data.minutes_per_day)
    assume(capacity(data) >= demand(data) + days * longest)

    outcome = build_plan(data)

    assert outcome.left_out == []


@PROPERTY_SETTINGS
@given(learners())
def test_every_item_has_its_own_key(data):
    keys = [item.key for item in generate_plan(data)]

    assert len(keys) == len(set(keys))


@PROPERTY_SETTINGS
@given(learners())
def test_behavioural_practice_a_mock_interview_and_the_final_review_stay_when_days_hold_them(data):
    activities = {item.activity for item in generate_plan(data)}

    assert "final-review" in activities
    if sessions(data) >= len(ESSENTIAL_ACTIVITIES):
        assert activities >= ESSENTIAL_ACTIVITIES


@PROPERTY_SETTINGS
@given(learners())
def test_every_template_topic_is_in_the_plan_when_there_is_time_for_the_template(data):
    assume(capacity(data) >= demand(data))

    topics = {item.topic for item in generate_plan(data)}

    assert topics >= template_topics()


@PROPERTY_SETTINGS
@given(learners())
def test_the_same_situation_always_gives_the_same_plan(data):
    assert generate_plan(data) == generate_plan(data)


@PROPERTY_SETTINGS
@given(learners(), st.randoms(use_true_random=False))
def test_items_already_done_or_skipped_are_never_planned_again(data, random):
    first = generate_plan(data)
    excluded = frozenset(random.sample([i.key for i in first], k=len(first) // 3))

    again = build_plan(planning.PlanInput(**{**data.__dict__, "exclude": excluded}))

    assert not excluded & {item.key for item in again.items}
    assert not excluded & {task.key for task in again.left_out}


@PROPERTY_SETTINGS
@given(learners(with_booked=True))
def test_minutes_already_booked_on_a_day_count_against_that_day(data):
    planned = minutes_by_day(generate_plan(data))

    for day, minutes in planned.items():
        booked = data.booked.get(day, 0)
        # A task longer than the whole day only goes onto a day with nothing booked.
        assert booked + minutes <= data.minutes_per_day or (
            booked == 0 and minutes == MIN_SESSION_MINUTES
        )


# --- examples ---------------------------------------------------------------------------

MONDAY = date(2025, 3, 3)


def test_an_interview_tomorrow_gives_one_day_with_the_essentials():
    end = planning.default_end(MONDAY, MONDAY + timedelta(days=1))

    items = generate_plan(plan_input(MONDAY, end, minutes=60))

    assert {item.date for item in items} == {MONDAY}
    assert {item.activity for item in items} >= ESSENTIAL_ACTIVITIES
    assert sum(item.minutes for item in items) <= 60


def test_an_interview_in_six_months_spreads_work_over_the_whole_span():
    interview = MONDAY + timedelta(days=182)
    end = planning.default_end(MONDAY, interview)

    items = generate_plan(plan_input(MONDAY, end, study_days=range(5), minutes=60))

    weeks_with_work = {(item.date - MONDAY).days // 7 for item in items}
    assert weeks_with_work == set(range(26))
    assert (
        max(item.date for item in items)
        == planning.study_dates(MONDAY, end, frozenset(range(5)))[-1]
    )
    assert any(item.key.startswith("extra-practice:") for item in items)
    assert any(item.key.startswith("extra-review:") for item in items)
    assert {item.topic for item in items} >= template_topics()


def test_with_one_study_day_a_week_everything_lands_on_that_day():
    wednesday = 2

    items = generate_plan(plan_input(MONDAY, MONDAY + timedelta(27), [wednesday], 120))

    assert {item.date.weekday() for item in items} == {wednesday}
    assert len({item.date for item in items}) == 4
    assert max(minutes_by_day(items).values()) <= 120
    assert {item.activity for item in items} >= ESSENTIAL_ACTIVITIES


def test_fifteen_minutes_a_day_gives_one_minimum_session_a_day_and_keeps_the_essentials():
    items = generate_plan(plan_input(MONDAY, MONDAY + timedelta(27), range(7), 15))

    by_day = defaultdict(list)
    for item in items:
        by_day[item.date].append(item.minutes)
    # A quarter of an hour is shorter than any session: one lesson a day, not slivers.
    assert set(map(tuple, by_day.values())) == {(MIN_SESSION_MINUTES,)}
    assert len(by_day) == 28
    assert {item.activity for item in items} >= ESSENTIAL_ACTIVITIES


def test_without_an_interview_date_the_plan_runs_four_weeks():
    end = planning.default_end(MONDAY, None)

    items = generate_plan(plan_input(MONDAY, end, range(5), 60))

    assert end == MONDAY + timedelta(days=27)
    assert min(item.date for item in items) == MONDAY
    assert max(item.date for item in items) > MONDAY + timedelta(days=21)
    assert {item.topic for item in items} >= template_topics()


def _lesson_minutes(items, topic: str) -> int:
    return sum(i.minutes for i in items if i.topic == topic and i.activity == "study")


def _lessons(items, topic: str) -> list[str]:
    return [i.lesson for i in items if i.topic == topic and i.activity == "study"]


@pytest.mark.parametrize("minutes", [60, 90])
def test_a_strong_topic_gives_up_lessons_before_a_weak_one_when_time_is_short(minutes):
    neutral = dict.fromkeys(study_topic_slugs(), 3)
    four_weeks = (MONDAY, MONDAY + timedelta(27), range(5), minutes)

    strong = build_plan(plan_input(*four_weeks, ratings={**neutral, "advanced-python": 5}))
    weak = build_plan(plan_input(*four_weeks, ratings={**neutral, "advanced-python": 1}))

    assert len(_lessons(strong.items, "advanced-python")) < len(
        _lessons(weak.items, "advanced-python")
    )
    assert _lesson_minutes(strong.items, "advanced-python") < _lesson_minutes(
        weak.items, "advanced-python"
    )
    left_out = {x.lesson for x in strong.left_out if x.topic == "advanced-python"}
    assert (
        set(_lessons(weak.items, "advanced-python"))
        - set(_lessons(strong.items, "advanced-python"))
        <= left_out
    )


def test_under_compression_a_strong_topic_gets_less_than_a_weak_topic_of_the_same_length():
    # Both topics fill two template days with six lessons.
    ratings = {
        **dict.fromkeys(study_topic_slugs(), 3),
        "data-structures-algorithms": 5,
        "oop-design-patterns": 1,
    }

    items = generate_plan(plan_input(MONDAY, MONDAY + timedelta(27), range(5), 60, ratings=ratings))

    assert _lesson_minutes(items, "data-structures-algorithms") < _lesson_minutes(
        items, "oop-design-patterns"
    )


def test_an_hour_a_day_over_three_weeks_gives_sessions_of_whole_lessons():
    """The case seen: 60 minutes a day, three weeks to the interview, Monday to Friday. It
    used to give six 10-minute slices of 20-50-minute lessons a day."""
    wednesday = MONDAY + timedelta(days=2)
    end = planning.default_end(wednesday, wednesday + timedelta(days=21))
    own = own_minutes()

    outcome = build_plan(plan_input(wednesday, end, range(5), 60))

    lessons = [i for i in outcome.items if i.lesson]
    assert {i.minutes for i in lessons} == {own[(i.topic, i.lesson)] for i in lessons}
    assert all(i.minutes == own[(i.topic, i.lesson)] for i in lessons)
    assert min(i.minutes for i in outcome.items) >= MIN_SESSION_MINUTES
    per_day = defaultdict(int)
    for item in lessons:
        per_day[item.date] += 1
    assert max(per_day.values()) <= 2  # one or two whole lessons a day
    assert max(minutes_by_day(outcome.items).values()) <= 60
    # What did not fit is listed, whole, to be added back when time allows.
    assert {x.activity for x in outcome.left_out} >= {"study", "review", "practice"}
    assert all(x.minutes == own[(x.topic, x.lesson)] for x in outcome.left_out if x.lesson)


def test_a_lesson_longer_than_the_day_is_capped_at_the_day_but_not_below_the_minimum():
    assert planning.session_minutes(90, 60) == 60
    assert planning.session_minutes(45, 30) == 30
    assert planning.session_minutes(45, 15) == MIN_SESSION_MINUTES
    assert planning.session_minutes(10, 15) == 10  # a short task keeps its own length
    assert planning.session_minutes(40, 120) == 40


def test_with_room_for_everything_nothing_is_left_out():
    outcome = build_plan(plan_input(MONDAY, MONDAY + timedelta(days=182), range(5), 60))

    assert outcome.left_out == []


def test_review_weak_days_take_the_weak_areas_given_first():
    weak_areas = ("databases-sql", "system-design", "concurrency-async", "python-fundamentals")

    items = generate_plan(
        plan_input(MONDAY, MONDAY + timedelta(27), range(7), 120, weak_areas=weak_areas)
    )

    reviewed = [i.topic for i in items if i.activity == "review-weak"]
    assert reviewed[:4] == list(weak_areas)


def test_without_weak_areas_review_weak_days_take_the_lowest_rated_topics():
    ratings = {**dict.fromkeys(study_topic_slugs(), 4), "databases-sql": 1, "system-design": 2}

    items = generate_plan(
        plan_input(MONDAY, MONDAY + timedelta(27), range(7), 120, ratings=ratings)
    )

    reviewed = [i.topic for i in items if i.activity == "review-weak"]
    assert reviewed[:2] == ["databases-sql", "system-design"]


def test_when_no_study_day_falls_in_the_span_the_last_day_is_the_one_chance():
    wednesday = MONDAY + timedelta(days=2)
    saturday_only = [5]

    items = generate_plan(plan_input(MONDAY, wednesday, saturday_only, 60))

    assert {item.date for item in items} == {wednesday}
    assert {item.activity for item in items} >= ESSENTIAL_ACTIVITIES


# --- catch-up ---------------------------------------------------------------------------


def test_catch_up_puts_each_missed_item_on_the_first_day_with_room_in_order():
    tue, wed = date(2025, 3, 4), date(2025, 3, 5)

    moved = catch_up_schedule([(1, 30), (2, 30), (3, 20)], [(tue, 40), (wed, 60)])

    assert moved == {1: tue, 2: wed, 3: wed}


def test_catch_up_never_fills_a_day_beyond_its_free_minutes():
    tue, wed = date(2025, 3, 4), date(2025, 3, 5)
    missed = [(n, 25) for n in range(10)]
    free = [(tue, 60), (wed, 50)]

    moved = catch_up_schedule(missed, free)

    used = defaultdict(int)
    for item_id, day in moved.items():
        used[day] += dict(missed)[item_id]
    assert used == {tue: 50, wed: 50}


def test_catch_up_leaves_out_what_fits_nowhere():
    tue = date(2025, 3, 4)

    moved = catch_up_schedule([(1, 90), (2, 30)], [(tue, 60)])

    assert moved == {2: tue}


@pytest.mark.parametrize(
    ("missed", "free"),
    [([], [(date(2025, 3, 4), 60)]), ([(1, 30)], []), ([(1, 30)], [(date(2025, 3, 4), 0)])],
    ids=["nothing-missed", "no-day-left", "no-free-minutes"],
)
def test_catch_up_with_nothing_missed_or_no_free_day_moves_nothing(missed, free):
    assert catch_up_schedule(missed, free) == {}
