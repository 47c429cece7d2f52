"""What the plan pages show a new learner: items that link to their lesson, each day's
minutes, what compression left out (and adding it back), the next study day on a day off
(and starting now), one meaning of "this week", and editing self-ratings and the interview
choice in settings.

The clock is pinned (tests/conftest.py) at Wednesday 5 March 2025, 10:00 UTC."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from curriculum.models import Topic
from progress.plans import services
from progress.plans.models import Plan, PlanItem, Schedule, TopicRating
from tests.factories import InterviewFactory, UserFactory, onboard

from .markup import error_next_to, messages_of, parse

TODAY = date(2025, 3, 5)  # a Wednesday
THURSDAY = TODAY + timedelta(days=1)


@pytest.fixture
def plan(learner, curriculum):
    """An hour a day, Monday to Friday, three weeks to the interview: a compressed plan."""
    return onboard(
        learner,
        TODAY,
        interview_date=TODAY + timedelta(days=21),
        study_days=frozenset(range(5)),
        minutes_per_day=60,
    )


@pytest.fixture
def day_off(learner, curriculum):
    """Signed up today, a Wednesday, studying on Mondays, Thursdays and Fridays."""
    return onboard(learner, TODAY, study_days=frozenset({0, 3, 4}))


# --- items link to their lesson, days show their minutes ---------------------------------


@pytest.mark.parametrize("url", ["/", "/plan/"])
def test_a_lesson_item_links_to_its_lesson_on_the_topic_page(learner_client, plan, url):
    page = parse(learner_client.get(url))
    item = plan.items.filter(date=TODAY, lesson__isnull=False).select_related("topic", "lesson")[0]

    title = page.by_id(f"item-{item.pk}").find("div", class_="item-title")

    assert title.find("a").attrs["href"] == f"/topics/{item.topic.slug}/#{item.lesson.slug}"
    assert title.text == item.title


def test_an_item_without_a_lesson_has_no_lesson_link(learner_client, plan):
    review = plan.items.filter(lesson__isnull=True).first()

    page = parse(learner_client.get("/plan/"))

    assert page.by_id(f"item-{review.pk}").find("div", class_="item-title").find_all("a") == []


def test_each_day_on_the_plan_page_shows_its_minutes_without_skipped_items(learner_client, plan):
    skipped = plan.items.filter(date=THURSDAY).first()
    services.plan_item_skip(item=skipped, reason="Know it")

    # The page shows one week in full at a time: walk them all.
    weeks = len(parse(learner_client.get("/plan/")).find_all("section", class_="week-summary")) + 1
    shown = []
    for number in range(1, weeks + 1):
        page = parse(learner_client.get(f"/plan/?week={number}"))
        headings = page.find_all("h3", class_="day-heading")
        shown += [h.find("span", class_="day-minutes").text for h in headings]
    expected = []
    for day in sorted(set(plan.items.values_list("date", flat=True))):
        items = plan.items.filter(date=day).exclude(status="skipped")
        expected.append(f"· {sum(i.minutes for i in items)} min")
    assert shown == expected
    assert len(shown) == 15


# --- what was left out ---------------------------------------------------------------------


def test_the_plan_page_lists_every_left_out_task_with_a_button_to_add_it_back(learner_client, plan):
    page = parse(learner_client.get("/plan/"))

    section = page.by_id("left-out")
    keys = [i.attrs["value"] for i in section.find_all("input", name="key")]
    assert keys == [t["key"] for t in sorted(plan.left_out, key=_group_order(plan))]
    assert len(section.find_all("button", type="submit")) == len(plan.left_out)


def _group_order(plan):
    """Tasks grouped by topic, groups in the order their first task comes."""
    first = {}
    for n, task in enumerate(plan.left_out):
        first.setdefault(task["topic"], n)
    return lambda task: (first[task["topic"]], plan.left_out.index(task))


def test_a_plan_with_nothing_left_out_has_no_left_out_section(learner, learner_client, curriculum):
    onboard(learner, TODAY, interview_date=TODAY + timedelta(days=180), minutes_per_day=90)

    page = parse(learner_client.get("/plan/"))

    assert page.find_all(id="left-out") == []


def test_adding_back_a_lesson_says_where_it_went_and_shows_it_in_the_plan(learner_client, plan):
    task = next(t for t in plan.left_out if t["lesson"] and t["minutes"] <= 25)

    response = learner_client.post("/plan/left-out/add/", {"key": task["key"]}, follow=True)

    item = plan.items.get(key=task["key"])
    assert response.redirect_chain == [(f"/plan/#item-{item.pk}", 302)]
    day = f"{item.date:%A} {item.date.day} {item.date:%B}"
    assert messages_of(response) == [("success", f"“{task['title']}” added to {day}.")]
    row = parse(response).by_id(f"item-{item.pk}")
    assert "added back" in row.find("div", class_="item-meta").text
    assert task["key"] not in [
        i.attrs["value"] for i in parse(response).by_id("left-out").find_all("input", name="key")
    ]


def test_adding_back_a_task_twice_says_it_is_no_longer_left_out(learner_client, plan):
    key = plan.left_out[0]["key"]
    learner_client.post("/plan/left-out/add/", {"key": key}, follow=True)

    response = learner_client.post("/plan/left-out/add/", {"key": key}, follow=True)

    assert response.redirect_chain == [("/plan/#left-out", 302)]
    assert messages_of(response) == [("warning", "That is no longer left out of your plan.")]
    assert plan.items.filter(key=key).count() == 1


def test_nobody_adds_back_into_another_learners_plan(plan, other_learner, curriculum):
    onboard(other_learner, TODAY)
    client = Client()
    client.force_login(other_learner)
    key = plan.left_out[0]["key"]

    client.post("/plan/left-out/add/", {"key": key})

    assert not plan.items.filter(key=key).exists()


# --- a day off -----------------------------------------------------------------------------


def test_on_a_day_off_the_today_view_shows_the_next_study_days_work(learner_client, day_off):
    thursday = list(day_off.items.filter(date=THURSDAY).values_list("pk", flat=True))

    page = parse(learner_client.get("/"))

    section = page.find("section", id="next-day")
    assert section.by_id("next-day-heading").text == "Next: Thursday 6 March"
    assert section.item_ids() == thursday
    assert page.find("form", id="start-now").find("button").text == (
        "Start now: move Thursday's work to today"
    )
    assert page.find("p", class_="empty").text == "Nothing planned for today."


def test_on_a_day_off_this_week_counts_the_plans_first_week_not_an_empty_one(
    learner_client, day_off
):
    page = parse(learner_client.get("/"))

    week = day_off.items.filter(date__lte=TODAY + timedelta(days=6)).count()
    assert week > 0
    label = page.find(**{"data-stat": "week"}).parent.find("span", class_="stat-label").text
    assert label == (f"this week of your plan, week 1: Wed 5 Mar to Tue 11 Mar (0 of {week})")


def test_starting_now_moves_the_next_study_days_work_to_today(learner_client, day_off):
    thursday = list(day_off.items.filter(date=THURSDAY).values_list("pk", flat=True))

    response = learner_client.post("/plan/start-now/", follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert messages_of(response) == [
        ("success", f"{len(thursday)} items from Thursday 6 March moved to today.")
    ]
    assert parse(response).by_id("today-items").item_ids() == thursday


def test_with_todays_work_done_the_next_study_day_shows_without_a_move_button(
    learner_client, learner, curriculum
):
    plan = onboard(learner, TODAY)
    for item in plan.items.filter(date=TODAY):
        services.plan_item_set_done(item=item, done=True)

    page = parse(learner_client.get("/"))

    assert page.by_id("next-day-heading").text == "Next: Thursday 6 March"
    assert page.find_all(id="start-now") == []


def test_a_study_day_with_work_to_do_shows_no_next_day_section(learner_client, learner, curriculum):
    onboard(learner, TODAY)

    page = parse(learner_client.get("/"))

    assert page.find_all(id="next-day") == []
    assert page.by_id("today-items").item_ids()


def _queries(client) -> int:
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured.captured_queries)


def test_the_day_off_view_costs_the_same_queries_for_a_short_and_a_long_plan(
    learner, other_learner, curriculum
):
    days = frozenset({0, 3, 4})
    onboard(learner, TODAY, study_days=days)
    onboard(other_learner, TODAY, study_days=days, interview_date=TODAY + timedelta(180))
    clients = []
    for user in (learner, other_learner):
        client = Client()
        client.force_login(user)
        clients.append(client)

    assert _queries(clients[0]) == _queries(clients[1])


# --- "this week" means the week of the plan, everywhere -----------------------------------


def test_this_week_on_the_today_view_is_the_plan_week(learner, learner_client, curriculum):
    # Began on a Saturday: the plan's second week runs Saturday 8 to Friday 14 March... and
    # today, Wednesday 5 March, is in its first week, Saturday 1 to Friday 7 March.
    plan = onboard(learner, date(2025, 3, 1))

    page = parse(learner_client.get("/"))

    week = plan.items.filter(date__range=(date(2025, 3, 1), date(2025, 3, 7)))
    label = page.find(**{"data-stat": "week"}).parent.find("span", class_="stat-label").text
    assert label == f"this week of your plan, week 1: Sat 1 Mar to Fri 7 Mar (0 of {week.count()})"


def test_the_progress_page_says_its_weeks_are_weeks_of_the_plan(
    learner, learner_client, curriculum
):
    onboard(learner, date(2025, 3, 1))

    page = parse(learner_client.get("/progress/"))

    assert page.by_id("weekly-heading").parent.find("p", class_="muted").text == (
        "Weeks are weeks of your plan: week 1 starts on its first day, Saturday 1 Mar. "
        "This is week 1, Sat 1 Mar to Fri 7 Mar."
    )


# --- settings: ratings and following the next interview -----------------------------------


def ratings_data(rating: int | None = 3, **overrides) -> dict:
    data = {"section": "ratings"}
    for topic in Topic.objects.filter(kind="study", retired=False):
        if rating is not None:
            data[f"rating_{topic.pk}"] = str(rating)
    data.update(overrides)
    return data


def test_settings_show_the_current_ratings(learner, learner_client, curriculum):
    topic = Topic.objects.get(slug="databases-sql")
    onboard(learner, TODAY, ratings={topic.pk: 2})

    page = parse(learner_client.get("/settings/"))

    checked = [
        i.attrs["value"]
        for i in page.by_id("ratings").find_all("input", name=f"rating_{topic.pk}")
        if "checked" in i.attrs
    ]
    assert checked == ["2"]


def test_saving_ratings_stores_them_and_rebuilds_the_plan(learner_client, learner, curriculum):
    topic = Topic.objects.get(slug="advanced-python")
    plan = onboard(
        learner,
        TODAY,
        interview_date=TODAY + timedelta(days=28),
        study_days=frozenset(range(5)),
        minutes_per_day=90,
        ratings={topic.pk: 1},
    )
    before = plan.items.filter(topic=topic, activity="study").count()

    response = learner_client.post(
        "/settings/", ratings_data(1, **{f"rating_{topic.pk}": "5"}), follow=True
    )

    assert response.redirect_chain == [("/settings/#ratings", 302)]
    assert messages_of(response) == [
        ("success", "Ratings saved. The plan was rebuilt from today; everything done is kept.")
    ]
    assert TopicRating.objects.get(user=learner, topic=topic).rating == 5
    assert plan.items.filter(topic=topic, activity="study").count() < before


def test_a_missing_rating_is_refused_next_to_the_topic_and_nothing_is_saved(
    learner_client, learner, plan
):
    topic = Topic.objects.get(slug="advanced-python")
    data = ratings_data(4)
    data.pop(f"rating_{topic.pk}")

    response = learner_client.post("/settings/", data)

    assert response.status_code == 422
    assert error_next_to(response, f"id_rating_{topic.pk}") == "Rate this topic from 1 to 5."
    assert not TopicRating.objects.filter(user=learner, rating=4).exists()


def schedule_data(**overrides) -> dict:
    data = {
        "section": "schedule",
        "interview_date": (TODAY + timedelta(days=21)).isoformat(),
        "start_date": TODAY.isoformat(),
        "target_role": "",
        "study_days": ["0", "1", "2", "3", "4"],
        "minutes_per_day": "60",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_following_interviews_from_settings_ends_the_plan_before_the_next_one(
    learner_client, learner, plan
):
    InterviewFactory(user=learner, scheduled_at=datetime(2025, 3, 17, 14, tzinfo=UTC))

    # The date typed in the form is ignored, even one in the past.
    response = learner_client.post(
        "/settings/", schedule_data(interview_date="2025-03-01", follows_interviews="on")
    )

    assert response.status_code == 302
    schedule = Schedule.objects.get(user=learner)
    assert (schedule.follows_interviews, schedule.interview_date) == (True, date(2025, 3, 17))
    assert Plan.objects.get(pk=plan.pk).end_date == date(2025, 3, 16)
    page = parse(learner_client.get("/settings/"))
    assert "checked" in page.find("input", name="follows_interviews").attrs


def test_onboarding_does_not_offer_to_follow_interviews(client, curriculum):
    user = UserFactory(email="new@example.com")
    client.force_login(user)

    page = parse(client.get("/onboarding/"))

    assert page.find_all("input", name="follows_interviews") == []


def test_a_plan_item_shows_it_was_moved_when_started_early(learner_client, day_off):
    learner_client.post("/plan/start-now/")

    page = parse(learner_client.get("/"))

    moved = PlanItem.objects.filter(plan=day_off, date=TODAY)
    for item in moved:
        assert "moved from 6 Mar" in page.by_id(f"item-{item.pk}").text
