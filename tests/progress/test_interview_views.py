"""The interview pages: list and add, detail with checklists, edit, delete, tick, add an item,
and the reflection afterwards."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from curriculum.models import Topic
from progress import interview_services
from progress.models import Interview, InterviewChecklistItem
from tests.progress.factories import onboard

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def add_interview(user, when: datetime, company: str = "Acme") -> Interview:
    return interview_services.interview_create(
        user=user,
        data={
            "company": company,
            "role": "Backend engineer",
            "stage": "technical",
            "format": "video",
            "scheduled_at": when,
            "timezone": "UTC",
            "link": "",
            "notes": "",
        },
    )


@pytest.fixture
def client_of(curriculum, learner, client):
    """The learner, onboarded and signed in."""
    onboard(learner, timezone.localdate())
    client.force_login(learner)
    return client


@pytest.fixture
def upcoming(learner, curriculum):
    return add_interview(learner, timezone.now() + timedelta(days=3))


@pytest.fixture
def past(learner, curriculum):
    return add_interview(learner, timezone.now() - timedelta(hours=2), company="Past Corp")


@pytest.fixture
def theirs(other_learner, curriculum):
    return add_interview(other_learner, timezone.now() - timedelta(days=1), company="Theirs Inc")


def interview_form(**overrides) -> dict:
    soon = timezone.localdate() + timedelta(days=5)
    return {
        "company": "Initech",
        "role": "Python developer",
        "stage": "technical",
        "format": "video",
        "date": soon.isoformat(),
        "time": "10:00",
        "link": "https://meet.example.com/abc",
        "notes": "",
        **overrides,
    }


def html(response) -> str:
    return response.content.decode()


def field_error(response, name: str) -> str:
    """The text of the error shown under one field ('' when there is none)."""
    match = re.search(rf'id="id_{name}_error">(.*?)</div>', html(response), re.S)
    return re.sub(r"<[^>]+>", "", match[1]).strip() if match else ""


def form_error(response) -> str:
    match = re.search(r'<div class="message error" role="alert">(.*?)</div>', html(response), re.S)
    return re.sub(r"<[^>]+>", "", match[1]).strip() if match else ""


def section(response, element_id: str) -> str:
    match = re.search(rf'id="{element_id}".*?</section>', html(response), re.S)
    return match[0] if match else ""


# --- the list and the add form --------------------------------------------------------------


def test_the_interview_list_shows_an_upcoming_interview(client_of, upcoming):
    response = client_of.get("/interviews/")
    assert response.status_code == 200 and "Acme: Backend engineer" in html(response)


def test_the_interview_list_shows_a_past_interview_under_past(client_of, past):
    response = client_of.get("/interviews/")
    assert "Past Corp" in html(response).split('id="past-heading"')[1]


def test_the_interview_list_does_not_show_another_learners_interview(client_of, theirs):
    assert "Theirs Inc" not in html(client_of.get("/interviews/"))


def test_adding_an_interview_redirects_to_its_page(client_of, learner):
    response = client_of.post("/interviews/", interview_form())
    interview = Interview.objects.get(user=learner)
    assert response.status_code == 302 and response.url == f"/interviews/{interview.pk}/"


def test_an_added_interview_gets_its_checklists(client_of, learner):
    client_of.post("/interviews/", interview_form())
    assert InterviewChecklistItem.objects.filter(interview__user=learner).count() > 10


def test_an_added_interview_belongs_to_the_signed_in_learner(client_of, learner, other_learner):
    client_of.post("/interviews/", {**interview_form(), "user": other_learner.pk})
    assert Interview.objects.get().user == learner


def test_an_interview_in_the_past_is_refused_next_to_the_date(client_of):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_of.post("/interviews/", interview_form(date=yesterday))
    assert response.status_code == 422
    assert field_error(response, "date") == "This date and time are in the past."


def test_a_refused_interview_keeps_what_was_typed(client_of):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_of.post("/interviews/", interview_form(date=yesterday))
    assert 'value="Initech"' in html(response) and f'value="{yesterday}"' in html(response)


def test_a_refused_interview_is_not_saved(client_of):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client_of.post("/interviews/", interview_form(date=yesterday))
    assert not Interview.objects.exists()


def test_an_unknown_stage_is_refused_next_to_the_stage(client_of):
    response = client_of.post("/interviews/", interview_form(stage="final-boss"))
    assert response.status_code == 422
    assert "Select a valid choice" in field_error(response, "stage")
    assert 'value="Initech"' in html(response)


def test_an_invalid_link_is_refused_next_to_the_link(client_of):
    response = client_of.post("/interviews/", interview_form(link="not a link"))
    assert response.status_code == 422
    assert field_error(response, "link") == "Enter a full web address, starting with https://."
    assert 'value="not a link"' in html(response)


def test_a_missing_company_is_refused_next_to_the_company(client_of):
    response = client_of.post("/interviews/", interview_form(company=""))
    assert response.status_code == 422
    assert field_error(response, "company") == "This field is required."
    assert 'value="Python developer"' in html(response)


def test_oversized_interview_notes_are_refused_next_to_the_notes(client_of):
    response = client_of.post("/interviews/", interview_form(notes="n" * 4001))
    assert response.status_code == 422
    assert field_error(response, "notes") == "Keep this under 4000 characters."


def test_past_interviews_paginate_at_twenty(client_of, learner):
    for n in range(25):
        add_interview(learner, timezone.now() - timedelta(days=n + 1), company=f"Company {n:02}")
    response = client_of.get("/interviews/?page=2")
    assert response.status_code == 200 and "Page 2 of 2" in html(response)


def test_the_second_page_of_past_interviews_holds_the_oldest_five(client_of, learner):
    for n in range(25):
        add_interview(learner, timezone.now() - timedelta(days=n + 1), company=f"Company {n:02}")
    page = html(client_of.get("/interviews/?page=2"))
    assert [f"Company {n:02}" in page for n in (19, 20, 24)] == [False, True, True]


# --- the interview page ------------------------------------------------------------------


def test_the_interview_page_shows_its_three_checklists(client_of, upcoming):
    page = html(client_of.get(f"/interviews/{upcoming.pk}/"))
    assert all(f"{phase} the interview" in page for phase in ("Before", "During", "After"))


def test_the_interview_page_lists_each_checklist_item(client_of, upcoming):
    page = html(client_of.get(f"/interviews/{upcoming.pk}/"))
    missing = [
        i.text for i in upcoming.checklist.all() if f"Mark done: {escape(i.text)}" not in page
    ]
    assert missing == []


def test_html_typed_in_interview_notes_is_escaped(client_of, learner):
    client_of.post("/interviews/", interview_form(notes=SCRIPT))
    page = html(client_of.get(f"/interviews/{Interview.objects.get().pk}/"))
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_the_reflection_form_is_closed_before_the_interview(client_of, upcoming):
    page = html(client_of.get(f"/interviews/{upcoming.pk}/"))
    assert "The reflection opens once the interview has started." in page
    assert f'action="/interviews/{upcoming.pk}/reflection/"' not in page


def test_the_reflection_form_is_open_after_the_interview_has_started(client_of, past):
    page = html(client_of.get(f"/interviews/{past.pk}/"))
    assert f'action="/interviews/{past.pk}/reflection/"' in page


# --- edit and delete ---------------------------------------------------------------------


def test_the_edit_page_shows_the_interview_date_in_its_zone(client_of, learner):
    interview = add_interview(learner, datetime(2031, 7, 1, 9, 30, tzinfo=UTC))
    interview.timezone = "Europe/London"
    interview.save()
    page = html(client_of.get(f"/interviews/{interview.pk}/edit/"))
    assert 'value="2031-07-01"' in page and 'value="10:30:00"' in page


def test_editing_an_interview_saves_the_changes(client_of, upcoming):
    response = client_of.post(
        f"/interviews/{upcoming.pk}/edit/", interview_form(company="Renamed Ltd")
    )
    upcoming.refresh_from_db()
    assert response.status_code == 302 and upcoming.company == "Renamed Ltd"


def test_an_interview_can_be_moved_into_the_past_by_editing(client_of, upcoming):
    yesterday = timezone.localdate() - timedelta(days=1)
    client_of.post(f"/interviews/{upcoming.pk}/edit/", interview_form(date=yesterday.isoformat()))
    upcoming.refresh_from_db()
    assert upcoming.scheduled_at.date() == yesterday


def test_editing_with_bad_input_is_refused_and_keeps_what_was_typed(client_of, upcoming):
    response = client_of.post(
        f"/interviews/{upcoming.pk}/edit/", interview_form(company="", role="Staff engineer")
    )
    assert response.status_code == 422
    assert field_error(response, "company") == "This field is required."
    assert 'value="Staff engineer"' in html(response)


def test_deleting_an_interview_removes_it(client_of, upcoming):
    response = client_of.post(f"/interviews/{upcoming.pk}/delete/")
    assert response.status_code == 302 and response.url == "/interviews/"
    assert not Interview.objects.filter(pk=upcoming.pk).exists()


def test_deleting_an_interview_removes_its_checklist(client_of, upcoming):
    client_of.post(f"/interviews/{upcoming.pk}/delete/")
    assert not InterviewChecklistItem.objects.filter(interview_id=upcoming.pk).exists()


# --- ticking checklist items -------------------------------------------------------------


def first_item(interview) -> InterviewChecklistItem:
    return interview.checklist.filter(phase="before").first()


def test_ticking_an_item_marks_it_done(client_of, upcoming):
    item = first_item(upcoming)
    client_of.post(f"/interviews/{upcoming.pk}/checklist/{item.pk}/", {"done": "1"})
    item.refresh_from_db()
    assert item.done_at is not None


def test_ticking_without_javascript_returns_to_the_item_on_the_interview_page(client_of, upcoming):
    item = first_item(upcoming)
    response = client_of.post(f"/interviews/{upcoming.pk}/checklist/{item.pk}/", {"done": "1"})
    assert response.status_code == 302
    assert response.url == f"/interviews/{upcoming.pk}/#check-{item.pk}"


def test_ticking_with_htmx_returns_the_checklist_item_partial(client_of, upcoming):
    item = first_item(upcoming)
    response = client_of.post(
        f"/interviews/{upcoming.pk}/checklist/{item.pk}/",
        {"done": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["progress/interviews/checklist_item.html"]


def test_the_htmx_partial_shows_the_item_as_done(client_of, upcoming):
    item = first_item(upcoming)
    response = client_of.post(
        f"/interviews/{upcoming.pk}/checklist/{item.pk}/",
        {"done": "1"},
        headers={"HX-Request": "true"},
    )
    page = html(response)
    assert page.lstrip().startswith(f'<li class="check-item is-done" id="check-{item.pk}">')
    assert f"Done: {item.text}. Undo" in page


def test_ticking_twice_keeps_the_time_of_the_first_tick(client_of, upcoming):
    item = first_item(upcoming)
    url = f"/interviews/{upcoming.pk}/checklist/{item.pk}/"
    client_of.post(url, {"done": "1"})
    item.refresh_from_db()
    first = item.done_at
    client_of.post(url, {"done": "1"})
    item.refresh_from_db()
    assert item.done_at == first


def test_unticking_an_item_marks_it_not_done(client_of, upcoming):
    item = first_item(upcoming)
    url = f"/interviews/{upcoming.pk}/checklist/{item.pk}/"
    client_of.post(url, {"done": "1"})
    client_of.post(url, {"done": "0"})
    item.refresh_from_db()
    assert item.done_at is None


def test_an_item_of_another_interview_cannot_be_ticked_through_mine(client_of, upcoming, theirs):
    item = first_item(theirs)
    response = client_of.post(f"/interviews/{upcoming.pk}/checklist/{item.pk}/", {"done": "1"})
    item.refresh_from_db()
    assert response.status_code == 404 and item.done_at is None


# --- adding a checklist item -------------------------------------------------------------


def test_adding_a_checklist_item_puts_it_on_the_interview(client_of, upcoming):
    response = client_of.post(
        f"/interviews/{upcoming.pk}/checklist/",
        {"phase": "before", "text": "Print the CV", "hours": "-3"},
    )
    item = upcoming.checklist.get(text="Print the CV")
    assert response.status_code == 302
    assert item.due_at == upcoming.scheduled_at - timedelta(hours=3)


def test_a_checklist_item_with_empty_text_is_refused_next_to_the_text(client_of, upcoming):
    response = client_of.post(
        f"/interviews/{upcoming.pk}/checklist/", {"phase": "after", "text": "", "hours": "-7"}
    )
    assert response.status_code == 422
    assert field_error(response, "text") == "This field is required."
    assert 'value="-7"' in html(response)


def test_a_refused_checklist_item_is_not_saved(client_of, upcoming):
    before = upcoming.checklist.count()
    client_of.post(
        f"/interviews/{upcoming.pk}/checklist/", {"phase": "after", "text": "", "hours": "-7"}
    )
    assert upcoming.checklist.count() == before


def test_html_typed_in_a_checklist_item_is_escaped(client_of, upcoming):
    client_of.post(
        f"/interviews/{upcoming.pk}/checklist/", {"phase": "before", "text": SCRIPT, "hours": "-1"}
    )
    page = html(client_of.get(f"/interviews/{upcoming.pk}/"))
    assert SCRIPT not in page and "&lt;script&gt;" in page


# --- the reflection ----------------------------------------------------------------------


def system_design() -> Topic:
    return Topic.objects.get(slug="system-design")


def test_a_reflection_after_the_interview_is_saved(client_of, past):
    response = client_of.post(
        f"/interviews/{past.pk}/reflection/",
        {"went_well": "Clear answers", "to_improve": "", "outcome": "pending"},
    )
    past.refresh_from_db()
    assert response.status_code == 302
    assert (past.went_well, past.reflected_at is not None) == ("Clear answers", True)


def test_a_reflection_records_the_topics_to_improve(client_of, past):
    client_of.post(
        f"/interviews/{past.pk}/reflection/",
        {"topics": [system_design().pk], "outcome": "moved-on"},
    )
    assert list(past.improve_topics.values_list("slug", flat=True)) == ["system-design"]


def test_a_reflection_with_nothing_filled_in_is_refused(client_of, past):
    response = client_of.post(
        f"/interviews/{past.pk}/reflection/", {"went_well": "", "outcome": "offer"}
    )
    assert response.status_code == 422
    assert form_error(response) == (
        "Write something that went well or needs work, or pick a topic."
    )


def test_a_refused_reflection_keeps_the_outcome_chosen(client_of, past):
    response = client_of.post(
        f"/interviews/{past.pk}/reflection/", {"went_well": "", "outcome": "offer"}
    )
    assert '<option value="offer" selected>' in html(response)


def test_a_reflection_before_the_interview_has_started_is_refused(client_of, upcoming):
    response = client_of.post(
        f"/interviews/{upcoming.pk}/reflection/",
        {"went_well": "Too early", "outcome": "pending"},
    )
    upcoming.refresh_from_db()
    assert response.status_code == 422
    assert form_error(response) == "The reflection opens once the interview has started."
    assert upcoming.reflected_at is None


def test_a_reflection_refused_before_the_interview_keeps_what_was_typed(client_of, upcoming):
    response = client_of.post(
        f"/interviews/{upcoming.pk}/reflection/",
        {"went_well": "Typed too early", "outcome": "pending"},
    )
    assert "Typed too early</textarea>" in html(response)


def test_html_typed_in_a_reflection_is_escaped(client_of, past):
    client_of.post(
        f"/interviews/{past.pk}/reflection/", {"to_improve": SCRIPT, "outcome": "pending"}
    )
    page = html(client_of.get(f"/interviews/{past.pk}/"))
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_a_reflected_topic_appears_among_the_weak_areas_on_the_today_view(
    curriculum, learner, client
):
    study = Topic.objects.filter(kind="study")
    onboard(
        learner,
        timezone.localdate(),
        ratings={t.pk: 5 if t.slug == "system-design" else 3 for t in study},
    )
    client.force_login(learner)
    past = add_interview(learner, timezone.now() - timedelta(hours=2))
    assert "System design" not in section(client.get("/"), "weak-areas")
    client.post(
        f"/interviews/{past.pk}/reflection/",
        {"topics": [system_design().pk], "outcome": "pending"},
    )
    assert "System design" in section(client.get("/"), "weak-areas")


def test_a_reflected_topic_gives_its_reason_on_the_progress_page(client_of, past):
    client_of.post(
        f"/interviews/{past.pk}/reflection/",
        {"topics": [system_design().pk], "outcome": "pending"},
    )
    weak = section(client_of.get("/progress/"), "weak-areas")
    entry = re.search(r'data-topic="system-design">.*?</li>', weak, re.S)[0]
    assert "named in 1 reflection" in entry


def test_the_today_view_lists_the_next_checklist_item_of_an_upcoming_interview(client_of, upcoming):
    first = upcoming.checklist.order_by("due_at", "position").first()
    page = html(client_of.get("/"))
    assert "Interview checklist: due next" in page and first.text in page


# --- who may do what ---------------------------------------------------------------------

OWNED_GET = ["/interviews/{id}/", "/interviews/{id}/edit/"]
OWNED_POST = [
    "/interviews/{id}/edit/",
    "/interviews/{id}/delete/",
    "/interviews/{id}/checklist/",
    "/interviews/{id}/checklist/{item}/",
    "/interviews/{id}/reflection/",
]


def fill(url: str, interview) -> str:
    return url.format(id=interview.pk, item=first_item(interview).pk)


@pytest.mark.parametrize("url", OWNED_GET)
def test_another_learners_interview_pages_answer_404(client_of, theirs, url):
    assert client_of.get(fill(url, theirs)).status_code == 404


@pytest.mark.parametrize("url", OWNED_POST)
def test_another_learners_interview_endpoints_answer_404(client_of, theirs, url):
    data = {
        **interview_form(),
        "phase": "before",
        "text": "Mine now",
        "hours": "-1",
        "done": "1",
        "went_well": "Stolen",
        "outcome": "offer",
    }
    assert client_of.post(fill(url, theirs), data).status_code == 404


def test_another_learners_interview_is_left_untouched_by_my_posts(client_of, theirs):
    for url in OWNED_POST:
        client_of.post(
            fill(url, theirs),
            {**interview_form(), "text": "x", "hours": "1", "phase": "before", "done": "1"},
        )
    theirs.refresh_from_db()
    assert (theirs.company, theirs.checklist.filter(done_at__isnull=False).count()) == (
        "Theirs Inc",
        0,
    )


def test_an_interview_that_does_not_exist_answers_404(client_of):
    assert client_of.get("/interviews/999999/").status_code == 404


@pytest.mark.parametrize("url", ["/interviews/", *OWNED_GET])
def test_an_anonymous_visitor_is_sent_to_log_in_from_interview_pages(client, theirs, url):
    response = client.get(fill(url, theirs))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", OWNED_POST)
def test_an_anonymous_post_to_an_interview_endpoint_is_sent_to_log_in(client, theirs, url):
    response = client.post(fill(url, theirs), {"done": "1"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/interviews/{id}/delete/",
        "/interviews/{id}/checklist/",
        "/interviews/{id}/checklist/{item}/",
        "/interviews/{id}/reflection/",
    ],
)
def test_get_on_a_post_only_interview_endpoint_answers_405(client_of, upcoming, url):
    assert client_of.get(fill(url, upcoming)).status_code == 405


def test_get_on_delete_leaves_the_interview_in_place(client_of, upcoming):
    client_of.get(f"/interviews/{upcoming.pk}/delete/")
    assert Interview.objects.filter(pk=upcoming.pk).exists()


def test_a_learner_who_has_not_onboarded_is_sent_to_onboarding(client, other_learner):
    client.force_login(other_learner)
    response = client.get("/interviews/")
    assert response.status_code == 302 and response.url == "/onboarding/"


def test_the_today_view_lists_follow_ups_of_a_past_interview_but_not_its_before_items(
    client_of, past
):
    response = client_of.get("/")

    due_next = response.text.split('id="checks-heading"')[1].split("</section>")[0]
    assert "Send a thank-you e-mail" in due_next
    assert "Research the company thoroughly" not in due_next


def test_the_today_view_lists_the_before_items_of_an_interview_ahead(client_of, upcoming):
    response = client_of.get("/")

    due_next = response.text.split('id="checks-heading"')[1].split("</section>")[0]
    first_due = upcoming.checklist.filter(done_at__isnull=True).order_by("due_at").first()
    assert escape(first_due.text) in due_next
