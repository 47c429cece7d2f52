"""The learner's plan pages, item endpoints, onboarding and settings: who may see and change
what, htmx and plain posts, stale pages, and bad input that keeps what was typed and says
what is wrong next to the field.

The clock is pinned (tests/conftest.py) at Wednesday 5 March 2025, 10:00 UTC."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from html import escape

import pytest
from django.test import Client

from curriculum.models import Topic
from progress.plans import services
from progress.plans.models import PlanItem, Schedule, TopicRating
from tests.factories import onboard

from .markup import error_next_to, messages_of, parse

TODAY = date(2025, 3, 5)  # a Wednesday
TICKED_AT = datetime(2025, 3, 5, 10, tzinfo=UTC)
PLAN_PAGES = ["/", "/plan/", "/progress/"]
ITEM_ENDPOINTS = ["done", "undo", "note", "skip"]
CONFLICT = (
    "“{title}” is now done: it changed in another tab or device, so nothing was changed here."
)


@pytest.fixture
def plan(learner, curriculum):
    """Onboarded on Monday (two days ago), so there is work for today and some overdue."""
    return onboard(learner, TODAY - timedelta(days=2), interview_date=TODAY + timedelta(days=21))


@pytest.fixture
def item(plan):
    return plan.items.filter(date=TODAY).order_by("position").first()


@pytest.fixture
def others_item(other_learner, curriculum):
    return onboard(other_learner, TODAY).items.filter(date=TODAY, topic__isnull=False).first()


@pytest.fixture
def planless_client(planless_user, curriculum):
    """Signed in, never onboarded."""
    client = Client()
    client.force_login(planless_user)
    return client


def htmx(client, url, data=None, current="/"):
    return client.post(
        url,
        data or {},
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{current}"},
    )


def fresh(item: PlanItem) -> PlanItem:
    return PlanItem.objects.get(pk=item.pk)


def state(item: PlanItem) -> tuple:
    item = fresh(item)
    return (item.status, item.completed_at, item.skip_reason, item.note)


# --- pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Today, Wednesday 5 March"),
        ("/plan/", "My plan"),
        ("/progress/", "Progress"),
        ("/settings/", "Settings"),
    ],
)
def test_an_onboarded_learner_opens_each_of_their_pages(learner_client, plan, url, heading):
    response = learner_client.get(url)

    assert response.status_code == 200
    assert parse(response).find("h1").text == heading


def test_today_lists_exactly_todays_items_in_order(learner_client, plan):
    response = learner_client.get("/")

    expected = list(plan.items.filter(date=TODAY).values_list("pk", flat=True))
    assert len(expected) > 0
    assert parse(response).by_id("today-items").item_ids() == expected


def test_today_counts_all_overdue_items_and_lists_the_first_ten(
    learner, learner_client, curriculum
):
    plan = onboard(learner, TODAY - timedelta(days=9), interview_date=TODAY + timedelta(days=21))
    overdue = list(plan.items.filter(date__lt=TODAY).values_list("pk", flat=True))
    assert len(overdue) > 10

    page = parse(learner_client.get("/"))

    section = page.find("section", **{"aria-labelledby": "overdue-heading"})
    assert section.by_id("overdue-heading").find("span", class_="badge").text == str(len(overdue))
    assert section.item_ids() == overdue[:10]


def test_today_lists_every_overdue_item_when_there_are_ten_or_fewer(learner_client, plan):
    overdue = list(plan.items.filter(date__lt=TODAY).values_list("pk", flat=True))
    services.plan_item_set_done(item=PlanItem.objects.get(pk=overdue[0]), done=True)

    section = parse(learner_client.get("/")).find(
        "section", **{"aria-labelledby": "overdue-heading"}
    )

    assert 1 < len(overdue) <= 11
    badge = section.by_id("overdue-heading").find("span", class_="badge").text
    assert badge == str(len(overdue) - 1)
    assert section.item_ids() == overdue[1:]


def test_today_without_overdue_work_has_no_overdue_section(learner_client, plan):
    for item in plan.items.filter(date__lt=TODAY):
        services.plan_item_set_done(item=item, done=True)

    page = parse(learner_client.get("/"))

    assert page.find_all(id="overdue-heading") == []


def test_today_counts_the_days_to_the_interview(learner_client, plan):
    page = parse(learner_client.get("/"))

    assert page.find(**{"data-stat": "days-left"}).text == "21"


def test_the_plan_page_has_one_section_per_week_of_the_plan(learner_client, plan):
    page = parse(learner_client.get("/plan/"))

    weeks = [
        s.attrs["id"] for s in page.find_all("section") if s.attrs.get("id", "")[:5] == "week-"
    ]
    assert weeks == ["week-1", "week-2", "week-3", "week-4"]  # 3 to 25 March


def test_the_plan_page_counts_the_items_of_each_week(learner_client, plan):
    page = parse(learner_client.get("/plan/"))

    # Each week in full on its own page (?week=N); every week's count in the headings.
    shown = [
        len(parse(learner_client.get(f"/plan/?week={n}")).by_id(f"week-{n}").item_ids())
        for n in range(1, 5)
    ]
    per_week = [
        plan.items.filter(
            date__range=(
                plan.start_date + timedelta(weeks=n),
                plan.start_date + timedelta(weeks=n, days=6),
            )
        ).count()
        for n in range(4)
    ]
    assert shown == per_week
    assert [page.by_id(f"week-{n}-heading").find("span").text for n in range(1, 5)] == [
        f"{(plan.start_date + timedelta(weeks=n)):%a %-d %b} to "
        f"{(plan.start_date + timedelta(weeks=n, days=6)):%a %-d %b} · 0 of {count} done"
        for n, count in enumerate(per_week)
    ]


def test_the_plan_page_marks_today_and_only_today(learner_client, plan):
    page = parse(learner_client.get("/plan/"))

    minutes = sum(plan.items.filter(date=TODAY).values_list("minutes", flat=True))
    assert [h.text for h in page.find_all("h3", class_="is-today")] == [
        f"Wednesday 5 Mar (today) · {minutes} min"
    ]


def test_the_plan_page_lists_every_item_of_the_plan_a_week_at_a_time(learner_client, plan):
    shown = []
    for number in range(1, 5):
        shown += parse(learner_client.get(f"/plan/?week={number}")).item_ids()

    assert shown == list(plan.items.values_list("pk", flat=True))


def test_the_plan_page_opens_at_the_current_week_with_the_others_as_summaries(learner_client, plan):
    page = parse(learner_client.get("/plan/"))

    week_of_today = (TODAY - plan.start_date).days // 7 + 1
    current = page.by_id(f"week-{week_of_today}")
    assert "week-summary" not in current.classes
    assert current.item_ids() == list(
        plan.items.filter(
            date__range=(
                plan.start_date + timedelta(weeks=week_of_today - 1),
                plan.start_date + timedelta(weeks=week_of_today - 1, days=6),
            )
        ).values_list("pk", flat=True)
    )
    # Only the current week's items are on the page; the others open on demand.
    assert page.item_ids() == current.item_ids()
    others = page.find_all("section", class_="week-summary")
    assert [s.attrs["id"] for s in others] == [
        f"week-{n}" for n in range(1, 5) if n != week_of_today
    ]
    for summary in others:
        link = summary.find("a")
        number = summary.attrs["id"].removeprefix("week-")
        assert link.attrs["href"] == f"?week={number}#week-{number}"
        assert link.attrs["hx-get"] == f"?week={number}"
        assert link.attrs["hx-target"] == f"#week-{number}"


def test_an_htmx_request_for_a_week_gets_only_that_week(learner_client, plan):
    response = learner_client.get("/plan/?week=3", headers={"hx-request": "true"})

    assert response.status_code == 200
    page = parse(response)
    assert page.find_all("h1") == []  # no page around it
    assert page.by_id("week-3").item_ids() == list(
        plan.items.filter(
            date__range=(
                plan.start_date + timedelta(weeks=2),
                plan.start_date + timedelta(weeks=2, days=6),
            )
        ).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("week", ["0", "99", "two", "-1", ""])
def test_a_week_that_is_not_in_the_plan_shows_the_current_week(learner_client, plan, week):
    default = parse(learner_client.get("/plan/")).item_ids()

    response = learner_client.get(f"/plan/?week={week}")

    assert response.status_code == 200
    assert parse(response).item_ids() == default


def test_a_rows_note_and_skip_forms_load_when_opened(learner_client, plan, item):
    """Rows carry one form (the tick); the note and skip forms come when a row is opened."""
    page = parse(learner_client.get("/plan/"))
    row = page.by_id(f"item-{item.pk}")
    assert len(row.find_all("form")) == 1
    loader = row.find("details", class_="item-actions").find("div")
    assert loader.attrs["hx-get"] == f"/items/{item.pk}/edit/?next=/plan/"
    assert loader.attrs["hx-trigger"] == "toggle from:closest details once"

    forms = parse(learner_client.get(loader.attrs["hx-get"], headers={"hx-request": "true"}))
    assert forms.find_all("h1") == []
    assert forms.find("textarea", name="note").attrs["id"] == f"note-{item.pk}"
    assert forms.find("input", name="reason").attrs["id"] == f"skip-{item.pk}"
    assert {f.find("input", name="next").attrs["value"] for f in forms.find_all("form")} == {
        "/plan/"
    }


def test_without_script_a_rows_forms_open_on_a_page_of_their_own(learner_client, plan, item):
    page = parse(learner_client.get("/plan/"))
    link = page.by_id(f"item-{item.pk}").find("details", class_="item-actions").find("a")

    response = learner_client.get(link.attrs["href"])

    assert response.status_code == 200
    forms = parse(response)
    assert forms.find("h1").text == item.title
    assert forms.find("textarea", name="note") is not None
    assert forms.find_all("a")[-1].attrs["href"] == "/plan/"  # back where the learner was
    assert "Please correct" not in response.content.decode()


def test_the_progress_page_shows_overall_completion(learner_client, plan, item):
    services.plan_item_set_done(item=item, done=True)

    page = parse(learner_client.get("/progress/"))

    total = plan.items.exclude(status="skipped").count()
    percent = round(100 / total)
    assert page.find("p", class_="lead").text == (f"1 of {total} planned items done ({percent}%).")


def test_the_progress_page_draws_one_pair_of_bars_per_week(learner_client, plan):
    page = parse(learner_client.get("/progress/"))

    chart = page.find("svg", class_="chart")
    assert len(chart.find_all("rect", class_="bar-planned")) == 4
    assert len(chart.find_all("rect", class_="bar-done")) == 4


def test_the_landing_page_invites_anonymous_visitors_to_sign_up(client, db):
    response = client.get("/")

    assert response.status_code == 200
    links = [a for a in parse(response).find_all("a") if a.text == "Create your plan"]
    assert [a.attrs["href"] for a in links] == ["/accounts/signup/"]


@pytest.mark.parametrize(
    "url",
    ["/plan/", "/progress/", "/settings/", "/onboarding/", "/topics/python-fundamentals/mine/"],
)
def test_anonymous_visitors_are_sent_to_log_in(client, curriculum, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", PLAN_PAGES)
def test_a_user_without_a_plan_is_sent_to_onboarding_from_pages_that_need_one(planless_client, url):
    response = planless_client.get(url)

    assert response.status_code == 302
    assert response.url == "/onboarding/"


def test_an_id_longer_than_18_digits_is_not_found(learner_client, plan):
    response = learner_client.post("/items/1234567890123456789/done/")

    assert response.status_code == 404


# --- my progress on a topic ---------------------------------------------------------------


def topic_panel(client, slug: str):
    return client.get(f"/topics/{slug}/mine/", headers={"HX-Request": "true"})


def test_my_progress_panel_lists_my_items_on_that_topic(learner_client, plan):
    topic = plan.items.filter(topic__isnull=False).first().topic

    response = topic_panel(learner_client, topic.slug)

    assert response.status_code == 200
    expected = list(plan.items.filter(topic=topic).values_list("pk", flat=True))
    assert parse(response).item_ids() == expected


def test_my_progress_panel_says_how_many_of_my_items_on_the_topic_are_done(learner_client, plan):
    topic = plan.items.filter(topic__isnull=False).first().topic
    mine = list(plan.items.filter(topic=topic))
    services.plan_item_set_done(item=mine[0], done=True)

    page = parse(topic_panel(learner_client, topic.slug))

    plural = "s" if len(mine) != 1 else ""
    expected = f"1 of {len(mine)} planned item{plural} done."
    assert page.find("section").find("p").text == expected


def test_my_progress_panel_never_shows_another_learners_items(learner_client, plan, others_item):
    services.plan_item_set_note(item=others_item, note="Bob's private thoughts")

    response = topic_panel(learner_client, others_item.topic.slug)

    shown = parse(response).item_ids()
    assert shown == list(plan.items.filter(topic=others_item.topic).values_list("pk", flat=True))
    assert others_item.pk not in shown
    assert "Bob's private thoughts" not in parse(response).text


def test_the_topic_page_loads_my_panel_instead_of_showing_my_items(learner_client, plan):
    topic = plan.items.filter(topic__isnull=False).first().topic

    page = parse(learner_client.get(f"/topics/{topic.slug}/"))

    assert page.by_id("my-progress").attrs["hx-get"] == "mine/"
    assert page.item_ids() == []


def test_my_progress_panel_before_onboarding_is_empty(planless_client):
    slug = Topic.objects.filter(kind=Topic.Kind.STUDY).first().slug

    response = topic_panel(planless_client, slug)

    assert response.status_code == 200
    assert response.content.strip() == b""


def test_my_progress_page_without_javascript_before_onboarding_says_there_is_nothing_yet(
    planless_client,
):
    slug = Topic.objects.filter(kind=Topic.Kind.STUDY).first().slug

    page = parse(planless_client.get(f"/topics/{slug}/mine/"))

    texts = [p.text for p in page.find_all("p")]
    assert "Nothing of yours refers to this topic yet." in texts


def test_my_progress_panel_of_an_unknown_topic_is_not_found(learner_client, plan):
    assert topic_panel(learner_client, "no-such-topic").status_code == 404


# --- onboarding ---------------------------------------------------------------------------


def onboarding_data(topics, **overrides) -> dict:
    data = {
        "interview_date": (TODAY + timedelta(days=21)).isoformat(),
        "start_date": TODAY.isoformat(),
        "timezone": "Europe/Berlin",
        "target_role": "Backend wizard",
        "study_days": ["0", "2", "4"],
        "minutes_per_day": "75",
        **{f"rating_{t.pk}": "2" for t in topics},
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def study_topics():
    return list(Topic.objects.filter(kind=Topic.Kind.STUDY, retired=False))


def selected_zone(page) -> list[str]:
    select = page.find("select", name="timezone")
    return [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs]


def test_onboarding_is_shown_until_it_is_done(planless_client):
    response = planless_client.get("/onboarding/")

    assert response.status_code == 200
    form = parse(response).find("form", class_="card")
    assert [b.text for b in form.find_all("button")] == ["Create my plan"]


def test_onboarding_a_second_time_goes_to_settings_instead(learner_client, plan):
    response = learner_client.get("/onboarding/")

    assert response.status_code == 302
    assert response.url == "/settings/"


def test_onboarding_prefills_the_start_date_in_the_form_a_date_picker_accepts(planless_client):
    page = parse(planless_client.get("/onboarding/"))

    assert page.find("input", name="start_date").attrs["value"] == "2025-03-05"


def test_onboarding_preselects_the_users_own_time_zone(planless_user, planless_client):
    planless_user.timezone = "Asia/Tokyo"
    planless_user.save(update_fields=["timezone"])

    page = parse(planless_client.get("/onboarding/"))

    assert selected_zone(page) == ["Asia/Tokyo"]


def test_the_blank_form_drawn_for_one_newcomer_works_for_the_next_with_their_own_token(
    curriculum,
):
    """The blank form is drawn once for everyone in a zone on a date; each browser still
    gets (and must post) a CSRF token of its own."""
    from tests.factories import UserFactory

    def browser_for(email: str) -> Client:
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(UserFactory(email=email, timezone="Europe/Berlin"))
        return browser

    def token_in(response) -> str:
        form = parse(response).find("form", class_="card")
        return form.find("input", name="csrfmiddlewaretoken").attrs["value"]

    first, second = browser_for("ana@example.com"), browser_for("ben@example.com")
    first_token = token_in(first.get("/onboarding/"))
    second_token = token_in(second.get("/onboarding/"))  # the form drawn for the first

    assert first_token != second_token
    data = onboarding_data(study_topics())
    assert (
        second.post("/onboarding/", {**data, "csrfmiddlewaretoken": first_token}).status_code == 403
    )
    response = second.post("/onboarding/", {**data, "csrfmiddlewaretoken": second_token})
    assert (response.status_code, response.url) == (302, "/")


def test_completing_onboarding_lands_on_today_with_a_welcome(planless_client):
    response = planless_client.post("/onboarding/", onboarding_data(study_topics()), follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert messages_of(response) == [("success", "Your plan is ready. Here is today.")]


def test_completing_onboarding_saves_the_schedule_and_builds_the_plan(
    planless_user, planless_client
):
    planless_client.post("/onboarding/", onboarding_data(study_topics()))

    schedule = Schedule.objects.get(user=planless_user)
    assert (
        schedule.interview_date,
        schedule.start_date,
        schedule.target_role,
        schedule.study_days,
        schedule.minutes_per_day,
    ) == (TODAY + timedelta(days=21), TODAY, "Backend wizard", "024", 75)
    weekdays = set(
        PlanItem.objects.filter(plan__user=planless_user).values_list("date__week_day", flat=True)
    )
    assert weekdays == {2, 4, 6}  # Monday, Wednesday, Friday (Sunday is 1)


def test_completing_onboarding_saves_the_ratings_and_the_time_zone(planless_user, planless_client):
    topics = study_topics()

    planless_client.post("/onboarding/", onboarding_data(topics))

    planless_user.refresh_from_db()
    assert planless_user.timezone == "Europe/Berlin"
    ratings = TopicRating.objects.filter(user=planless_user).values_list("topic_id", "rating")
    assert sorted(ratings) == sorted((t.pk, 2) for t in topics)


BAD_SCHEDULES = [
    (
        {"interview_date": (TODAY - timedelta(days=1)).isoformat()},
        "id_interview_date",
        "The interview date is in the past.",
    ),
    (
        {"start_date": (TODAY + timedelta(days=30)).isoformat()},
        "id_start_date",
        "The start date is after the interview.",
    ),
    ({"study_days": None}, "id_study_days", "Choose at least one study day."),
    ({"minutes_per_day": "0"}, "id_minutes_per_day", "Give at least 15 minutes a day."),
    ({"minutes_per_day": "9999"}, "id_minutes_per_day", "At most 480 minutes (8 hours) a day."),
]
BAD_IDS = ["past-interview", "start-after-interview", "no-study-day", "0-min", "9999-min"]
UNKNOWN_ZONE = "That is not a time zone we know; pick one."
BAD_ZONES = [
    ({"timezone": "Mars/Base"}, "id_timezone", UNKNOWN_ZONE),
    ({"timezone": "Europe/" + "x" * 256}, "id_timezone", UNKNOWN_ZONE),
]
BAD_ZONE_IDS = ["unknown-zone", "zone-of-263-characters"]


def assert_onboarding_input_kept(response, topics, change) -> None:
    page = parse(response)
    values = {
        name: page.find("input", name=name).attrs.get("value")
        for name in ("interview_date", "start_date", "target_role", "minutes_per_day")
    }
    typed = onboarding_data(topics, **change)
    assert values == {name: typed.get(name) for name in values}
    checked_days = [
        i.attrs["value"] for i in page.find_all("input", name="study_days") if "checked" in i.attrs
    ]
    assert checked_days == typed.get("study_days", [])
    for topic in topics:
        checked = [
            i.attrs["value"]
            for i in page.find_all("input", name=f"rating_{topic.pk}")
            if "checked" in i.attrs
        ]
        assert checked == ["2"]


@pytest.mark.parametrize(
    ("change", "field", "message"), BAD_SCHEDULES + BAD_ZONES, ids=BAD_IDS + BAD_ZONE_IDS
)
def test_bad_onboarding_input_says_why_next_to_the_field(planless_client, change, field, message):
    response = planless_client.post("/onboarding/", onboarding_data(study_topics(), **change))

    assert response.status_code == 422
    assert error_next_to(response, field) == message


@pytest.mark.parametrize(
    ("change", "field", "message"), BAD_SCHEDULES + BAD_ZONES, ids=BAD_IDS + BAD_ZONE_IDS
)
def test_bad_onboarding_input_keeps_everything_typed(planless_client, change, field, message):
    topics = study_topics()

    response = planless_client.post("/onboarding/", onboarding_data(topics, **change))

    assert_onboarding_input_kept(response, topics, change)


@pytest.mark.parametrize(
    ("change", "field", "message"), BAD_SCHEDULES + BAD_ZONES, ids=BAD_IDS + BAD_ZONE_IDS
)
def test_bad_onboarding_input_saves_nothing(planless_user, planless_client, change, field, message):
    planless_client.post("/onboarding/", onboarding_data(study_topics(), **change))

    planless_user.refresh_from_db()
    assert planless_user.timezone == "UTC"
    assert not Schedule.objects.filter(user=planless_user).exists()
    assert not TopicRating.objects.filter(user=planless_user).exists()


# --- item endpoints -----------------------------------------------------------------------

ENDPOINT_EFFECTS = {
    "done": ({}, ("done", TICKED_AT, "", "")),
    "undo": ({}, ("pending", None, "", "")),
    "note": ({"note": "Fine"}, ("pending", None, "", "Fine")),
    "skip": ({"reason": "Know it"}, ("skipped", None, "Know it", "")),
}


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_the_owner_posts_to_each_item_endpoint_and_goes_back(learner_client, item, action):
    if action == "undo":
        services.plan_item_set_done(item=item, done=True)
    data, _ = ENDPOINT_EFFECTS[action]

    response = learner_client.post(f"/items/{item.pk}/{action}/", {**data, "next": "/plan/"})

    assert response.status_code == 302
    assert response.url == "/plan/"


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_the_owner_changes_the_item_through_each_endpoint(learner_client, item, action):
    if action == "undo":
        services.plan_item_set_done(item=item, done=True)
    data, expected = ENDPOINT_EFFECTS[action]

    learner_client.post(f"/items/{item.pk}/{action}/", data)

    assert state(item) == expected


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_another_learners_item_is_not_found_and_stays_as_it_was(
    learner_client, plan, others_item, action
):
    data, _ = ENDPOINT_EFFECTS[action]

    response = learner_client.post(f"/items/{others_item.pk}/{action}/", data)

    assert response.status_code == 404
    assert state(others_item) == ("pending", None, "", "")


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_anonymous_posts_to_an_item_are_sent_to_log_in(client, item, action):
    url = f"/items/{item.pk}/{action}/"

    response = client.post(url, {"note": "x", "reason": "x"})

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    assert state(item) == ("pending", None, "", "")


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_a_user_without_a_plan_is_sent_to_onboarding_from_an_item(planless_client, item, action):
    response = planless_client.post(f"/items/{item.pk}/{action}/", {"note": "x", "reason": "x"})

    assert response.status_code == 302
    assert response.url == "/onboarding/"
    assert state(item) == ("pending", None, "", "")


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_get_on_an_item_endpoint_is_not_allowed(learner_client, item, action):
    response = learner_client.get(f"/items/{item.pk}/{action}/")

    assert response.status_code == 405


def test_a_plain_post_without_next_goes_back_to_today(learner_client, item):
    response = learner_client.post(f"/items/{item.pk}/done/")

    assert response.url == "/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/plan/", "http://testserver.evil.example/"]
)
def test_a_plain_post_never_redirects_to_another_site(learner_client, item, target):
    response = learner_client.post(f"/items/{item.pk}/done/", {"next": target})

    assert response.status_code == 302
    assert response.url == "/"


def test_an_htmx_tick_returns_the_done_row_and_no_whole_page(learner_client, item):
    response = htmx(learner_client, f"/items/{item.pk}/done/", current="/plan/")

    assert response.status_code == 200
    page = parse(response)
    assert page.find_all("html") == []
    row = page.by_id(f"item-{item.pk}")
    assert row.classes == {"item", "status-done"}
    assert row.find("button", class_="tick").attrs["aria-label"] == f"Done: {item.title}. Undo"
    assert {i.attrs["value"] for i in row.find_all("input", name="next")} == {"/plan/"}


def test_an_htmx_tick_refreshes_the_summary_out_of_band(learner_client, plan, item):
    response = htmx(learner_client, f"/items/{item.pk}/done/")

    summary = parse(response).by_id("summary")
    total = plan.items.exclude(status="skipped").count()
    assert summary.attrs["hx-swap-oob"] == "true"
    assert summary.find(**{"data-stat": "overall"}).text == f"{round(100 / total)}%"
    assert f"plan complete (1 of {total})" in [s.text for s in summary.find_all("span")]


def test_an_htmx_untick_returns_the_row_to_do(learner_client, item):
    services.plan_item_set_done(item=item, done=True)

    response = htmx(learner_client, f"/items/{item.pk}/undo/")

    assert parse(response).by_id(f"item-{item.pk}").classes == {"item", "status-pending"}
    assert state(item) == ("pending", None, "", "")


def test_an_htmx_tick_on_another_learners_item_is_not_found(learner_client, plan, others_item):
    response = htmx(learner_client, f"/items/{others_item.pk}/done/")

    assert response.status_code == 404
    assert state(others_item) == ("pending", None, "", "")


# --- stale pages: a change made elsewhere is never silently undone --------------------------


def test_a_stale_htmx_skip_of_an_item_done_elsewhere_answers_409(learner_client, item):
    services.plan_item_set_done(item=item, done=True)

    response = htmx(
        learner_client, f"/items/{item.pk}/skip/", {"reason": "Know it", "expected": "pending"}
    )

    assert response.status_code == 409


def test_a_stale_htmx_skip_leaves_the_item_done(learner_client, item):
    services.plan_item_set_done(item=item, done=True)

    htmx(learner_client, f"/items/{item.pk}/skip/", {"reason": "Know it", "expected": "pending"})

    assert state(item) == ("done", TICKED_AT, "", "")


def test_a_stale_htmx_skip_shows_the_done_row_with_the_message(learner_client, item):
    services.plan_item_set_done(item=item, done=True)

    response = htmx(
        learner_client, f"/items/{item.pk}/skip/", {"reason": "Know it", "expected": "pending"}
    )

    row = parse(response).by_id(f"item-{item.pk}")
    assert row.classes == {"item", "status-done"}
    assert row.find("p", role="alert").text == CONFLICT.format(title=item.title)


def test_htmx_swaps_a_409_row_in_so_the_learner_sees_the_message(learner_client, plan):
    meta = parse(learner_client.get("/")).find("meta", name="htmx-config")

    rules = json.loads(meta.attrs["content"])["responseHandling"]
    first_match = next(r for r in rules if re.fullmatch(r["code"], "409"))
    assert first_match == {"code": "409", "swap": True}


def test_a_stale_plain_skip_leaves_the_item_done_and_warns(learner_client, item):
    services.plan_item_set_done(item=item, done=True)

    response = learner_client.post(
        f"/items/{item.pk}/skip/",
        {"reason": "Know it", "expected": "pending", "next": "/plan/"},
        follow=True,
    )

    assert response.redirect_chain == [("/plan/", 302)]
    assert messages_of(response) == [("warning", CONFLICT.format(title=item.title))]
    assert state(item) == ("done", TICKED_AT, "", "")


def test_a_stale_plain_skip_shows_the_item_still_done_on_the_page_it_returns_to(
    learner_client, item
):
    services.plan_item_set_done(item=item, done=True)

    response = learner_client.post(
        f"/items/{item.pk}/skip/", {"reason": "Know it", "expected": "pending"}, follow=True
    )

    assert parse(response).by_id(f"item-{item.pk}").classes == {"item", "status-done"}


def test_a_stale_htmx_tick_of_an_item_skipped_elsewhere_leaves_it_skipped(learner_client, item):
    services.plan_item_skip(item=item, reason="Away")

    response = htmx(learner_client, f"/items/{item.pk}/done/", {"expected": "pending"})

    assert response.status_code == 409
    assert state(item) == ("skipped", None, "Away", "")


def test_a_double_submitted_htmx_tick_is_a_harmless_no_op(learner_client, item, time_machine):
    htmx(learner_client, f"/items/{item.pk}/done/", {"expected": "pending"})
    time_machine.move_to(TICKED_AT + timedelta(minutes=1), tick=False)

    response = htmx(learner_client, f"/items/{item.pk}/done/", {"expected": "pending"})

    assert response.status_code == 200
    assert state(item) == ("done", TICKED_AT, "", "")


def test_a_double_submitted_plain_tick_is_a_harmless_no_op(learner_client, item):
    learner_client.post(f"/items/{item.pk}/done/", {"expected": "pending"})

    response = learner_client.post(f"/items/{item.pk}/done/", {"expected": "pending"}, follow=True)

    assert messages_of(response) == []
    assert state(item) == ("done", TICKED_AT, "", "")


# --- notes and skip reasons ---------------------------------------------------------------


def test_a_note_over_1000_characters_is_refused_with_the_message_next_to_it(learner_client, item):
    response = learner_client.post(f"/items/{item.pk}/note/", {"note": "x" * 1001})

    assert response.status_code == 422
    page = parse(response)
    assert page.find("textarea", name="note").attrs["aria-describedby"] == f"note-{item.pk}-error"
    assert error_next_to(response, f"note-{item.pk}", "-error") == (
        "Keep notes under 1000 characters."
    )


def test_a_note_over_1000_characters_is_kept_for_editing_and_not_saved(learner_client, item):
    long_note = "x" * 1001

    response = learner_client.post(f"/items/{item.pk}/note/", {"note": long_note})

    assert parse(response).find("textarea", name="note").text == long_note
    assert fresh(item).note == ""


def test_a_note_over_1000_characters_by_htmx_comes_back_with_the_message(learner_client, item):
    response = htmx(learner_client, f"/items/{item.pk}/note/", {"note": "y" * 1001})

    assert response.status_code == 422
    assert error_next_to(response, f"note-{item.pk}", "-error") == (
        "Keep notes under 1000 characters."
    )
    assert parse(response).find("textarea", name="note").text == "y" * 1001
    assert fresh(item).note == ""


def test_html_in_a_note_is_shown_as_text(learner_client, item):
    note = '<script>alert("hi")</script><b>x</b>'
    learner_client.post(f"/items/{item.pk}/note/", {"note": note})

    html = learner_client.get("/").content.decode()

    row = parse(html).by_id(f"item-{item.pk}")
    assert row.find("p", class_="item-note").text == f"Note: {note}"
    assert row.find_all("script") == [] and row.find_all("b") == []
    assert escape(note) in html


def test_an_empty_skip_reason_is_refused_with_a_message(learner_client, item):
    response = learner_client.post(f"/items/{item.pk}/skip/", {"reason": "   "})

    assert response.status_code == 422
    assert error_next_to(response, f"skip-{item.pk}", "-error") == "Say briefly why you skip it."
    assert state(item) == ("pending", None, "", "")


def test_an_empty_skip_reason_by_htmx_comes_back_next_to_the_field(learner_client, item):
    response = htmx(learner_client, f"/items/{item.pk}/skip/", {"reason": ""})

    assert response.status_code == 422
    assert error_next_to(response, f"skip-{item.pk}", "-error") == "Say briefly why you skip it."
    assert state(item) == ("pending", None, "", "")


# --- catch-up -----------------------------------------------------------------------------


def test_catch_up_spreads_missed_work_over_the_coming_days(learner_client, plan):
    missed = dict(plan.items.filter(date__lt=TODAY, status="pending").values_list("pk", "date"))
    assert missed
    # Free the coming days by skipping what was planned for them.
    plan.items.filter(date__gte=TODAY).update(status="skipped", skip_reason="room")

    learner_client.post("/plan/catch-up/")

    moved = PlanItem.objects.filter(pk__in=missed)
    assert sorted((i.pk, i.original_date) for i in moved) == sorted(missed.items())
    assert min(i.date for i in moved) >= TODAY


def test_catch_up_says_how_many_items_it_moved_and_goes_back(learner_client, plan):
    count = plan.items.filter(date__lt=TODAY, status="pending").count()
    plan.items.filter(date__gte=TODAY).update(status="skipped", skip_reason="room")

    response = learner_client.post("/plan/catch-up/", {"next": "/plan/"}, follow=True)

    assert response.redirect_chain == [("/plan/", 302)]
    assert messages_of(response) == [
        ("success", f"{count} missed items spread over the coming days.")
    ]


def test_catch_up_says_what_did_not_fit(learner_client, plan):
    missed = plan.items.filter(date__lt=TODAY, status="pending")
    count = missed.count()
    missed.update(minutes=500)  # more than any day holds

    response = learner_client.post("/plan/catch-up/", follow=True)

    assert messages_of(response) == [
        (
            "warning",
            f"{count} items did not fit before your end date; "
            "skip them or add study time in settings.",
        )
    ]


def test_catch_up_with_nothing_overdue_says_you_are_on_track(learner_client, plan):
    plan.items.filter(date__lt=TODAY).update(status="done", completed_at=TICKED_AT)

    response = learner_client.post("/plan/catch-up/", follow=True)

    assert messages_of(response) == [("info", "Nothing to catch up: you are on track.")]


def test_anonymous_catch_up_is_sent_to_log_in(client, db):
    response = client.post("/plan/catch-up/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/plan/catch-up/"


def test_get_on_catch_up_is_not_allowed(learner_client, plan):
    assert learner_client.get("/plan/catch-up/").status_code == 405


def test_catch_up_before_onboarding_goes_to_onboarding(planless_client):
    response = planless_client.post("/plan/catch-up/")

    assert response.status_code == 302
    assert response.url == "/onboarding/"


# --- settings: the schedule -----------------------------------------------------------------


def schedule_data(**overrides) -> dict:
    data = {"section": "schedule", **onboarding_data([], **overrides)}
    data.pop("timezone")
    return data


def test_settings_show_the_saved_dates_in_the_form_a_date_picker_accepts(learner_client, plan):
    page = parse(learner_client.get("/settings/"))

    assert page.find("input", name="interview_date").attrs["value"] == "2025-03-26"
    assert page.find("input", name="start_date").attrs["value"] == "2025-03-03"


def test_saving_the_schedule_says_so_and_returns_to_settings(learner_client, plan):
    response = learner_client.post(
        "/settings/", schedule_data(start_date="2025-03-03"), follow=True
    )

    assert response.redirect_chain == [("/settings/", 302)]
    assert messages_of(response) == [
        ("success", "Schedule saved. The plan was rebuilt from today; everything done is kept.")
    ]


def test_saving_the_schedule_stores_it_and_rebuilds_the_future(learner_client, learner, plan):
    learner_client.post("/settings/", schedule_data(start_date="2025-03-03"))

    schedule = Schedule.objects.get(user=learner)
    assert (schedule.minutes_per_day, schedule.study_days, schedule.target_role) == (
        75,
        "024",
        "Backend wizard",
    )
    weekdays = {d.weekday() for d in plan.items.filter(date__gte=TODAY).dates("date", "day")}
    assert weekdays == {0, 2, 4}


def test_saving_the_schedule_leaves_the_time_zone_alone(learner_client, learner, plan):
    learner.timezone = "Asia/Tokyo"
    learner.save(update_fields=["timezone"])

    response = learner_client.post("/settings/", schedule_data(start_date="2025-03-03"))

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.timezone == "Asia/Tokyo"
    assert Schedule.objects.get(user=learner).minutes_per_day == 75


@pytest.mark.parametrize(("change", "field", "message"), BAD_SCHEDULES, ids=BAD_IDS)
def test_bad_schedule_input_says_why_next_to_the_field_and_keeps_it(
    learner_client, plan, change, field, message
):
    response = learner_client.post("/settings/", schedule_data(**change))

    assert response.status_code == 422
    assert error_next_to(response, field) == message
    assert parse(response).find("input", name="target_role").attrs["value"] == "Backend wizard"


@pytest.mark.parametrize(("change", "field", "message"), BAD_SCHEDULES, ids=BAD_IDS)
def test_bad_schedule_input_changes_nothing(learner_client, learner, plan, change, field, message):
    items_before = set(plan.items.values_list("pk", "date", "minutes"))

    learner_client.post("/settings/", schedule_data(**change))

    schedule = Schedule.objects.get(user=learner)
    assert (schedule.minutes_per_day, schedule.target_role) == (60, "Backend Python engineer")
    assert set(plan.items.values_list("pk", "date", "minutes")) == items_before


# --- settings: the account, with or without a plan ----------------------------------------


def profile_data(**overrides) -> dict:
    return {
        "section": "profile",
        "display_name": "Nina K",
        "timezone": "Europe/Berlin",
        **overrides,
    }


def test_settings_open_for_a_user_without_a_plan(planless_client):
    response = planless_client.get("/settings/")

    assert response.status_code == 200


def test_settings_for_a_user_without_a_plan_show_their_name_and_time_zone(planless_client):
    page = parse(planless_client.get("/settings/"))

    account = page.by_id("account")
    assert account.find("input", name="display_name").attrs["value"] == "Nina"
    assert selected_zone(account) == ["UTC"]


def test_settings_for_a_user_without_a_plan_link_to_setting_one_up(planless_client):
    page = parse(planless_client.get("/settings/"))

    schedule = page.by_id("schedule")
    assert [(a.text, a.attrs["href"]) for a in schedule.find_all("a")] == [
        ("Set up a plan", "/onboarding/")
    ]
    assert schedule.find_all("form") == []


def test_a_user_without_a_plan_saves_their_name_and_time_zone(planless_user, planless_client):
    response = planless_client.post("/settings/", profile_data(), follow=True)

    assert response.redirect_chain == [("/settings/", 302)]
    assert messages_of(response) == [("success", "Account saved.")]
    planless_user.refresh_from_db()
    assert (planless_user.display_name, planless_user.timezone) == ("Nina K", "Europe/Berlin")


def test_saving_the_account_leaves_the_schedule_alone(learner_client, learner, plan):
    # Every field the learner chose (the version only keys cached figures).
    fields = [f.name for f in Schedule._meta.concrete_fields if f.name != "version"]
    before = Schedule.objects.filter(user=learner).values(*fields).get()
    items_before = set(plan.items.values_list("pk", "date"))

    learner_client.post("/settings/", profile_data())

    assert Schedule.objects.filter(user=learner).values(*fields).get() == before
    assert set(plan.items.values_list("pk", "date")) == items_before


@pytest.mark.parametrize("zone", ["Mars/Base", "Europe/" + "x" * 256], ids=["unknown", "263-chars"])
def test_an_unknown_time_zone_in_settings_is_refused_next_to_the_field(
    planless_user, planless_client, zone
):
    response = planless_client.post("/settings/", profile_data(timezone=zone))

    assert response.status_code == 422
    assert error_next_to(response, "id_timezone") == UNKNOWN_ZONE
    assert parse(response).find("input", name="display_name").attrs["value"] == "Nina K"
    planless_user.refresh_from_db()
    assert (planless_user.display_name, planless_user.timezone) == ("Nina", "UTC")


def test_a_display_name_over_80_characters_is_refused_next_to_the_field(
    planless_user, planless_client
):
    response = planless_client.post("/settings/", profile_data(display_name="n" * 81))

    assert response.status_code == 422
    assert error_next_to(response, "id_display_name") == "Keep the name under 80 characters."
    planless_user.refresh_from_db()
    assert planless_user.display_name == "Nina"


@pytest.mark.parametrize(
    ("zone", "heading"),
    [
        ("Pacific/Kiritimati", "Today, Thursday 6 March"),  # UTC+14: already midnight
        ("Pacific/Pago_Pago", "Today, Tuesday 4 March"),  # UTC-11: still last night
    ],
)
def test_changing_the_time_zone_in_settings_changes_which_day_today_is(
    learner_client, plan, zone, heading
):
    before = parse(learner_client.get("/")).find("h1").text

    learner_client.post("/settings/", profile_data(timezone=zone))

    assert before == "Today, Wednesday 5 March"
    assert parse(learner_client.get("/")).find("h1").text == heading


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Pacific/Kiritimati", date(2025, 3, 6)), ("Pacific/Pago_Pago", date(2025, 3, 4))],
)
def test_changing_the_time_zone_in_settings_changes_which_items_today_lists(
    learner_client, plan, zone, day
):
    learner_client.post("/settings/", profile_data(timezone=zone))

    page = parse(learner_client.get("/"))

    expected = list(plan.items.filter(date=day).values_list("pk", flat=True))
    assert len(expected) > 0
    assert page.by_id("today-items").item_ids() == expected


def test_the_form_fields_on_the_settings_page_are_not_mixed_up(learner_client, plan):
    page = parse(learner_client.get("/settings/"))

    sections = {
        section_id: sorted(
            {i.attrs["name"] for i in page.by_id(section_id).find_all() if "name" in i.attrs}
            - {"csrfmiddlewaretoken"}
        )
        for section_id in ("account", "schedule", "ratings")
    }
    study_topics = Topic.objects.filter(kind="study", retired=False).values_list("pk", flat=True)
    assert sections == {
        "account": ["display_name", "section", "timezone"],
        "schedule": [
            "follows_interviews",
            "interview_date",
            "minutes_per_day",
            "section",
            "start_date",
            "study_days",
            "target_role",
        ],
        "ratings": sorted([*(f"rating_{pk}" for pk in study_topics), "section"]),
    }
