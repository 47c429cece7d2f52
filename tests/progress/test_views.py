"""The learner's pages and endpoints: who may see and change what, htmx and plain posts,
and bad input that keeps what was typed and says what is wrong next to the field."""

import re
from datetime import UTC, date, datetime, timedelta
from html import escape

import pytest
from django.test import Client

from curriculum.models import Topic
from progress import services
from progress.models import PlanItem, Profile

from .factories import onboard

TODAY = date(2025, 3, 5)  # a Wednesday
PAGES = ["/", "/plan/", "/progress/", "/settings/"]
ITEM_ENDPOINTS = ["done", "undo", "note", "skip"]


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(datetime(2025, 3, 5, 10, tzinfo=UTC), tick=False)


@pytest.fixture
def plan(learner, curriculum):
    """Onboarded two days ago, so there is work for today and some overdue."""
    return onboard(learner, TODAY - timedelta(days=2), interview_date=TODAY + timedelta(days=21))


@pytest.fixture
def item(plan):
    return plan.items.filter(date=TODAY).order_by("position").first()


@pytest.fixture
def others_item(other_learner, curriculum):
    return onboard(other_learner, TODAY).items.filter(date=TODAY).first()


@pytest.fixture
def newcomer_client(other_learner, curriculum):
    """Signed in, never onboarded."""
    client = Client()
    client.force_login(other_learner)
    return client


def htmx(client, url, data=None, current="/"):
    return client.post(
        url,
        data or {},
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{current}"},
    )


def valid_for(url: str) -> dict:
    return {"note": {"note": "Fine"}, "skip": {"reason": "Know it"}}.get(url.rsplit("/", 2)[-2], {})


def error_next_to(response, field_id: str, suffix: str = "_error") -> str:
    """The message shown right under the field with this id ("" if none)."""
    match = re.search(
        rf'<div class="field-error" id="{re.escape(field_id + suffix)}">(.*?)</div>',
        response.content.decode(),
        re.S,
    )
    return re.sub(r"<[^>]+>", "", match[1]).strip() if match else ""


# --- pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_an_onboarded_learner_opens_each_of_their_pages(learner_client, plan, url):
    response = learner_client.get(url)

    assert response.status_code == 200


def test_today_shows_todays_items_and_the_overdue_ones(learner_client, plan, item):
    response = learner_client.get("/")

    html = response.content.decode()
    assert "Today&#x27;s work" in html or "Today's work" in html
    assert f'id="item-{item.pk}"' in html
    assert "Overdue" in html
    assert "days to the interview" in html


def test_the_plan_page_lists_the_plan_week_by_week(learner_client, plan):
    response = learner_client.get("/plan/")

    assert b"Week 1" in response.content
    assert b"Week 4" in response.content
    assert b"(today)" in response.content


def test_the_progress_page_shows_overall_completion_and_the_weekly_chart(
    learner_client, plan, item
):
    services.item_set_done(item=item, done=True)

    response = learner_client.get("/progress/")

    total = plan.items.exclude(status="skipped").count()
    assert f"1 of {total} planned items done".encode() in response.content
    assert b'<svg class="chart"' in response.content


def test_a_topic_page_shows_my_progress_on_that_topic(learner_client, plan):
    topic = plan.items.filter(topic__isnull=False).first().topic

    response = learner_client.get(f"/topics/{topic.slug}/")

    assert response.status_code == 200
    assert b"My progress" in response.content


def test_a_topic_page_never_shows_another_learners_items(learner_client, plan, others_item):
    services.item_set_note(item=others_item, note="Bob's private thoughts")

    response = learner_client.get(f"/topics/{others_item.topic.slug}/")

    assert b"private thoughts" not in response.content
    assert f'id="item-{others_item.pk}"'.encode() not in response.content


def test_a_topic_page_before_onboarding_has_no_progress_section(newcomer_client):
    slug = Topic.objects.filter(kind=Topic.Kind.STUDY).first().slug

    response = newcomer_client.get(f"/topics/{slug}/")

    assert response.status_code == 200
    assert b"My progress" not in response.content


def test_the_landing_page_greets_anonymous_visitors(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert b"Create your plan" in response.content


@pytest.mark.parametrize("url", [*PAGES[1:], "/onboarding/", "/topics/python-fundamentals/"])
def test_anonymous_visitors_are_sent_to_log_in(client, curriculum, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", PAGES)
def test_a_learner_who_has_not_onboarded_is_sent_to_onboarding(newcomer_client, url):
    response = newcomer_client.get(url)

    assert response.status_code == 302
    assert response.url == "/onboarding/"


def test_onboarding_is_shown_until_it_is_done(newcomer_client):
    response = newcomer_client.get("/onboarding/")

    assert response.status_code == 200
    assert b"Create my plan" in response.content


def test_onboarding_a_second_time_goes_to_settings_instead(learner_client, plan):
    response = learner_client.get("/onboarding/")

    assert response.status_code == 302
    assert response.url == "/settings/"


def test_onboarding_prefills_the_start_date_in_the_form_a_date_picker_accepts(newcomer_client):
    response = newcomer_client.get("/onboarding/")

    assert b'name="start_date" value="2025-03-05"' in response.content


def test_settings_show_the_saved_dates_in_the_form_a_date_picker_accepts(learner_client, plan):
    response = learner_client.get("/settings/")

    assert b'name="interview_date" value="2025-03-26"' in response.content
    assert b'name="start_date" value="2025-03-03"' in response.content


def test_completing_onboarding_builds_the_plan_and_lands_on_today(learner, curriculum, client):
    client.force_login(learner)
    topics = Topic.objects.filter(kind=Topic.Kind.STUDY)

    response = client.post(
        "/onboarding/",
        {
            **onboarding_data(topics),
            "interview_date": (TODAY + timedelta(days=20)).isoformat(),
        },
        follow=True,
    )

    assert response.redirect_chain == [("/", 302)]
    assert b"Your plan is ready" in response.content
    assert PlanItem.objects.filter(plan__user=learner, date=TODAY).exists()


# --- endpoints --------------------------------------------------------------------------


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_the_owner_can_post_to_each_item_endpoint(learner_client, item, action):
    url = f"/items/{item.pk}/{action}/"

    response = learner_client.post(url, {**valid_for(url), "next": "/plan/"})

    assert response.status_code == 302
    assert response.url == "/plan/"


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_another_learners_item_is_not_found(learner_client, plan, others_item, action):
    url = f"/items/{others_item.pk}/{action}/"

    response = learner_client.post(url, valid_for(url))

    assert response.status_code == 404
    others_item.refresh_from_db()
    assert (others_item.status, others_item.note) == ("pending", "")


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_anonymous_posts_to_an_item_are_sent_to_log_in(client, item, action):
    response = client.post(f"/items/{item.pk}/{action}/", {"note": "x", "reason": "x"})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    item.refresh_from_db()
    assert (item.status, item.note) == ("pending", "")


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_a_learner_who_has_not_onboarded_is_sent_to_onboarding_from_an_item(
    newcomer_client, item, action
):
    response = newcomer_client.post(f"/items/{item.pk}/{action}/", {"reason": "x"})

    assert response.status_code == 302
    assert response.url == "/onboarding/"


@pytest.mark.parametrize("action", ITEM_ENDPOINTS)
def test_get_on_an_item_endpoint_is_not_allowed(learner_client, item, action):
    response = learner_client.get(f"/items/{item.pk}/{action}/")

    assert response.status_code == 405


def test_ticking_an_item_marks_it_done(learner_client, item):
    learner_client.post(f"/items/{item.pk}/done/")

    item.refresh_from_db()
    assert item.status == "done"
    assert item.completed_at == datetime(2025, 3, 5, 10, tzinfo=UTC)


def test_unticking_an_item_puts_it_back_to_do(learner_client, item):
    services.item_set_done(item=item, done=True)

    learner_client.post(f"/items/{item.pk}/undo/")

    item.refresh_from_db()
    assert (item.status, item.completed_at) == ("pending", None)


def test_skipping_an_item_keeps_the_reason(learner_client, item):
    learner_client.post(f"/items/{item.pk}/skip/", {"reason": "Covered at work"})

    item.refresh_from_db()
    assert (item.status, item.skip_reason) == ("skipped", "Covered at work")


def test_a_note_is_saved_on_the_item(learner_client, item):
    learner_client.post(f"/items/{item.pk}/note/", {"note": "Re-read the GIL part"})

    item.refresh_from_db()
    assert item.note == "Re-read the GIL part"


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


def test_an_htmx_tick_returns_the_item_row_and_the_refreshed_summary(learner_client, plan, item):
    response = htmx(learner_client, f"/items/{item.pk}/done/", current="/plan/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<li class="item status-done" id="item-{item.pk}">' in html
    assert f'aria-label="Done: {escape(item.title)}. Undo"' in html
    assert '<section id="summary"' in html
    assert 'hx-swap-oob="true"' in html
    total = plan.items.exclude(status="skipped").count()
    assert f"plan complete (1 of {total})" in html
    assert 'name="next" value="/plan/"' in html
    assert "<html" not in html


def test_an_htmx_untick_returns_the_row_to_do(learner_client, item):
    services.item_set_done(item=item, done=True)

    response = htmx(learner_client, f"/items/{item.pk}/undo/")

    assert f'<li class="item status-pending" id="item-{item.pk}">'.encode() in response.content
    assert b'hx-swap-oob="true"' in response.content


def test_an_htmx_tick_on_another_learners_item_is_not_found(learner_client, plan, others_item):
    response = htmx(learner_client, f"/items/{others_item.pk}/done/")

    assert response.status_code == 404


def test_the_owner_can_ask_to_catch_up(learner_client, plan):
    response = learner_client.post("/plan/catch-up/", {"next": "/plan/"}, follow=True)

    assert response.redirect_chain == [("/plan/", 302)]
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) >= 1


def test_catch_up_moves_missed_work_when_there_is_room(learner_client, plan):
    missed = list(plan.items.filter(date__lt=TODAY, status="pending"))
    # Free the coming days by skipping what was planned for them.
    plan.items.filter(date__gte=TODAY).update(status="skipped", skip_reason="room")

    learner_client.post("/plan/catch-up/")

    moved = PlanItem.objects.filter(pk__in=[i.pk for i in missed])
    assert all(i.date >= TODAY and i.original_date < TODAY for i in moved)


def test_anonymous_catch_up_is_sent_to_log_in(client, db):
    response = client.post("/plan/catch-up/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_get_on_catch_up_is_not_allowed(learner_client, plan):
    assert learner_client.get("/plan/catch-up/").status_code == 405


def test_catch_up_before_onboarding_goes_to_onboarding(newcomer_client):
    response = newcomer_client.post("/plan/catch-up/")

    assert response.url == "/onboarding/"


# --- bad input --------------------------------------------------------------------------


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
    ({"timezone": "Mars/Base"}, "id_timezone", "Mars/Base is not a time zone we know"),
]
BAD_IDS = ["past-interview", "start-after-interview", "no-study-day", "0-min", "9999-min", "tz"]


@pytest.mark.parametrize(("change", "field", "message"), BAD_SCHEDULES, ids=BAD_IDS)
def test_bad_onboarding_input_says_why_next_to_the_field_and_keeps_what_was_typed(
    newcomer_client, other_learner, change, field, message
):
    topics = list(Topic.objects.filter(kind=Topic.Kind.STUDY))
    data = onboarding_data(topics, **change)

    response = newcomer_client.post("/onboarding/", data)

    assert response.status_code == 200
    assert message in error_next_to(response, field).replace("&#x27;", "'")
    html = response.content.decode()
    assert 'value="Backend wizard"' in html
    if "minutes_per_day" in change:
        assert f'value="{change["minutes_per_day"]}"' in html
    if "interview_date" in change:
        assert f'value="{change["interview_date"]}"' in html
    assert re.search(rf'name="rating_{topics[0].pk}" value="2"[^>]*checked', html)
    assert not Profile.objects.filter(user=other_learner).exists()


@pytest.mark.parametrize(("change", "field", "message"), BAD_SCHEDULES, ids=BAD_IDS)
def test_bad_settings_input_says_why_next_to_the_field_and_changes_nothing(
    learner_client, learner, plan, change, field, message
):
    data = onboarding_data([], **change)
    items_before = plan.items.count()

    response = learner_client.post("/settings/", data)

    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert 'value="Backend wizard"' in response.content.decode()
    profile = Profile.objects.get(user=learner)
    assert (profile.minutes_per_day, profile.target_role) == (60, "Backend Python engineer")
    assert plan.items.count() == items_before


def test_saving_settings_rebuilds_the_plan_and_says_so(learner_client, learner, plan):
    response = learner_client.post(
        "/settings/",
        onboarding_data([], start_date=(TODAY - timedelta(days=2)).isoformat()),
        follow=True,
    )

    assert response.redirect_chain == [("/settings/", 302)]
    assert b"Schedule saved" in response.content
    assert Profile.objects.get(user=learner).minutes_per_day == 75
    assert {d.weekday() for d in plan.items.filter(date__gte=TODAY).dates("date", "day")} <= {
        0,
        2,
        4,
    }


def test_a_note_over_1000_characters_is_refused_and_kept_for_editing(learner_client, item):
    long_note = "x" * 1001

    response = learner_client.post(f"/items/{item.pk}/note/", {"note": long_note})

    assert response.status_code == 422
    html = response.content.decode()
    assert "Keep notes under 1000 characters." in html
    assert f"{long_note}</textarea>" in html
    assert f'aria-describedby="note-{item.pk}-error"' in html
    item.refresh_from_db()
    assert item.note == ""


def test_a_note_over_1000_characters_by_htmx_comes_back_with_the_message(learner_client, item):
    response = htmx(learner_client, f"/items/{item.pk}/note/", {"note": "y" * 1001})

    assert response.status_code == 422
    assert b"Keep notes under 1000 characters." in response.content
    assert b"y" * 1001 + b"</textarea>" in response.content


def test_html_in_a_note_is_shown_as_text(learner_client, item):
    learner_client.post(f"/items/{item.pk}/note/", {"note": '<script>alert("hi")</script><b>x</b>'})

    html = learner_client.get("/").content.decode()

    assert '<script>alert("hi")</script>' not in html
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in html


def test_an_empty_skip_reason_is_refused_with_a_message(learner_client, item):
    response = learner_client.post(f"/items/{item.pk}/skip/", {"reason": "   "})

    assert response.status_code == 422
    assert b"Say briefly why you skip it." in response.content
    assert f'id="skip-{item.pk}-error"'.encode() in response.content
    item.refresh_from_db()
    assert item.status == "pending"


def test_an_empty_skip_reason_by_htmx_comes_back_next_to_the_field(learner_client, item):
    response = htmx(learner_client, f"/items/{item.pk}/skip/", {"reason": ""})

    assert response.status_code == 422
    assert error_next_to(response, f"skip-{item.pk}", "-error") == "Say briefly why you skip it."
